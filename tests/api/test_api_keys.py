"""/api-keys: a key is shown once, stored as a hash, works at once and stops at once when revoked."""

import hashlib

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import ApiKey
from tests.problem_assertions import assert_problem

NEW_KEY = {"name": "desk-officer-1", "role": "editor"}
ENGAGEMENT = {"title": "Colombia-U.S. Army Staff Talks", "type": "staff_talks", "countries": ["CO", "US"]}


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_created_key_is_shown_once_and_stored_as_its_hash(
    client: TestClient, session: Session, auth: dict[str, dict[str, str]]
) -> None:
    created = client.post("/api-keys", json=NEW_KEY, headers=auth["admin"])
    assert created.status_code == 201, created.text
    body = created.json()
    plain = body["key"]
    assert plain.startswith("eng_") and len(plain) > 40
    assert (body["name"], body["role"], body["revoked_at"]) == ("desk-officer-1", "editor", None)
    assert plain.startswith(body["key_prefix"]) and len(body["key_prefix"]) < 16
    assert "key_hash" not in body

    listed = client.get("/api-keys", headers=auth["admin"])
    assert listed.status_code == 200
    [shown] = [key for key in listed.json() if key["name"] == "desk-officer-1"]
    assert "key" not in shown and "key_hash" not in shown
    assert plain not in listed.text

    stored = session.scalars(select(ApiKey).where(ApiKey.name == "desk-officer-1")).one()
    assert stored.key_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert plain not in {str(getattr(stored, column.key)) for column in ApiKey.__table__.columns}


def test_new_key_works_and_stops_working_when_revoked(client: TestClient, auth: dict[str, dict[str, str]]) -> None:
    created = client.post("/api-keys", json=NEW_KEY, headers=auth["admin"]).json()
    assert client.post("/engagements", json=ENGAGEMENT, headers=bearer(created["key"])).status_code == 201

    revoked = client.post(f"/api-keys/{created['id']}/revoke", headers=auth["admin"])
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["revoked_at"] is not None and "key" not in revoked.json()

    refused = client.post("/engagements", json=ENGAGEMENT, headers=bearer(created["key"]))
    assert_problem(refused, 401, "unauthorized")
    assert refused.headers["www-authenticate"] == "Bearer"
    again = client.post(f"/api-keys/{created['id']}/revoke", headers=auth["admin"])
    assert again.status_code == 200  # harmless, and the first revocation time stays
    # (SQLite hands timestamps back without their zone, so compare the instants' digits.)
    assert again.json()["revoked_at"].removesuffix("Z") == revoked.json()["revoked_at"].removesuffix("Z")


def test_role_of_a_new_key_is_enforced(client: TestClient, auth: dict[str, dict[str, str]]) -> None:
    reader = client.post("/api-keys", json={"name": "analyst", "role": "reader"}, headers=auth["admin"]).json()
    assert_problem(client.post("/engagements", json=ENGAGEMENT, headers=bearer(reader["key"])), 403, "forbidden")
    admin = client.post("/api-keys", json={"name": "second-admin", "role": "admin"}, headers=auth["admin"]).json()
    assert client.get("/api-keys", headers=bearer(admin["key"])).status_code == 200


def test_duplicate_name_is_409(client: TestClient, auth: dict[str, dict[str, str]]) -> None:
    assert client.post("/api-keys", json=NEW_KEY, headers=auth["admin"]).status_code == 201
    assert_problem(client.post("/api-keys", json={**NEW_KEY, "role": "admin"}, headers=auth["admin"]), 409, "conflict")
    names = [key["name"] for key in client.get("/api-keys", headers=auth["admin"]).json()]
    assert names.count("desk-officer-1") == 1


def test_invalid_bodies_and_unknown_keys(client: TestClient, auth: dict[str, dict[str, str]]) -> None:
    for body in ({"name": "x", "role": "superuser"}, {"name": "has space", "role": "reader"}, {"name": "x"},
                 {**NEW_KEY, "key": "eng_chosen-by-me"}):
        assert_problem(client.post("/api-keys", json=body, headers=auth["admin"]), 422, "validation_failed")
    assert_problem(client.post("/api-keys/999999/revoke", headers=auth["admin"]), 404, "api_key_not_found")


def test_creation_and_revocation_are_audited(client: TestClient, auth: dict[str, dict[str, str]]) -> None:
    created = client.post("/api-keys", json=NEW_KEY, headers=auth["admin"]).json()
    client.post(f"/api-keys/{created['id']}/revoke", headers=auth["admin"])

    log = client.get(
        "/audit", params={"record_type": "api_key", "record_id": created["id"]}, headers=auth["admin"]
    ).json()["items"]
    assert [(entry["action"], entry["actor"]) for entry in log] == [("revoke", "test-admin"), ("create", "test-admin")]
    revoke, create = log
    assert create["before"] is None and create["after"]["name"] == "desk-officer-1"
    assert revoke["before"]["revoked_at"] is None and revoke["after"]["revoked_at"] is not None
    # The log keeps the hash's absence too: neither the key nor anything that verifies it.
    assert created["key"] not in str(log)
    assert all("key_hash" not in (entry[side] or {}) for entry in log for side in ("before", "after"))
