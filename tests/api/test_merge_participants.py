"""Merging two records of one person: every participation ends on the survivor, nothing is lost,
the duplicate is gone from reads and the audit log tells the story."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Evidence, Participation, Person
from tests.factories import (
    make_document,
    make_engagement,
    make_evidence,
    make_organization,
    make_participation,
    make_person,
)
from tests.problem_assertions import assert_problem


def with_version(headers: dict[str, str], version: int) -> dict[str, str]:
    return {**headers, "If-Match": f'"{version}"'}


def audit(client: TestClient, auth: dict[str, Any], record_type: str, record_id: int) -> list[dict[str, Any]]:
    """The record's audit entries, oldest first, as an admin reads them."""
    response = client.get("/audit", params={"record_type": record_type, "record_id": record_id}, headers=auth["admin"])
    assert response.status_code == 200, response.text
    return list(reversed(response.json()["items"]))


@pytest.fixture
def twins(session: Session) -> dict[str, Any]:
    """'Phil Ryan' and 'Philip Ryan': one man. Both were recorded at the Colombia talks."""
    peru = make_engagement(session, title="11th U.S.-Peru Army Staff Talks", countries=("PE", "US"))
    colombia = make_engagement(session, title="Colombia-U.S. Army Staff Talks", countries=("CO", "US"))
    chile = make_engagement(session, title="Chile-U.S. Army Staff Talks", countries=("CL", "US"))
    army_south = make_organization(session, "U.S. Army South", "USARSOUTH", "US")
    survivor, duplicate = make_person(session, "Phil Ryan", "US"), make_person(session, "Philip Ryan", "US")
    document = make_document(session, "Col. Philip Ryan, director of security cooperation, attended.")
    ours_peru = make_participation(session, peru, survivor, rank="Col.")
    ours_colombia = make_participation(session, colombia, survivor, rank="Col.")
    theirs_colombia = make_participation(session, colombia, duplicate, rank="Lt. Col.", title="director of security cooperation",
                                         organization_id=army_south.id)
    theirs_chile = make_participation(session, chile, duplicate, rank="Col.")
    evidence = make_evidence(session, document, 0, 16, participation_id=theirs_colombia.id)
    return {"survivor": survivor, "duplicate": duplicate, "ours_peru": ours_peru, "ours_colombia": ours_colombia,
            "theirs_colombia": theirs_colombia, "theirs_chile": theirs_chile, "evidence": evidence, "army_south": army_south}


def merge(client: TestClient, auth: dict[str, Any], survivor_id: int, duplicate_id: int, version: int | None = 1) -> Any:
    headers = auth["editor"] if version is None else with_version(auth["editor"], version)
    return client.post(f"/participants/{survivor_id}/merge", json={"duplicate_id": duplicate_id}, headers=headers)


def test_merge_moves_every_participation_to_the_survivor(client: TestClient, session: Session, twins: dict[str, Any], auth: dict[str, Any]) -> None:
    survivor, duplicate = twins["survivor"], twins["duplicate"]
    response = merge(client, auth, survivor.id, duplicate.id)
    assert response.status_code == 200, response.text
    body = response.json()
    assert response.headers["ETag"] == '"2"'  # a merge changes what the survivor stands for
    assert body["engagement_count"] == 3
    assert {e["engagement"]["title"] for e in body["engagements"]} == {
        "11th U.S.-Peru Army Staff Talks", "Colombia-U.S. Army Staff Talks", "Chile-U.S. Army Staff Talks"}
    titles = [e["title"] for e in client.get(f"/participants/{survivor.id}/engagements").json()["items"]]
    assert sorted(titles) == ["11th U.S.-Peru Army Staff Talks", "Chile-U.S. Army Staff Talks", "Colombia-U.S. Army Staff Talks"]

    # The duplicate is gone from every read, and remembers where it went.
    assert_problem(client.get(f"/participants/{duplicate.id}"), 404, "participant_not_found")
    assert {item["name"] for item in client.get("/participants").json()["items"]} == {"Phil Ryan"}
    stored = session.get(Person, duplicate.id)
    assert stored is not None and stored.merged_into_id == survivor.id and stored.deleted_at is not None


def test_a_shared_engagement_keeps_the_survivors_part_and_fills_its_gaps(client: TestClient, session: Session, twins: dict[str, Any], auth: dict[str, Any]) -> None:
    assert merge(client, auth, twins["survivor"].id, twins["duplicate"].id).status_code == 200
    kept = client.get(f"/participations/{twins['ours_colombia'].id}").json()
    assert kept["rank"] == "Col."  # the survivor's own value wins
    assert (kept["title"], kept["organization"]["id"]) == ("director of security cooperation", twins["army_south"].id)  # filled in
    assert_problem(client.get(f"/participations/{twins['theirs_colombia'].id}"), 404, "participation_not_found")
    assert session.get(Evidence, twins["evidence"].id).participation_id == twins["ours_colombia"].id  # type: ignore[union-attr]
    moved = client.get(f"/participations/{twins['theirs_chile'].id}").json()
    assert (moved["person"]["id"], moved["rank"]) == (twins["survivor"].id, "Col.")
    colombia = client.get(f"/engagements/{twins['ours_colombia'].engagement_id}").json()
    assert [p["person"]["name"] for p in colombia["participants"]] == ["Phil Ryan"]
    assert session.query(Participation).filter(Participation.person_id == twins["survivor"].id).count() == 3


