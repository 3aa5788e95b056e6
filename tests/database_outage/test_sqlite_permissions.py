"""File permissions that stop SQLite, met by `engagements serve` in its own process, then fixed while it runs.

A WAL database needs its directory writable (for the -shm and -wal files) even to read,
and its file writable to write. Root ignores permission bits, so as root the service runs
without the capabilities that let it (setpriv drops CAP_DAC_OVERRIDE and friends from its
bounding set): it stays uid 0, the files' owner, and the owner's bits apply to it.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.database_outage.service import NEW_ENGAGEMENT, editor_key
from tests.database_outage.test_sqlite_faults import migrate_file

WITHOUT_PERMISSION_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def _unprivileged() -> list[str]:
    """The command prefix under which permission bits apply to a child process."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root, where file permissions do not apply, and setpriv (util-linux) is missing")
    return WITHOUT_PERMISSION_OVERRIDE


@contextmanager
def serving(url: str, workdir: Path) -> Iterator[httpx.Client]:
    """`engagements serve` on a free port, as `_unprivileged()`; a client for it once it answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": url, "ENGAGEMENTS_LOG_LEVEL": "warning"}
    command = [*_unprivileged(), sys.executable, "-m", "app.cli", "serve", "--port", str(port)]
    process = subprocess.Popen(command, env=env, cwd=workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=20) as client:
            deadline = time.monotonic() + 30
            while True:
                try:
                    client.get("/health")  # any answer will do: it may well be a 503
                    break
                except httpx.TransportError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"the service did not start: {process.communicate(timeout=5)[0][-2000:]}")
                    time.sleep(0.1)
            yield client
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_an_unwritable_directory_and_a_read_only_file_then_fixed_without_a_restart(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "engagements.db"
    url = f"sqlite:///{path}"
    migrate_file(path)
    editor = editor_key(url)
    assert sorted(p.name for p in folder.iterdir()) == ["engagements.db"]  # no -wal or -shm left behind
    new = {"json": NEW_ENGAGEMENT, "headers": editor}

    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        with serving(url, tmp_path) as client:
            # Not even reads: WAL needs to create its -shm file next to the database.
            _assert_read_only(client.get("/engagements"))
            _assert_read_only(client.post("/engagements", **new))
            health = client.get("/health")
            assert health.status_code == 503 and "Retry-After" in health.headers
            assert health.json() == {
                "status": "unavailable", "database": "sqlite", "reason": "read_only",
                "detail": health.json()["detail"], "retry_after": int(health.headers["Retry-After"]),
            }
            assert str(tmp_path) not in health.text

            folder.chmod(0o755)  # the operator fixes the directory: reads work, the file is still read-only
            assert client.get("/engagements").status_code == 200
            assert client.get("/health").json() == {"status": "ok", "database": "sqlite"}
            _assert_read_only(client.post("/engagements", **new))

            # SQLite made the -shm file read-only like the database, so the operator fixes all
            # three (chmod 644 engagements.db*): the next write succeeds, no restart.
            for file in folder.iterdir():
                file.chmod(0o644)
            created = client.post("/engagements", **new)
            assert created.status_code == 201, created.text
            assert client.get(f"/engagements/{created.json()['id']}").status_code == 200
    finally:
        folder.chmod(0o755)
        for file in folder.iterdir():
            file.chmod(0o644)


def _assert_read_only(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert (response.json()["code"], response.json()["reason"]) == ("database_unavailable", "read_only")
    assert int(response.headers["Retry-After"]) >= 1
