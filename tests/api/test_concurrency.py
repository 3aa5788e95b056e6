"""Twenty editors at once, against the real server and the real sessions, on SQLite and PostgreSQL.

No dependency overrides and no shared test transaction: uvicorn serves the app from a thread,
every request opens its own connection, and the database alone decides who wins. The
question is the one If-Match exists for: does anyone's change get silently lost?
"""

import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
import uvicorn

from app import db
from app.auth import service as key_service
from app.main import create_app
from app.models.enums import Role
from tests.databases import migrate, reset_cached_settings, scratch_postgres_database

EDITORS = 20
T = TypeVar("T")


@dataclass(frozen=True)
class LiveServer:
    base_url: str
    editor: dict[str, str]
    admin: dict[str, str]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def live_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app under uvicorn on a free port, on a fresh migrated database of each kind."""
    with pytest.MonkeyPatch.context() as patch, _database_url(request.param, tmp_path_factory.mktemp("live")) as url:
        patch.setenv("DATABASE_URL", url)
        reset_cached_settings()
        try:
            migrate(db.get_engine())
            with db.session_scope(write=True) as session:
                _, editor = key_service.create(session, "concurrent-editor", Role.editor)
                _, admin = key_service.create(session, "concurrent-admin", Role.admin)
            server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=0, log_level="warning"))
            thread = threading.Thread(target=server.run, daemon=True)
            thread.start()
            try:
                port = _wait_until_serving(server, thread)
                yield LiveServer(f"http://127.0.0.1:{port}", _bearer(editor), _bearer(admin))
            finally:
                server.should_exit = True
                thread.join(timeout=10)
        finally:
            db.get_engine().dispose()  # PostgreSQL drops the database only once nobody is connected
            reset_cached_settings()


def _database_url(kind: str, directory: Path) -> AbstractContextManager[str]:
    if kind == "postgresql":
        return scratch_postgres_database("engagements_concurrency")  # skips or fails per REQUIRE_POSTGRES
    return nullcontext(f"sqlite:///{directory / 'live.db'}")


def _wait_until_serving(server: uvicorn.Server, thread: threading.Thread) -> int:
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.01)
    port: int = server.servers[0].sockets[0].getsockname()[1]
    with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
        assert client.get("/health").status_code == 200
    return port


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _all_at_once(work: Callable[[int, httpx.Client], T], server: LiveServer) -> list[T]:
    """Run `work(i, client)` on EDITORS threads, each with its own connection."""

    def run(index: int) -> T:
        with httpx.Client(base_url=server.base_url, timeout=60) as client:
            return work(index, client)

    with ThreadPoolExecutor(max_workers=EDITORS) as pool:
        return list(pool.map(run, range(EDITORS)))


@pytest.fixture
def engagement(live_server: LiveServer) -> dict[str, Any]:
    with httpx.Client(base_url=live_server.base_url) as client:
        created = client.post(
            "/engagements",
            json={"title": "Colombia-U.S. Army Staff Talks", "type": "staff_talks", "countries": ["CO", "US"]},
            headers=live_server.editor,
        )
    assert created.status_code == 201, created.text
    return created.json()


def audit_updates(server: LiveServer, engagement_id: int) -> list[dict[str, Any]]:
    with httpx.Client(base_url=server.base_url) as client:
        page = client.get(
            "/audit",
            params={"record_type": "engagement", "record_id": engagement_id, "action": "update", "limit": 200},
            headers=server.admin,
        )
    assert page.status_code == 200, page.text
    return page.json()["items"]


def test_same_version_twenty_patches_one_wins(live_server: LiveServer, engagement: dict[str, Any]) -> None:
    url = f"/engagements/{engagement['id']}"
    barrier = threading.Barrier(EDITORS, timeout=30)

    def edit(index: int, client: httpx.Client) -> tuple[str, httpx.Response]:
        etag = client.get(url).headers["etag"]
        barrier.wait()  # everyone holds the same version before anyone writes
        title = f"Title by editor {index}"
        return title, client.patch(url, json={"title": title}, headers={**live_server.editor, "If-Match": etag})

    results = _all_at_once(edit, live_server)

    statuses = Counter(response.status_code for _, response in results)
    assert statuses == {200: 1, 412: EDITORS - 1}, statuses
    for _, response in results:
        if response.status_code == 412:
            assert response.headers["content-type"] == "application/problem+json"
            assert response.json()["code"] == "precondition_failed"
    [winner] = [title for title, response in results if response.status_code == 200]

    with httpx.Client(base_url=live_server.base_url) as client:
        final = client.get(url)
    assert final.json()["title"] == winner
    assert final.json()["version"] == engagement["version"] + 1
    assert final.headers["etag"].startswith(f'"{engagement["version"] + 1}.')
    [entry] = audit_updates(live_server, engagement["id"])
    assert entry["after"]["title"] == winner and entry["before"]["title"] == engagement["title"]


def test_read_modify_write_with_retries_loses_nothing(live_server: LiveServer, engagement: dict[str, Any]) -> None:
    url = f"/engagements/{engagement['id']}"
    barrier = threading.Barrier(EDITORS, timeout=30)

    def increment(_: int, client: httpx.Client) -> list[tuple[str, int]]:
        statuses = []
        barrier.wait()
        for _attempt in range(200):
            current = client.get(url)
            statuses.append(("GET", current.status_code))
            count = current.json()["agreed_actions_reported"] or 0
            response = client.patch(
                url,
                json={"agreed_actions_reported": count + 1},
                headers={**live_server.editor, "If-Match": current.headers["etag"]},
            )
            statuses.append(("PATCH", response.status_code))
            if response.status_code != 412:
                return statuses
            time.sleep(random.uniform(0, 0.01))  # what a client does after losing: back off a little
        pytest.fail("an editor never got its turn")

    statuses = Counter(status for attempts in _all_at_once(increment, live_server) for status in attempts)

    # No 500, no 503 "database is locked": every refusal is a 412, and every editor wins once.
    assert set(statuses) <= {("GET", 200), ("PATCH", 200), ("PATCH", 412)}, statuses
    assert statuses["PATCH", 200] == EDITORS
    with httpx.Client(base_url=live_server.base_url) as client:
        final = client.get(url).json()
    assert final["agreed_actions_reported"] == EDITORS
    assert final["version"] == engagement["version"] + EDITORS
    updates = audit_updates(live_server, engagement["id"])
    assert len(updates) == EDITORS
    assert sorted(entry["after"]["agreed_actions_reported"] for entry in updates) == list(range(1, EDITORS + 1))
