"""Writing participations: add a person to an engagement, fix a wrong rank, hide and restore, each audited."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Participation
from tests.factories import make_engagement, make_organization, make_participation, make_person
from tests.problem_assertions import assert_problem


def with_version(headers: dict[str, str], version: int) -> dict[str, str]:
    return {**headers, "If-Match": f'"{version}"'}


def history(client: TestClient, auth: dict[str, Any], record_type: str, record_id: int) -> list[str]:
    """The record's audit actions, oldest first, as an admin reads them."""
    response = client.get("/audit", params={"record_type": record_type, "record_id": record_id}, headers=auth["admin"])
    assert response.status_code == 200, response.text
    return [entry["action"] for entry in reversed(response.json()["items"])]


@pytest.fixture
def world(session: Session) -> dict[str, Any]:
    engagement = make_engagement(session, title="11th U.S.-Peru Army Staff Talks", countries=("US", "PE"))
    return {
        "engagement": engagement,
        "person": make_person(session, "José Vizcarra Álvarez", "PE"),
        "army": make_organization(session, "Peruvian Army", None, "PE"),
    }


def test_an_editor_adds_a_person_to_an_engagement(client: TestClient, world: dict[str, Any], auth: dict[str, Any]) -> None:
    body = {"engagement_id": world["engagement"].id, "person_id": world["person"].id, "organization_id": world["army"].id,
            "rank": "Maj. Gen.", "title": "chief of the Army General Staff", "role": "host"}
    response = client.post("/participations", json=body, headers=auth["editor"])
    assert response.status_code == 201, response.text
    created = response.json()
    assert (created["rank"], created["role"], created["organization"]["name"], created["person"]["name"]) == (
        "Maj. Gen.", "host", "Peruvian Army", "José Vizcarra Álvarez")
    assert created["country_code"] == "PE"  # the person's side unless said otherwise
    assert (created["origin"], created["review_state"], response.headers["ETag"]) == ("manual", "accepted", '"1"')
    assert response.headers["Location"] == f"/participations/{created['id']}"
    assert client.get(f"/participations/{created['id']}").headers["ETag"].startswith('"1.')
    [part] = client.get(f"/engagements/{world['engagement'].id}").json()["participants"]
    assert (part["participation_id"], part["rank"]) == (created["id"], "Maj. Gen.")
    assert history(client, auth, "participation", created["id"]) == ["create"]


def test_a_person_takes_part_in_an_engagement_once(client: TestClient, session: Session, world: dict[str, Any], auth: dict[str, Any]) -> None:
    existing = make_participation(session, world["engagement"], world["person"])
    body = {"engagement_id": world["engagement"].id, "person_id": world["person"].id, "rank": "Gen."}
    problem = assert_problem(client.post("/participations", json=body, headers=auth["editor"]), 409, "conflict")
    assert f"participation {existing.id}" in problem["detail"]
    assert session.query(Participation).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"engagement_id": 424242}, "engagement_id"),
        ({"person_id": 424242}, "person_id"),
        ({"organization_id": 424242}, "organization_id"),
    ],
)
def test_missing_references_are_named_in_a_422(client: TestClient, world: dict[str, Any], auth: dict[str, Any], overrides: dict[str, int], field: str) -> None:
    body = {"engagement_id": world["engagement"].id, "person_id": world["person"].id, **overrides}
    problem = assert_problem(client.post("/participations", json=body, headers=auth["editor"]), 422, "invalid_reference")
    assert [error["field"] for error in problem["errors"]] == [field]


def test_deleted_records_cannot_be_referenced(client: TestClient, session: Session, world: dict[str, Any], auth: dict[str, Any]) -> None:
    assert client.delete(f"/participants/{world['person'].id}", headers=with_version(auth["editor"], 1)).status_code == 204
    body = {"engagement_id": world["engagement"].id, "person_id": world["person"].id}
    assert_problem(client.post("/participations", json=body, headers=auth["editor"]), 422, "invalid_reference")


@pytest.mark.parametrize("extra", [{"comment": "x"}, {"role": "guest"}, {"rank": ""}, {"country_code": "Atlantis"}])
def test_invalid_bodies_are_refused(client: TestClient, world: dict[str, Any], auth: dict[str, Any], extra: dict[str, Any]) -> None:
    body = {"engagement_id": world["engagement"].id, "person_id": world["person"].id, **extra}
    response = client.post("/participations", json=body, headers=auth["editor"])
    assert response.status_code == 422 and response.json()["code"] in ("validation_failed", "invalid_parameter")


