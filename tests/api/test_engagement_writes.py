"""Writing engagements: create, PATCH with If-Match, review, soft delete and restore, all audited."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEntry, Engagement
from app.models.enums import Origin, ReviewState
from tests.factories import make_action, make_engagement, make_location, make_participation, make_person, make_series
from tests.problem_assertions import assert_problem

NEW = {"title": "First Ghana-Germany Navy Staff Talks", "type": "staff_talks", "countries": ["Germany", "GH"], "start_date": "2026-03"}


def with_version(headers: dict[str, str], version: int | str) -> dict[str, str]:
    return {**headers, "If-Match": f'"{version}"'}


def audit_actions(session: Session, engagement_id: int) -> list[str]:
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.record_type == "engagement", AuditEntry.record_id == engagement_id).order_by(AuditEntry.id)
    )
    return [entry.action for entry in entries]


def test_an_editor_creates_an_engagement_stated_by_a_person(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    response = client.post("/engagements", json=NEW, headers=auth["editor"])
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["country_a"], body["country_b"]) == ("DE", "GH")
    assert (body["start_date"], body["start_precision"], body["earliest_date"], body["latest_date"]) == ("2026-03", "month", "2026-03-01", "2026-03-31")
    assert (body["origin"], body["review_state"], body["version"]) == ("manual", "accepted", 1)
    assert response.headers["ETag"] == '"1"'
    assert response.headers["Location"] == f"/engagements/{body['id']}"
    stored = session.get(Engagement, body["id"])
    assert stored is not None and {"title", "type", "countries", "start_date"} <= set(stored.curated_fields)
    assert audit_actions(session, body["id"]) == ["create"]


def test_patch_needs_the_current_etag(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    engagement = make_engagement(session)
    url = f"/engagements/{engagement.id}"
    etag = client.get(url).headers["ETag"]
    assert etag.startswith(f'"{engagement.version}.')  # the version, then the body's hash
    assert_problem(client.patch(url, json={"title": "Renamed"}, headers=auth["editor"]), 428, "precondition_required")
    assert_problem(client.patch(url, json={"title": "Renamed"}, headers={**auth["editor"], "If-Match": "*"}), 428, "precondition_required")
    assert_problem(client.patch(url, json={"title": "Renamed"}, headers=with_version(auth["editor"], 99)), 412, "precondition_failed")
    changed = client.patch(url, json={"title": "Renamed", "mode": "virtual"}, headers={**auth["editor"], "If-Match": etag})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["title"], changed.json()["mode"], changed.json()["review_state"]) == ("Renamed", "virtual", "corrected")
    assert changed.headers["ETag"] == f'"{engagement.version}"' != etag
    # The old ETag is now stale: a second editor who read before the change cannot overwrite it.
    assert_problem(client.patch(url, json={"title": "Lost update"}, headers={**auth["editor"], "If-Match": etag}), 412, "precondition_failed")
    assert set(session.get(Engagement, engagement.id).curated_fields) >= {"title", "mode"}  # type: ignore[union-attr]
    assert audit_actions(session, engagement.id) == ["update"]


def test_patch_recomputes_the_covered_days_from_partial_dates(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    engagement = make_engagement(session)
    response = client.patch(f"/engagements/{engagement.id}", json={"start_date": "2025-05-05", "end_date": "2025-05-09"}, headers=with_version(auth["editor"], 1))
    body = response.json()
    assert (body["start_precision"], body["end_precision"], body["earliest_date"], body["latest_date"]) == ("day", "day", "2025-05-05", "2025-05-09")
    cleared = client.patch(f"/engagements/{engagement.id}", json={"start_date": None, "end_date": None}, headers=with_version(auth["editor"], 2))
    assert (cleared.json()["start_precision"], cleared.json()["earliest_date"]) == ("unknown", None)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"colour": "blue"}, "colour"),
        ({"id": 5}, "id"),
        ({"version": 7}, "version"),
        ({"review_state": "accepted"}, "review_state"),
        ({"type": "party"}, "type"),
        ({"title": None}, None),
        ({"countries": ["PE", "Peru"]}, "countries"),
        ({"countries": ["PE", "Atlantis"]}, "countries"),
        ({"start_date": "2025-13"}, "start_date"),
        ({"start_date": "2025-05-09", "end_date": "2025-05-01"}, "end_date"),
        ({"edition": 3}, "edition"),
        ({"location_id": 2_000_000}, "location_id"),
        ({"series_id": 2_000_000}, "series_id"),
        ({"agreed_actions_reported": -1}, "agreed_actions_reported"),
    ],
)
def test_invalid_changes_are_refused_with_the_field_named(client: TestClient, session: Session, auth: dict[str, Any], changes: dict[str, Any], field: str | None) -> None:
    engagement = make_engagement(session)
    session.commit()  # a refused request rolls back only its own work
    response = client.patch(f"/engagements/{engagement.id}", json=changes, headers=with_version(auth["editor"], 1))
    assert response.status_code == 422, response.text
    body = response.json()
    if field is not None:
        assert field in {error["field"] for error in body["errors"]}
    assert session.get(Engagement, engagement.id).version == 1  # type: ignore[union-attr]


def test_references_to_live_records_are_accepted(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    engagement = make_engagement(session)
    location, series = make_location(session), make_series(session)
    response = client.patch(
        f"/engagements/{engagement.id}", json={"location_id": location.id, "series_id": series.id, "edition": 4}, headers=with_version(auth["editor"], 1)
    )
    assert response.status_code == 200, response.text
    assert (response.json()["location"]["id"], response.json()["series"]["id"], response.json()["edition"]) == (location.id, series.id, 4)


def test_review_accepts_corrects_or_rejects(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    engagement = make_engagement(session, title="Colombia-U.S. talks")
    url = f"/engagements/{engagement.id}"
    assert engagement.review_state == ReviewState.pending and engagement.origin == Origin.extracted
    assert client.get("/engagements", params={"review_state": "pending"}).json()["total"] == 1
    accepted = client.post(f"{url}/review", json={"decision": "accept"}, headers=with_version(auth["editor"], 1))
    assert accepted.json()["review_state"] == "accepted"
    assert client.get("/engagements", params={"review_state": "pending"}).json()["total"] == 0
    bad = client.post(f"{url}/review", json={"decision": "correct"}, headers=with_version(auth["editor"], 2))
    assert bad.status_code == 422
    corrected = client.post(f"{url}/review", json={"decision": "correct", "changes": {"title": "Colombia-U.S. Army Staff Talks"}}, headers=with_version(auth["editor"], 2))
    assert (corrected.json()["review_state"], corrected.json()["title"]) == ("corrected", "Colombia-U.S. Army Staff Talks")
    rejected = client.post(f"{url}/review", json={"decision": "reject"}, headers=with_version(auth["editor"], 3))
    assert rejected.json()["review_state"] == "rejected"
    assert client.get("/engagements").json()["total"] == 0
    assert [item["id"] for item in client.get("/engagements", params={"review_state": "rejected"}).json()["items"]] == [engagement.id]
    assert client.get(url).json()["review_state"] == "rejected"  # still readable by id
    assert audit_actions(session, engagement.id) == ["review:accept", "review:correct", "review:reject"]


def test_delete_hides_everywhere_and_restore_brings_back(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    engagement = make_engagement(session)
    person = make_person(session)
    make_participation(session, engagement, person)
    url = f"/engagements/{engagement.id}"
    assert client.delete(url, headers=auth["editor"]).status_code == 428
    assert client.delete(url, headers=with_version(auth["editor"], 1)).status_code == 204
    assert_problem(client.get(url), 404, "engagement_not_found")
    assert client.get("/engagements").json()["total"] == 0
    assert client.get("/engagements", params={"review_state": "pending"}).json()["total"] == 0
    assert_problem(client.patch(url, json={"title": "x"}, headers=with_version(auth["editor"], 2)), 404, "engagement_not_found")
    restored = client.post(f"{url}/restore", headers=auth["editor"])
    assert restored.status_code == 200 and restored.json()["id"] == engagement.id
    assert_problem(client.post(f"{url}/restore", headers=auth["editor"]), 409, "conflict")
    assert client.get(url).status_code == 200
    assert audit_actions(session, engagement.id) == ["delete", "restore"]


def test_nested_facts_hide_when_deleted_or_rejected(client: TestClient, session: Session) -> None:
    engagement = make_engagement(session)
    kept, rejected = make_action(session, engagement, "Expand NCO exchanges"), make_action(session, engagement, "Hold a cyber workshop")
    rejected.review_state = ReviewState.rejected
    deleted_person = make_person(session, "Luis Fernando Navarro", "CO")
    make_participation(session, engagement, deleted_person)
    deleted_person.deleted_at = deleted_person.created_at
    session.flush()
    body = client.get(f"/engagements/{engagement.id}").json()
    assert [action["id"] for action in body["agreed_actions"]] == [kept.id]
    assert body["participants"] == []


def test_the_audit_entry_keeps_before_and_after(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    engagement = make_engagement(session, title="Old title")
    client.patch(f"/engagements/{engagement.id}", json={"title": "New title"}, headers=with_version(auth["editor"], 1))
    entry = session.scalars(select(AuditEntry).where(AuditEntry.record_id == engagement.id, AuditEntry.record_type == "engagement")).one()
    assert (entry.actor, entry.before["title"], entry.after["title"]) == ("test-editor", "Old title", "New title")  # type: ignore[index]
    assert (entry.before["version"], entry.after["version"]) == (1, 2)  # type: ignore[index]


# Found by Schemathesis (tests/api/test_schemathesis.py), each pinned here.


def test_a_missing_if_match_is_428_before_the_body_is_looked_at(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    engagement = make_engagement(session)
    url = f"/engagements/{engagement.id}"
    assert_problem(client.patch(url, json={"title": 12}, headers=auth["editor"]), 428, "precondition_required")
    assert_problem(client.post(f"{url}/review", json={"decision": "maybe"}, headers=auth["editor"]), 428, "precondition_required")
    assert_problem(client.patch(url, json={"title": 12}, headers=with_version(auth["editor"], 1)), 422, "validation_failed")
    assert_problem(client.patch("/engagements/99999", json={}, headers=auth["editor"]), 428, "precondition_required")


@pytest.mark.parametrize("value", [True, False, "12", "twelve"])
def test_a_number_in_a_body_is_a_json_number(client: TestClient, session: Session, auth: dict[str, Any], value: Any) -> None:
    # `false` was stored as 0 and "12" as 12: Pydantic's lax mode, not what the schema says.
    for field in ("edition", "agreed_actions_reported", "location_id"):
        body = assert_problem(client.post("/engagements", json={**NEW, field: value}, headers=auth["editor"]), 422, "validation_failed")
        assert field in {error["field"] for error in body["errors"]}


def test_a_whole_number_written_as_a_float_is_that_number(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    # JSON Schema counts 12.0 as an integer, so the request layer must too.
    series = make_series(session)
    response = client.post("/engagements", json={**NEW, "series_id": series.id, "edition": 12.0, "agreed_actions_reported": 45.0}, headers=auth["editor"])
    assert response.status_code == 201, response.text
    assert (response.json()["edition"], response.json()["agreed_actions_reported"]) == (12, 45)
    assert_problem(client.post("/engagements", json={**NEW, "series_id": series.id, "edition": 12.5}, headers=auth["editor"]), 422, "validation_failed")


def test_a_refused_duplicate_edition_leaves_the_next_request_working(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    # The UNIQUE (series, edition) failure is a 409; the test database then stayed in a failed
    # transaction and every later request of the test was a 500 (tests/conftest.py rolls it back).
    series = make_series(session)
    body = {**NEW, "series_id": series.id, "edition": 9}
    assert client.post("/engagements", json=body, headers=auth["editor"]).status_code == 201
    assert_problem(client.post("/engagements", json=body, headers=auth["editor"]), 409, "conflict")
    assert client.get("/engagements").json()["total"] == 1


def test_accept_and_reject_take_no_changes_and_correct_needs_some(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    engagement = make_engagement(session)
    review = f"/engagements/{engagement.id}/review"
    for body in ({"decision": "accept", "changes": {"title": "x"}}, {"decision": "reject", "changes": None}, {"decision": "correct"}, {"decision": "correct", "changes": {}}):
        assert_problem(client.post(review, json=body, headers=with_version(auth["editor"], 1)), 422, "validation_failed")
    assert client.get(f"/engagements/{engagement.id}").json()["version"] == 1


def test_text_is_stored_trimmed_and_blank_or_control_characters_are_refused(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    created = client.post("/engagements", json={**NEW, "title": "  Talks  ", "summary": "One.\n\tTwo."}, headers=auth["editor"])
    assert (created.json()["title"], created.json()["summary"]) == ("Talks", "One.\n\tTwo.")
    for title in ("   ", "Talks\x00", "Talks\x1b[2J", "Talks\n"):
        body = assert_problem(client.post("/engagements", json={**NEW, "title": title}, headers=auth["editor"]), 422, "validation_failed")
        assert body["errors"][0]["field"] == "title"


@pytest.mark.parametrize("start_date", ["1799", "2201-01", "0001-01-01", "9999"])
def test_dates_outside_the_accepted_years_are_refused(client: TestClient, auth: dict[str, Any], start_date: str) -> None:
    body = assert_problem(client.post("/engagements", json={**NEW, "start_date": start_date}, headers=auth["editor"]), 422, "invalid_parameter")
    assert body["errors"][0]["field"] == "start_date"