def test_the_audit_log_keeps_the_history_of_a_merge(client: TestClient, twins: dict[str, Any], auth: dict[str, Any]) -> None:
    survivor, duplicate = twins["survivor"], twins["duplicate"]
    assert merge(client, auth, survivor.id, duplicate.id).status_code == 200
    [on_survivor] = audit(client, auth, "person", survivor.id)
    assert on_survivor["action"] == "merge" and on_survivor["actor"] == "test-editor"
    assert on_survivor["after"]["merged_from"] == duplicate.id
    assert on_survivor["after"]["moved_participation_ids"] == [twins["theirs_chile"].id]
    assert on_survivor["after"]["absorbed_participation_ids"] == [twins["theirs_colombia"].id]
    assert (on_survivor["before"]["version"], on_survivor["after"]["version"]) == (1, 2)
    [on_duplicate] = audit(client, auth, "person", duplicate.id)
    assert on_duplicate["action"] == "merge"
    assert (on_duplicate["before"]["merged_into_id"], on_duplicate["after"]["merged_into_id"]) == (None, survivor.id)
    assert on_duplicate["before"]["deleted_at"] is None and on_duplicate["after"]["deleted_at"] is not None
    [moved] = audit(client, auth, "participation", twins["theirs_chile"].id)
    assert (moved["before"]["person_id"], moved["after"]["person_id"]) == (duplicate.id, survivor.id)
    [absorbed] = audit(client, auth, "participation", twins["theirs_colombia"].id)
    assert absorbed["after"]["absorbed_into"] == twins["ours_colombia"].id and absorbed["after"]["moved_evidence"] == 1
    [filled] = audit(client, auth, "participation", twins["ours_colombia"].id)
    assert (filled["before"]["title"], filled["after"]["title"]) == (None, "director of security cooperation")


def test_merge_needs_the_survivors_current_etag(client: TestClient, twins: dict[str, Any], auth: dict[str, Any]) -> None:
    survivor, duplicate = twins["survivor"], twins["duplicate"]
    assert_problem(merge(client, auth, survivor.id, duplicate.id, version=None), 428, "precondition_required")
    assert_problem(merge(client, auth, survivor.id, duplicate.id, version=7), 412, "precondition_failed")
    assert_problem(client.post(f"/participants/{survivor.id}/merge", json={"duplicate_id": duplicate.id}), 401, "unauthorized")
    assert client.get(f"/participants/{duplicate.id}").status_code == 200  # nothing happened
    assert audit(client, auth, "person", survivor.id) == []


def test_merge_refuses_itself_deleted_or_missing_records(client: TestClient, twins: dict[str, Any], auth: dict[str, Any]) -> None:
    survivor, duplicate = twins["survivor"], twins["duplicate"]
    problem = assert_problem(merge(client, auth, survivor.id, survivor.id), 422, "invalid_parameter")
    assert problem["errors"][0]["field"] == "duplicate_id"
    assert_problem(merge(client, auth, survivor.id, 424242), 422, "invalid_reference")
    assert_problem(merge(client, auth, 424242, duplicate.id), 404, "participant_not_found")
    assert_problem(client.post(f"/participants/{survivor.id}/merge", json={"duplicate_id": duplicate.id, "keep": "both"},
                               headers=with_version(auth["editor"], 1)), 422, "validation_failed")
    assert client.delete(f"/participants/{survivor.id}", headers=with_version(auth["editor"], 1)).status_code == 204
    assert_problem(merge(client, auth, survivor.id, duplicate.id, version=2), 404, "participant_not_found")
    assert_problem(merge(client, auth, duplicate.id, survivor.id), 422, "invalid_reference")


def test_records_merged_into_the_duplicate_follow_it_to_the_survivor(client: TestClient, session: Session, twins: dict[str, Any], auth: dict[str, Any]) -> None:
    survivor, duplicate = twins["survivor"], twins["duplicate"]
    earlier = make_person(session, "P. Ryan", "US")
    assert merge(client, auth, duplicate.id, earlier.id).status_code == 200
    assert merge(client, auth, survivor.id, duplicate.id).status_code == 200
    session.expire_all()
    assert session.get(Person, earlier.id).merged_into_id == survivor.id  # type: ignore[union-attr]
    assert [entry["action"] for entry in audit(client, auth, "person", earlier.id)] == ["merge", "merge"]