def test_an_editor_fixes_a_wrong_rank(client: TestClient, session: Session, world: dict[str, Any], auth: dict[str, Any]) -> None:
    part = make_participation(session, world["engagement"], world["person"], rank="Brig. Gen.")
    url = f"/participations/{part.id}"
    assert_problem(client.patch(url, json={"rank": "Maj. Gen."}, headers=auth["editor"]), 428, "precondition_required")
    assert_problem(client.patch(url, json={"rank": "Maj. Gen."}, headers=with_version(auth["editor"], 5)), 412, "precondition_failed")
    fixed = client.patch(url, json={"rank": "Maj. Gen.", "organization_id": world["army"].id, "country_code": "Peru"}, headers=with_version(auth["editor"], 1))
    assert fixed.status_code == 200, fixed.text
    assert (fixed.json()["rank"], fixed.json()["organization"]["id"], fixed.json()["review_state"]) == ("Maj. Gen.", world["army"].id, "corrected")
    assert fixed.headers["ETag"] == '"2"'
    assert client.get(f"/participants/{world['person'].id}").json()["engagements"][0]["rank"] == "Maj. Gen."
    assert set(session.get(Participation, part.id).curated_fields) == {"rank", "organization_id", "country_code"}  # type: ignore[union-attr]
    for fixed_field in ({"person_id": 1}, {"engagement_id": 1}, {"role": None}):
        assert_problem(client.patch(url, json=fixed_field, headers=with_version(auth["editor"], 2)), 422, "validation_failed")
    assert_problem(client.patch(url, json={"organization_id": 424242}, headers=with_version(auth["editor"], 2)), 422, "invalid_reference")
    assert history(client, auth, "participation", part.id) == ["update"]


def test_delete_hides_the_participation_and_restore_brings_it_back(client: TestClient, session: Session, world: dict[str, Any], auth: dict[str, Any]) -> None:
    part = make_participation(session, world["engagement"], world["person"], rank="Gen.")
    url = f"/participations/{part.id}"
    assert client.delete(url, headers=with_version(auth["editor"], 1)).status_code == 204
    assert_problem(client.get(url), 404, "participation_not_found")
    assert client.get(f"/engagements/{world['engagement'].id}").json()["participants"] == []
    person = client.get(f"/participants/{world['person'].id}").json()
    assert (person["engagement_count"], person["engagements"]) == (0, [])
    # Adding the person again is refused: the deleted participation is there to restore.
    again = {"engagement_id": world["engagement"].id, "person_id": world["person"].id}
    assert "restore" in assert_problem(client.post("/participations", json=again, headers=auth["editor"]), 409, "conflict")["detail"]
    assert client.post(f"{url}/restore", headers=auth["editor"]).status_code == 200
    assert client.get(f"/participants/{world['person'].id}").json()["engagement_count"] == 1
    assert history(client, auth, "participation", part.id) == ["delete", "restore"]


def test_rejected_participations_are_hidden_from_reads_but_reachable_by_id(client: TestClient, session: Session, world: dict[str, Any], auth: dict[str, Any]) -> None:
    part = make_participation(session, world["engagement"], world["person"])
    rejected = client.post(f"/participations/{part.id}/review", json={"decision": "reject"}, headers=with_version(auth["editor"], 1))
    assert rejected.status_code == 200 and rejected.json()["review_state"] == "rejected"
    assert client.get(f"/participations/{part.id}").json()["review_state"] == "rejected"
    assert client.get(f"/participants/{world['person'].id}").json()["engagements"] == []
    assert client.get(f"/engagements/{world['engagement'].id}").json()["participants"] == []
    assert history(client, auth, "participation", part.id) == ["review:reject"]


def test_a_participation_of_a_deleted_person_is_gone(client: TestClient, session: Session, world: dict[str, Any], auth: dict[str, Any]) -> None:
    part = make_participation(session, world["engagement"], world["person"])
    assert client.delete(f"/participants/{world['person'].id}", headers=with_version(auth["editor"], 1)).status_code == 204
    assert_problem(client.get(f"/participations/{part.id}"), 404, "participation_not_found")
    assert_problem(client.patch(f"/participations/{part.id}", json={"rank": "Gen."}, headers=with_version(auth["editor"], 1)), 404, "participation_not_found")


def test_the_list_is_a_review_queue_filtered_by_engagement_person_and_state(client: TestClient, session: Session, world: dict[str, Any], auth: dict[str, Any]) -> None:
    other = make_engagement(session, title="Peru-Chile bilateral meeting", countries=("PE", "CL"))
    host = make_participation(session, world["engagement"], world["person"])
    later = make_participation(session, other, world["person"])
    guest = make_participation(session, world["engagement"], make_person(session, "Phil Ryan", "US"))
    session.commit()

    def ids(**params: Any) -> list[int]:
        response = client.get("/participations", params=params)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert sorted(ids()) == sorted([host.id, later.id, guest.id])
    assert ids(engagement_id=world["engagement"].id) == [host.id, guest.id]
    assert ids(person_id=world["person"].id, engagement_id=other.id) == [later.id]
    review = client.post(f"/participations/{guest.id}/review", json={"decision": "reject"}, headers=with_version(auth["editor"], 1))
    assert review.status_code == 200, review.text
    assert ids(engagement_id=world["engagement"].id) == [host.id]
    assert ids(review_state="rejected") == [guest.id]
    assert client.delete(f"/participations/{later.id}", headers=with_version(auth["editor"], 1)).status_code == 204
    assert ids(person_id=world["person"].id) == [host.id]
    assert_problem(client.get("/participations", params={"review_state": "maybe"}), 422, "validation_failed")
