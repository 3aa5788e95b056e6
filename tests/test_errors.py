"""One error shape everywhere (RFC 9457 problem+json with a stable code), pinned here.

These tests use the real request session (no override), on a migrated SQLite file, so the
commit-before-response behaviour of the session dependency is what is tested.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app import db
from app.deps import SessionDep
from app.main import create_app
from app.models import Engagement
from tests.databases import migrate, reset_cached_settings
from tests.problem_assertions import assert_problem


@pytest.fixture
def live_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FastAPI]:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'errors.db'}")
    reset_cached_settings()
    migrate(db.get_engine())
    application = create_app()

    @application.get("/_test/bad-commit", include_in_schema=False)
    def bad_commit(session: SessionDep) -> dict[str, str]:
        # Countries out of order break a CHECK constraint: only the commit can find out.
        session.add(Engagement(title="x", type="meeting", country_a="US", country_b="PE", start_precision="unknown"))
        return {"status": "written"}

    @application.get("/_test/crash", include_in_schema=False)
    def crash() -> None:
        raise RuntimeError("secret internal detail")

    yield application
    db.get_engine().dispose()
    reset_cached_settings()


@pytest.fixture
def live_client(live_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(live_app, raise_server_exceptions=False) as client:
        yield client


def test_missing_record(live_client: TestClient) -> None:
    body = assert_problem(live_client.get("/participants/7"), 404, "participant_not_found")
    assert body["instance"] == "/participants/7"


def test_unknown_route(live_client: TestClient) -> None:
    assert_problem(live_client.get("/no-such-thing"), 404, "not_found")


def test_wrong_method(live_client: TestClient) -> None:
    assert_problem(live_client.delete("/engagements"), 405, "method_not_allowed")


def test_wrong_method_lists_every_method_of_the_path(live_client: TestClient) -> None:
    # Found by Schemathesis: FastAPI keeps a route per method, and the 405 named the first one's only.
    assert live_client.delete("/engagements").headers["allow"] == "GET, POST"
    assert live_client.put("/engagements/1").headers["allow"] == "DELETE, GET, PATCH"
    assert live_client.options("/engagements/1/restore").headers["allow"] == "POST"


def test_a_body_that_is_not_utf8_is_a_422_like_one_that_is_not_json(live_client: TestClient) -> None:
    # Found by Schemathesis: FastAPI answered these bytes with an undocumented 400.
    for body in (b"\xff\x0b\xfeG", b"{not json"):
        problem = assert_problem(live_client.post("/api-keys", content=body, headers={"content-type": "application/json"}), 422, "validation_failed")
        assert problem["errors"][0]["loc"][0] == "body"


def test_validation_names_each_field(live_client: TestClient) -> None:
    body = assert_problem(live_client.get("/engagements?limit=0&year=x"), 422, "validation_failed")
    assert {e["field"] for e in body["errors"]} == {"limit", "year"}
    assert all(e["message"] for e in body["errors"])


def test_failing_commit_is_an_error_not_a_lost_write(live_client: TestClient) -> None:
    assert_problem(live_client.get("/_test/bad-commit"), 409, "conflict")
    assert live_client.get("/engagements").json()["total"] == 0


def test_unexpected_error_hides_its_details(live_client: TestClient) -> None:
    response = live_client.get("/_test/crash")
    body = assert_problem(response, 500, "internal_error")
    assert "secret" not in response.text and "Traceback" not in response.text
    assert body["detail"] == "An unexpected error occurred."


def test_health_reports_the_database(live_client: TestClient) -> None:
    assert live_client.get("/health").json() == {"status": "ok", "database": "sqlite"}
