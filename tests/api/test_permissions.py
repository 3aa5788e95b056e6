"""Who may write: every write operation in the OpenAPI document, with no key and a key of each role.

The operations come from `app.openapi()`, not from a list kept by hand: a new endpoint is
covered the day it is added, and one that forgot its role dependency fails here.
"""

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy.orm import Session

from app.auth import service as key_service
from app.main import create_app
from app.models.enums import Role
from tests.factories import (
    make_action,
    make_document,
    make_engagement,
    make_location,
    make_organization,
    make_participation,
    make_person,
)
from tests.problem_assertions import assert_problem

WRITE_METHODS = ("post", "patch", "put", "delete")
# Paths only an admin may write; every other write needs an editor.
ADMIN_ONLY = ("/api-keys",)


def write_operations() -> list[tuple[str, str]]:
    paths: dict[str, dict[str, Any]] = create_app().openapi()["paths"]
    return sorted((method.upper(), path) for path, item in paths.items() for method in item if method in WRITE_METHODS)


OPERATIONS = write_operations()


def test_the_matrix_sees_the_known_write_operations() -> None:
    """A guard: if the OpenAPI walk found nothing, every test below would pass vacuously."""
    assert {
        ("POST", "/engagements"),
        ("PATCH", "/engagements/{engagement_id}"),
        ("DELETE", "/engagements/{engagement_id}"),
        ("POST", "/engagements/{engagement_id}/restore"),
        ("POST", "/engagements/{engagement_id}/review"),
        ("POST", "/api-keys"),
        ("POST", "/api-keys/{key_id}/revoke"),
    } <= set(OPERATIONS)


@pytest.fixture
def records(session: Session) -> dict[str, int]:
    """One live record per collection, so ids in paths name something real where that is easy."""
    engagement = make_engagement(session)
    person = make_person(session)
    _, plain = key_service.create(session, "matrix-spare", Role.reader)
    return {
        "engagements": engagement.id,
        "participants": person.id,
        "organizations": make_organization(session).id,
        "locations": make_location(session).id,
        "agreed-actions": make_action(session, engagement).id,
        "participations": make_participation(session, engagement, person).id,
        "documents": make_document(session).id,
        "api-keys": key_service.authenticate(session, plain).id,  # type: ignore[union-attr]
    }


def concrete(path: str, records: dict[str, int]) -> str:
    """The path with its first id naming a record of its collection, any others 1."""
    collection = path.strip("/").split("/")[0]
    first = str(records.get(collection, 1))
    path = re.sub(r"\{[^}]+\}", first, path, count=1)
    return re.sub(r"\{[^}]+\}", "1", path)


def call(client: TestClient, method: str, path: str, headers: dict[str, str]) -> Response:
    # An empty body and no If-Match: after auth, a 422/428/404 is fine; the point is who gets in.
    body = {} if method in ("POST", "PATCH", "PUT") else None
    return client.request(method, path, json=body, headers=headers)


def assert_unauthorized(response: Response) -> None:
    assert_problem(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_write_operation_permissions(
    client: TestClient, auth: dict[str, dict[str, str]], records: dict[str, int], method: str, path: str
) -> None:
    """No key 401, reader 403, editor 403 only where admins alone may write, admin always let in."""
    url = concrete(path, records)
    admin_only = path.startswith(ADMIN_ONLY)
    for who in ("anonymous", "reader", "editor", "admin"):
        response = call(client, method, url, {} if who == "anonymous" else auth[who])
        assert response.status_code < 500, (who, response.text)
        if who == "anonymous":
            assert_unauthorized(response)
        elif who == "reader" or (who == "editor" and admin_only):
            assert_problem(response, 403, "forbidden")
        else:
            assert response.status_code not in (401, 403), (who, response.text)


@pytest.mark.parametrize(("method", "path"), [("POST", "/engagements"), ("GET", "/engagements"), ("GET", "/audit")])
def test_an_unknown_or_revoked_key_is_401_even_where_reading_is_open(
    client: TestClient, session: Session, method: str, path: str
) -> None:
    api_key, plain = key_service.create(session, "soon-gone", Role.admin)
    assert call(client, method, path, {"Authorization": f"Bearer {plain}"}).status_code != 401
    key_service.revoke(session, api_key.id)

    for key in (plain, "eng_not-a-key", plain + "x", ""):
        response = call(client, method, path, {"Authorization": f"Bearer {key}"})
        if key == "" and method == "GET" and path == "/engagements":
            assert response.status_code == 200  # an empty credential is no credential: open reading
        else:
            assert_unauthorized(response)


def test_a_non_bearer_scheme_is_not_a_key(client: TestClient, auth: dict[str, dict[str, str]]) -> None:
    token = auth["admin"]["Authorization"].removeprefix("Bearer ")
    assert_unauthorized(client.post("/engagements", json={}, headers={"Authorization": f"Basic {token}"}))


@pytest.mark.parametrize("path", ["/audit", "/api-keys"])
def test_admin_reads_need_an_admin_key(client: TestClient, auth: dict[str, dict[str, str]], path: str) -> None:
    assert_unauthorized(client.get(path))
    assert_problem(client.get(path, headers=auth["reader"]), 403, "forbidden")
    assert_problem(client.get(path, headers=auth["editor"]), 403, "forbidden")
    assert client.get(path, headers=auth["admin"]).status_code == 200
