"""GET /audit: every write is there with who, what, before and after; each filter narrows it."""

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import AuditEntry
from tests.factories import make_engagement
from tests.problem_assertions import assert_problem


def entries(client: TestClient, headers: dict[str, str], **params: object) -> list[dict]:
    response = client.get("/audit", params={"limit": 200, **params}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def patch(client: TestClient, url: str, body: dict, headers: dict[str, str]) -> dict:
    etag = client.get(url).headers["etag"]
    response = client.patch(url, json=body, headers={**headers, "If-Match": etag})
    assert response.status_code == 200, response.text
    return response.json()


def test_patch_is_logged_with_before_and_after(client: TestClient, session: Session, auth: dict[str, dict[str, str]]) -> None:
    engagement = make_engagement(session, title="Old title", agreed_actions_reported=3)
    before_version = engagement.version
    patch(client, f"/engagements/{engagement.id}", {"title": "New title", "agreed_actions_reported": 4}, auth["editor"])

    [entry] = entries(client, auth["admin"], record_type="engagement", record_id=engagement.id)
    assert (entry["action"], entry["actor"], entry["record_type"], entry["record_id"]) == (
        "update", "test-editor", "engagement", engagement.id
    )
    before, after = entry["before"], entry["after"]
    assert (before["title"], before["agreed_actions_reported"], before["version"]) == ("Old title", 3, before_version)
    assert (after["title"], after["agreed_actions_reported"], after["version"]) == ("New title", 4, before_version + 1)
    assert before["curated_fields"] in ([], None) and after["curated_fields"] == ["agreed_actions_reported", "title"]
    assert after["review_state"] == "corrected"
    # Only what changed differs (plus the bookkeeping the change implies).
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {"title", "agreed_actions_reported", "version", "curated_fields", "review_state"}
    assert "text" not in after and "created_at" not in after and "updated_at" not in after
    # The same moment prints the same way on both databases: in UTC, with its zone.
    assert datetime.fromisoformat(entry["at"]).utcoffset() == timedelta(0)


@pytest.fixture
def history(client: TestClient, session: Session, auth: dict[str, dict[str, str]]) -> dict[str, int]:
    """An update by the editor, a delete by the admin, a create by the editor."""
    edited = make_engagement(session, title="Edited")
    deleted = make_engagement(session, title="Deleted")
    patch(client, f"/engagements/{edited.id}", {"title": "Edited again"}, auth["editor"])
    gone = client.delete(f"/engagements/{deleted.id}", headers={**auth["admin"], "If-Match": f'"{deleted.version}"'})
    assert gone.status_code == 204, gone.text
    created = client.post(
        "/engagements", json={"title": "Created", "type": "meeting", "countries": ["PE", "US"]}, headers=auth["editor"]
    )
    assert created.status_code == 201, created.text
    return {"edited": edited.id, "deleted": deleted.id, "created": created.json()["id"]}


def summary(items: list[dict]) -> list[tuple[str, int, str, str]]:
    return [(item["record_type"], item["record_id"], item["action"], item["actor"]) for item in items]


def test_filters_narrow_the_log(client: TestClient, auth: dict[str, dict[str, str]], history: dict[str, int]) -> None:
    admin = auth["admin"]
    edited, deleted, created = history["edited"], history["deleted"], history["created"]

    assert summary(entries(client, admin, record_type="engagement", record_id=edited)) == [
        ("engagement", edited, "update", "test-editor")
    ]
    assert summary(entries(client, admin, record_type="engagement", record_id=deleted)) == [
        ("engagement", deleted, "delete", "test-admin")
    ]
    assert summary(entries(client, admin, key="test-admin")) == [("engagement", deleted, "delete", "test-admin")]
    by_editor = summary(entries(client, admin, key="test-editor", record_type="engagement"))
    assert by_editor == [("engagement", created, "create", "test-editor"), ("engagement", edited, "update", "test-editor")]
    assert [item[1] for item in summary(entries(client, admin, action="create", record_type="engagement"))] == [created]
    assert entries(client, admin, key="nobody") == []
    assert entries(client, admin, record_type="person") == []


def test_newest_first_and_paginated(client: TestClient, auth: dict[str, dict[str, str]], history: dict[str, int]) -> None:
    page = client.get("/audit", params={"record_type": "engagement", "limit": 2}, headers=auth["admin"]).json()
    assert page["total"] == 3 and len(page["items"]) == 2 and page["next"]
    ids = [item["id"] for item in entries(client, auth["admin"], record_type="engagement")]
    assert ids == sorted(ids, reverse=True)


def test_since_and_until(client: TestClient, session: Session, auth: dict[str, dict[str, str]]) -> None:
    for year in (2020, 2021, 2023):
        session.add(AuditEntry(
            at=datetime(year, 6, 1, 12, tzinfo=UTC), actor="clock", action="update", record_type="engagement",
            record_id=year, before=None, after=None,
        ))
    session.flush()

    def years(**params: str) -> list[int]:
        return [item["record_id"] for item in entries(client, auth["admin"], key="clock", **params)]

    assert years() == [2023, 2021, 2020]
    assert years(since="2021-01-01T00:00:00Z") == [2023, 2021]
    assert years(until="2021-01-01T00:00:00Z") == [2020]
    assert years(since="2021-01-01T00:00:00Z", until="2022-01-01T00:00:00Z") == [2021]
    assert years(since="2021-06-01T12:00:00Z", until="2021-06-01T12:00:01Z") == [2021]  # since is inclusive
    assert years(until="2021-06-01T12:00:00Z") == [2020]  # until is exclusive
    assert years(since="2030-01-01") == []
    assert years(since="2021-06-01T14:00:00+02:00", until="2021-06-01T12:00:01") == [2021]  # zones count; none = UTC


def test_entries_of_this_moment_are_found_by_their_own_time(
    client: TestClient, session: Session, auth: dict[str, dict[str, str]]
) -> None:
    engagement = make_engagement(session)
    patch(client, f"/engagements/{engagement.id}", {"title": "Now"}, auth["editor"])
    [entry] = entries(client, auth["admin"], record_type="engagement", record_id=engagement.id)
    at = entry["at"]
    assert len(entries(client, auth["admin"], record_type="engagement", record_id=engagement.id, since=at)) == 1
    assert entries(client, auth["admin"], record_type="engagement", record_id=engagement.id, until=at) == []


@pytest.mark.parametrize(
    "params",
    [
        {"since": "yesterday"},
        {"record_type": "Engagement"},
        {"record_id": 0},
        {"limit": 1000},
        {"until": "0.5"},  # found by Schemathesis: read as Unix seconds, although the schema says date-time
        {"since": "1700000000"},
        {"since": "2025-01-01T00:00:00.1234567890123Z"},
    ],
)
def test_invalid_filters_are_422(client: TestClient, auth: dict[str, dict[str, str]], params: dict) -> None:
    assert_problem(client.get("/audit", params=params, headers=auth["admin"]), 422, "validation_failed")


@pytest.mark.parametrize("params", [{"since": "0001-01-01T00:00:00+01:00"}, {"until": "9999-12-31T23:59:59-01:00"}, {"since": "1799-12-31"}])
def test_times_outside_the_accepted_years_are_422(client: TestClient, auth: dict[str, dict[str, str]], params: dict) -> None:
    # A zone offset on the calendar's first or last day runs off what Python and the databases hold.
    assert_problem(client.get("/audit", params=params, headers=auth["admin"]), 422, "invalid_parameter")


@pytest.mark.parametrize("key", ["desk\x00officer", "desk\x1bofficer"])
def test_control_characters_in_a_text_filter_are_422(client: TestClient, auth: dict[str, dict[str, str]], key: str) -> None:
    # PostgreSQL refuses NUL in text: the filter is refused before it reaches the database.
    assert_problem(client.get("/audit", params={"key": key}, headers=auth["admin"]), 422, "invalid_parameter")
    assert_problem(client.get("/audit", params={"action": key}, headers=auth["admin"]), 422, "invalid_parameter")


def test_only_admins_read_the_log(client: TestClient, auth: dict[str, dict[str, str]]) -> None:
    refused = client.get("/audit")
    assert_problem(refused, 401, "unauthorized")
    assert refused.headers["www-authenticate"] == "Bearer"
    assert_problem(client.get("/audit", headers=auth["reader"]), 403, "forbidden")
    assert_problem(client.get("/audit", headers=auth["editor"]), 403, "forbidden")
