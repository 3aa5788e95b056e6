"""Writing agreed-to-actions: GET by id with an ETag, create, PATCH, review, delete and restore, all audited."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AgreedAction, AuditEntry
from app.models.enums import ReviewState
from tests.factories import make_action, make_engagement
from tests.problem_assertions import assert_problem


def with_version(headers: dict[str, str], version: int | str) -> dict[str, str]:
    return {**headers, "If-Match": f'"{version}"'}


def audit_actions(session: Session, action_id: int) -> list[str]:
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.record_type == "agreed_action", AuditEntry.record_id == action_id).order_by(AuditEntry.id)
    )
    return [entry.action for entry in entries]


def listed(client: TestClient, **params: str) -> list[int]:
    return [item["id"] for item in client.get("/agreed-actions", params=params).json()["items"]]


def test_an_editor_creates_an_action_with_a_partial_target_date(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    engagement = make_engagement(session)
    body = {"engagement_id": engagement.id, "description": "Expand NCO exchanges", "topic": "NCO development", "horizon": "through 2029", "target_date": "2029-06"}
    response = client.post("/agreed-actions", json=body, headers=auth["editor"])
    assert response.status_code == 201, response.text
    created = response.json()
    assert (created["status"], created["target_date"], created["target_precision"]) == ("agreed", "2029-06", "month")
    assert (created["origin"], created["review_state"], created["version"]) == ("manual", "accepted", 1)
    assert (response.headers["ETag"], response.headers["Location"]) == ('"1"', f"/agreed-actions/{created['id']}")
    assert client.get(response.headers["Location"]).json() == created
    assert [a["id"] for a in client.get(f"/engagements/{engagement.id}").json()["agreed_actions"]] == [created["id"]]
    assert set(session.get(AgreedAction, created["id"]).curated_fields) == set(body)  # type: ignore[union-attr]
    assert audit_actions(session, created["id"]) == ["create"]


def test_the_engagement_must_exist_and_be_live(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    deleted = make_engagement(session, title="Deleted talks")
    deleted.deleted_at = deleted.created_at
    session.commit()
    for engagement_id in (2_000_000, deleted.id):
        response = client.post("/agreed-actions", json={"engagement_id": engagement_id, "description": "x"}, headers=auth["editor"])
        body = assert_problem(response, 422, "invalid_reference")
        assert body["errors"][0]["loc"] == ["body", "engagement_id"]
    assert session.scalars(select(AgreedAction)).all() == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"colour": "blue"}, "colour"),
        ({"engagement_id": 1}, "engagement_id"),  # an action never moves to another engagement
        ({"review_state": "accepted"}, "review_state"),
        ({"status": "done"}, "status"),
        ({"description": ""}, "description"),
        ({"target_date": "2029-13"}, "target_date"),
        ({"target_date": "next year"}, "target_date"),
        ({"topic": "x" * 201}, "topic"),
    ],
)
def test_invalid_changes_are_refused_with_the_field_named(
    client: TestClient, session: Session, auth: dict[str, Any], changes: dict[str, Any], field: str
) -> None:
    action = make_action(session, make_engagement(session))
    session.commit()  # a refused request rolls back only its own work
    response = client.patch(f"/agreed-actions/{action.id}", json=changes, headers=with_version(auth["editor"], 1))
    assert response.status_code == 422, response.text
    assert field in {error["field"] for error in response.json()["errors"]}
    assert session.get(AgreedAction, action.id).version == 1  # type: ignore[union-attr]


def test_patch_needs_the_current_etag_and_can_clear_the_target(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    action = make_action(session, make_engagement(session))
    session.commit()
    url = f"/agreed-actions/{action.id}"
    assert client.get(url).headers["ETag"].startswith('"1.')
    assert_problem(client.patch(url, json={"status": "completed"}, headers=auth["editor"]), 428, "precondition_required")
    assert_problem(client.patch(url, json={"status": "completed"}, headers=with_version(auth["editor"], 5)), 412, "precondition_failed")
    dated = client.patch(url, json={"status": "in_progress", "target_date": "2027"}, headers=with_version(auth["editor"], 1))
    assert (dated.json()["status"], dated.json()["target_date"], dated.json()["review_state"]) == ("in_progress", "2027", "corrected")
    assert dated.headers["ETag"] == '"2"'
    cleared = client.patch(url, json={"target_date": None}, headers=with_version(auth["editor"], 2))
    assert (cleared.json()["target_date"], cleared.json()["target_precision"]) == (None, None)
    assert audit_actions(session, action.id) == ["update", "update"]


def test_rejected_is_hidden_from_the_list_unless_asked(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    engagement = make_engagement(session)
    kept, doubtful = make_action(session, engagement, "Expand NCO exchanges"), make_action(session, engagement, "Misread sentence")
    rejected = client.post(f"/agreed-actions/{doubtful.id}/review", json={"decision": "reject"}, headers=with_version(auth["editor"], 1))
    assert rejected.json()["review_state"] == "rejected"
    assert listed(client) == [kept.id]
    assert listed(client, review_state="rejected") == [doubtful.id]
    assert listed(client, review_state="pending") == [kept.id]
    assert client.get(f"/agreed-actions/{doubtful.id}").json()["review_state"] == "rejected"
    assert audit_actions(session, doubtful.id) == ["review:reject"]


def test_delete_hides_everywhere_and_restore_brings_back(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    engagement = make_engagement(session)
    action = make_action(session, engagement)
    session.commit()
    url = f"/agreed-actions/{action.id}"
    assert client.delete(url, headers=with_version(auth["editor"], 1)).status_code == 204
    assert_problem(client.get(url), 404, "agreed_action_not_found")
    assert listed(client) == [] and listed(client, review_state="pending") == []
    assert client.get(f"/engagements/{engagement.id}").json()["agreed_actions"] == []
    assert_problem(client.patch(url, json={"status": "completed"}, headers=with_version(auth["editor"], 2)), 404, "agreed_action_not_found")
    restored = client.post(f"{url}/restore", headers=auth["editor"])
    assert (restored.status_code, restored.json()["id"]) == (200, action.id)
    assert listed(client) == [action.id]
    assert audit_actions(session, action.id) == ["delete", "restore"]


def test_actions_of_a_deleted_engagement_are_hidden(client: TestClient, session: Session) -> None:
    engagement = make_engagement(session)
    action = make_action(session, engagement, review_state=ReviewState.accepted)
    engagement.deleted_at = engagement.created_at
    session.flush()
    assert listed(client) == [] and listed(client, review_state="accepted") == []
    assert_problem(client.get(f"/agreed-actions/{action.id}"), 404, "agreed_action_not_found")
