"""The app as it runs in production (its own engine, pool and sessions; no overrides) at a given DATABASE_URL."""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import sessionmaker

from app import db
from app.auth import service as key_service
from app.db import build_engine
from app.main import create_app
from app.models.enums import Role
from tests.databases import reset_cached_settings
from tests.problem_assertions import assert_problem

# A request may wait for connect_timeout (3 s) before it is answered; anything near this
# bound would mean a request hangs on a database that is gone. A bound, not a benchmark.
PROMPT_SECONDS = 10.0

NEW_ENGAGEMENT = {"title": "Ghana-Germany Navy Staff Talks", "type": "staff_talks", "countries": ["DE", "GH"], "start_date": "2026-03"}


@dataclass
class Service:
    client: TestClient
    editor: dict[str, str]

    def timed(self, method: str, path: str, **kwargs: Any) -> tuple[httpx.Response, float]:
        started = time.monotonic()
        response = self.client.request(method, path, **kwargs)
        return response, time.monotonic() - started

    def create_engagement(self, title: str = NEW_ENGAGEMENT["title"]) -> httpx.Response:  # type: ignore[assignment]
        return self.client.post("/engagements", json={**NEW_ENGAGEMENT, "title": title}, headers=self.editor)


def editor_key(url: str) -> dict[str, str]:
    """Headers with a new editor key, written to the database at `url` directly."""
    engine = build_engine(url)
    try:
        with db.session_scope(sessionmaker(engine), write=True) as session:
            _, plain = key_service.create(session, f"outage-editor-{time.monotonic_ns()}", Role.editor)
    finally:
        engine.dispose()
    return {"Authorization": f"Bearer {plain}"}


@contextmanager
def service_at(url: str, editor: dict[str, str] | None = None) -> Iterator[Service]:
    """The app with DATABASE_URL=url, and editor headers (a new key unless given)."""
    headers = editor if editor is not None else editor_key(url)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        reset_cached_settings()
        try:
            with TestClient(create_app(), raise_server_exceptions=False) as client:
                yield Service(client, headers)
        finally:
            db.get_engine().dispose()
            reset_cached_settings()


def assert_unavailable(response: httpx.Response, reason: str, seconds: float | None = None) -> None:
    """503 problem+json naming `reason`, with Retry-After; promptly, when `seconds` is given."""
    body = assert_problem(response, 503, "database_unavailable")
    assert body["reason"] == reason, body
    assert int(response.headers["Retry-After"]) >= 1
    if seconds is not None:
        assert seconds < PROMPT_SECONDS, f"{response.request.method} {response.request.url.path} took {seconds:.1f} s"


def assert_health_unavailable(response: httpx.Response, reason: str, database: str) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/json"
    assert int(response.headers["Retry-After"]) >= 1
    body = response.json()
    assert (body["status"], body["database"], body["reason"]) == ("unavailable", database, reason)
    assert body["detail"]


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("condition not reached in time")
        time.sleep(0.05)
