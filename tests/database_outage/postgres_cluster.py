"""A throwaway PostgreSQL server of its own (initdb + pg_ctl in a temporary directory) that a test may stop.

The shared server at TEST_POSTGRES_URL serves every other test, so it is never stopped;
this one is. It runs from the binaries of the installed server (Debian keeps them in
/usr/lib/postgresql/<version>/bin), listens on a free port of 127.0.0.1 only, trusts
local connections and has no Unix socket. PostgreSQL refuses to run as root, so as root
the server runs as the `postgres` user (through runuser).
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.databases import REQUIRE_POSTGRES

TIMEOUT = 60


def _bindir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if candidates:
        return Path(candidates[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresCluster:
    def __init__(self, bindir: Path, root: Path, as_user: list[str]) -> None:
        self.bindir = bindir
        self.data = root / "data"
        self.log = root / "server.log"
        self.port = _free_port()
        self._as_user = as_user

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def initdb(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync")

    def start(self) -> None:
        # fsync off: nothing here needs to survive the machine; it halves the start time.
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off -c max_connections=30"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", str(TIMEOUT), "start")

    def stop(self, mode: str = "immediate") -> None:
        """`immediate`: the server dies at once, like a crash; every client connection is cut."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", str(TIMEOUT), "stop")

    def _run(self, program: str, *args: str) -> None:
        completed = subprocess.run(
            [*self._as_user, str(self.bindir / program), *args], capture_output=True, text=True, timeout=TIMEOUT
        )
        if completed.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{program} failed: {completed.stderr.strip()}\n{log}")


def _unavailable(reason: str) -> None:
    if REQUIRE_POSTGRES:
        pytest.fail(f"REQUIRE_POSTGRES=1 but a throwaway PostgreSQL server cannot be made: {reason}")
    pytest.skip(f"a throwaway PostgreSQL server cannot be made: {reason}")


@contextmanager
def throwaway_cluster() -> Iterator[PostgresCluster]:
    """A running server of its own, stopped and deleted afterwards."""
    bindir = _bindir()
    if bindir is None:
        _unavailable("no initdb found (install the postgresql package)")
    assert bindir is not None
    as_user: list[str] = []
    root = Path(tempfile.mkdtemp(prefix="engagements-pg-"))
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root)
            _unavailable("running as root and there is no postgres user to run the server as")
        os.chown(root, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    cluster = PostgresCluster(bindir, root, as_user)
    try:
        cluster.initdb()
        cluster.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(str(exc).splitlines()[0])
    try:
        yield cluster
    finally:
        try:
            cluster.stop("immediate")
        except RuntimeError:
            pass  # already stopped by the test
        shutil.rmtree(root, ignore_errors=True)
