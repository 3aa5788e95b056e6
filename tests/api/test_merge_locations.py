"""POST /locations/{id}/merge: a duplicate place folds into the survivor; everything is audited."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEntry, Engagement, Evidence, Location
from app.models.enums import LocationKind
from tests.factories import make_document, make_engagement, make_evidence, make_location
from tests.problem_assertions import assert_problem


def with_version(headers: dict[str, str], version: int | str) -> dict[str, str]:
    return {**headers, "If-Match": f'"{version}"'}


@pytest.fixture
def places(session: Session) -> dict[str, Any]:
    """Lima known twice: once without coordinates (two engagements), once with them (two more, one deleted)."""
    survivor = make_location(session, "Lima", "PE", latitude=None, longitude=None)
    duplicate = make_location(session, "Lima", "PE", kind=LocationKind.region, latitude=-12.0432, longitude=-77.0282)
    here = [make_engagement(session, title=f"Talks {n}", countries=("US", "PE"), location_id=survivor.id) for n in (1, 2)]
    there = [make_engagement(session, title=f"Talks {n}", countries=("US", "PE"), location_id=duplicate.id) for n in (3, 4)]
    there[1].deleted_at = there[1].created_at
    document = make_document(session, "LIMA, Peru - Staff talks were held.")
    evidence = make_evidence(session, document, 0, 4, location_id=duplicate.id)
    session.commit()  # a refused request rolls back only its own work
    return {"survivor": survivor, "duplicate": duplicate, "here": here, "there": there, "evidence": evidence}


def test_merge_moves_engagements_and_evidence_and_retires_the_duplicate(
    client: TestClient, session: Session, auth: dict[str, Any], places: dict[str, Any]
) -> None:
    survivor, duplicate = places["survivor"], places["duplicate"]
    response = client.post(f"/locations/{survivor.id}/merge", json={"duplicate_id": duplicate.id}, headers=with_version(auth["editor"], 1))
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["id"], body["latitude"], body["longitude"], body["engagement_count"]) == (survivor.id, -12.0432, -77.0282, 3)
    assert response.headers["ETag"] == f'"{body["version"]}"' != '"1"'
    listed = client.get(f"/locations/{survivor.id}/engagements").json()["items"]
    assert {item["title"] for item in listed} == {"Talks 1", "Talks 2", "Talks 3"}
    assert session.get(Engagement, places["there"][1].id).location_id == survivor.id  # type: ignore[union-attr]  # deleted ones move too
    assert session.get(Evidence, places["evidence"].id).location_id == survivor.id  # type: ignore[union-attr]
    assert_problem(client.get(f"/locations/{duplicate.id}"), 404, "location_not_found")
    assert [item["id"] for item in client.get("/locations", params={"name": "lima"}).json()["items"]] == [survivor.id]
    retired = session.get(Location, duplicate.id)
    assert retired is not None and (retired.merged_into_id, retired.deleted_at is not None) == (survivor.id, True)


def test_merge_history_is_in_the_audit_log(client: TestClient, session: Session, auth: dict[str, Any], places: dict[str, Any]) -> None:
    survivor, duplicate = places["survivor"], places["duplicate"]
    client.post(f"/locations/{survivor.id}/merge", json={"duplicate_id": duplicate.id}, headers=with_version(auth["editor"], 1))
    assert_problem(client.get("/audit", params={"record_type": "location"}, headers=auth["editor"]), 403, "forbidden")
    kept = client.get("/audit", params={"record_type": "location", "record_id": survivor.id}, headers=auth["admin"]).json()["items"]
    assert [(e["action"], e["actor"]) for e in kept] == [("merge", "test-editor")]
    assert (kept[0]["before"]["latitude"], kept[0]["after"]["latitude"], kept[0]["after"]["merged_from"]) == (None, -12.0432, duplicate.id)
    assert set(kept[0]["after"]["moved_engagement_ids"]) == {e.id for e in places["there"]}
    gone = client.get("/audit", params={"record_type": "location", "record_id": duplicate.id}, headers=auth["admin"]).json()["items"]
    assert [(e["action"], e["before"]["deleted_at"], e["after"]["merged_into_id"]) for e in gone] == [("merge", None, survivor.id)]
    for engagement in places["there"]:
        [moved] = session.scalars(select(AuditEntry).where(AuditEntry.record_type == "engagement", AuditEntry.record_id == engagement.id)).all()
        assert (moved.action, moved.before["location_id"], moved.after["location_id"]) == ("merge", duplicate.id, survivor.id)  # type: ignore[index]


def test_merge_needs_the_survivors_current_etag(client: TestClient, session: Session, auth: dict[str, Any], places: dict[str, Any]) -> None:
    url, body = f"/locations/{places['survivor'].id}/merge", {"duplicate_id": places["duplicate"].id}
    assert_problem(client.post(url, json=body, headers=auth["editor"]), 428, "precondition_required")
    assert_problem(client.post(url, json=body, headers=with_version(auth["editor"], 2)), 412, "precondition_failed")
    assert_problem(client.post(url, json=body, headers=with_version(auth["reader"], 1)), 403, "forbidden")
    assert session.get(Location, places["duplicate"].id).deleted_at is None  # type: ignore[union-attr]
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "merge")).all() == []


def test_merge_refuses_itself_missing_and_deleted_records(client: TestClient, session: Session, auth: dict[str, Any], places: dict[str, Any]) -> None:
    survivor, duplicate = places["survivor"], places["duplicate"]
    editor = with_version(auth["editor"], 1)
    itself = assert_problem(client.post(f"/locations/{survivor.id}/merge", json={"duplicate_id": survivor.id}, headers=editor), 422, "invalid_parameter")
    assert itself["errors"][0]["loc"] == ["body", "duplicate_id"]
    assert_problem(client.post(f"/locations/{survivor.id}/merge", json={"duplicate_id": 2_000_000}, headers=editor), 422, "invalid_reference")
    assert_problem(client.post("/locations/2000000/merge", json={"duplicate_id": duplicate.id}, headers=editor), 404, "location_not_found")
    assert_problem(client.post(f"/locations/{survivor.id}/merge", json={"duplicate": duplicate.id}, headers=editor), 422, "validation_failed")
    assert client.delete(f"/locations/{duplicate.id}", headers=editor).status_code == 204
    assert_problem(client.post(f"/locations/{survivor.id}/merge", json={"duplicate_id": duplicate.id}, headers=editor), 422, "invalid_reference")
    assert session.get(Engagement, places["there"][0].id).location_id == duplicate.id  # type: ignore[union-attr]


def test_taking_the_duplicates_country_must_not_repeat_a_stored_place(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    unplaced = make_location(session, "Camp Aguinaldo", None, kind=LocationKind.installation)
    placed = make_location(session, "Camp Aguinaldo", "PH", kind=LocationKind.installation)
    session.commit()
    body = assert_problem(client.post(f"/locations/{unplaced.id}/merge", json={"duplicate_id": placed.id}, headers=with_version(auth["editor"], 1)), 409, "conflict")
    assert f"merge location {unplaced.id} into location {placed.id}" in body["detail"]
    other_way = client.post(f"/locations/{placed.id}/merge", json={"duplicate_id": unplaced.id}, headers=with_version(auth["editor"], 1))
    assert (other_way.status_code, other_way.json()["country_code"]) == (200, "PH")


def test_records_merged_into_the_duplicate_follow_it_to_the_survivor(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    first, second, third = (make_location(session, name, "CO") for name in ("Bogotá", "Bogota D.C.", "Santa Fe de Bogotá"))
    session.commit()
    assert client.post(f"/locations/{second.id}/merge", json={"duplicate_id": third.id}, headers=with_version(auth["editor"], 1)).status_code == 200
    assert client.post(f"/locations/{first.id}/merge", json={"duplicate_id": second.id}, headers=with_version(auth["editor"], 1)).status_code == 200
    assert session.get(Location, third.id).merged_into_id == first.id  # type: ignore[union-attr]


def test_restoring_a_merged_duplicate_undoes_only_its_retirement(client: TestClient, session: Session, auth: dict[str, Any], places: dict[str, Any]) -> None:
    survivor, duplicate = places["survivor"], places["duplicate"]
    assert client.post(f"/locations/{survivor.id}/merge", json={"duplicate_id": duplicate.id}, headers=with_version(auth["editor"], 1)).status_code == 200
    restored = client.post(f"/locations/{duplicate.id}/restore", headers=auth["editor"])
    assert (restored.status_code, restored.json()["engagement_count"]) == (200, 0)  # the moved engagements stay moved
    session.expire_all()
    assert session.get(Location, duplicate.id).merged_into_id is None  # type: ignore[union-attr]  # new mentions no longer go to the survivor
    assert client.get(f"/locations/{survivor.id}").json()["engagement_count"] == 3
