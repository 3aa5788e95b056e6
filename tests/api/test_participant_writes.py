"""Writing participants: create, PATCH with If-Match, review, soft delete and restore, each audited;
and reads that hide deleted people and hidden participations."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Person
from app.models.enums import ReviewState
from tests.factories import make_engagement, make_participation, make_person
from tests.problem_assertions import assert_problem


def with_version(headers: dict[str, str], version: int) -> dict[str, str]:
    return {**headers, "If-Match": f'"{version}"'}


def history(client: TestClient, auth: dict[str, Any], record_type: str, record_id: int) -> list[str]:
    """The record's audit actions, oldest first, as an admin reads them."""
    response = client.get("/audit", params={"record_type": record_type, "record_id": record_id}, headers=auth["admin"])
    assert response.status_code == 200, response.text
    return [entry["action"] for entry in reversed(response.json()["items"])]


def listed(client: TestClient, **params: str) -> set[str]:
    return {item["name"] for item in client.get("/participants", params=params).json()["items"]}


def test_an_editor_creates_a_participant(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    response = client.post("/participants", json={"name": "  José Vizcarra Álvarez ", "country_code": "Peru"}, headers=auth["editor"])
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["name"], body["country_code"], body["engagement_count"], body["engagements"]) == ("José Vizcarra Álvarez", "PE", 0, [])
    assert (body["origin"], body["review_state"], body["version"]) == ("manual", "accepted", 1)
    assert response.headers["ETag"] == '"1"' and response.headers["Location"] == f"/participants/{body['id']}"
    stored = session.get(Person, body["id"])
    assert stored is not None and stored.name_key == "jose vizcarra alvarez"
    assert set(stored.curated_fields) == {"name", "country_code"}
    assert listed(client, name="vizcarra alvarez") == {"José Vizcarra Álvarez"}
    assert history(client, auth, "person", body["id"]) == ["create"]


def test_a_participant_without_country(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    body = client.post("/participants", json={"name": "Carlos Mendoza"}, headers=auth["editor"]).json()
    assert body["country_code"] is None


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"name": "Ana Gómez", "nickname": "Ana"}, 422, "validation_failed"),  # unknown field
        ({"name": "Ana Gómez", "review_state": "accepted"}, 422, "validation_failed"),
        ({"country_code": "CO"}, 422, "validation_failed"),  # the name is required
        ({"name": ""}, 422, "validation_failed"),
        ({"name": "x" * 201}, 422, "validation_failed"),
        ({"name": "---"}, 422, "invalid_parameter"),
        ({"name": "Ana Gómez", "country_code": "Atlantis"}, 422, "invalid_parameter"),
    ],
)
def test_invalid_bodies_are_refused(client: TestClient, session: Session, auth: dict[str, Any], payload: dict[str, Any], status: int, code: str) -> None:
    assert_problem(client.post("/participants", json=payload, headers=auth["editor"]), status, code)
    assert session.query(Person).count() == 0


def test_writing_needs_an_editor_key(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    assert_problem(client.post("/participants", json={"name": "Ana Gómez"}), 401, "unauthorized")
    assert_problem(client.post("/participants", json={"name": "Ana Gómez"}, headers=auth["reader"]), 403, "forbidden")


def test_the_same_name_in_the_same_country_is_a_conflict(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    existing = make_person(session, "Ana María Gómez Ruiz", "CO")
    body = assert_problem(client.post("/participants", json={"name": "ANA MARIA GOMEZ RUIZ", "country_code": "CO"}, headers=auth["editor"]), 409, "conflict")
    assert f"Participant {existing.id}" in body["detail"] and "merge" in body["detail"]
    assert client.post("/participants", json={"name": "Ana María Gómez Ruiz", "country_code": "PE"}, headers=auth["editor"]).status_code == 201


def test_patch_needs_the_current_etag_and_refolds_the_name(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    person = make_person(session, "Phil Ryan", "US")
    url = f"/participants/{person.id}"
    etag = client.get(url).headers["ETag"]
    assert_problem(client.patch(url, json={"name": "Philip Ryan"}, headers=auth["editor"]), 428, "precondition_required")
    assert_problem(client.patch(url, json={"name": "Philip Ryan"}, headers=with_version(auth["editor"], 9)), 412, "precondition_failed")
    changed = client.patch(url, json={"name": "Philip Ryan"}, headers={**auth["editor"], "If-Match": etag})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["name"], changed.json()["review_state"], changed.json()["country_code"]) == ("Philip Ryan", "corrected", "US")
    assert changed.headers["ETag"] != etag
    assert_problem(client.patch(url, json={"name": "Lost"}, headers={**auth["editor"], "If-Match": etag}), 412, "precondition_failed")
    assert listed(client, name="philip") == {"Philip Ryan"}
    assert_problem(client.patch(url, json={"engagement_count": 3}, headers={**auth["editor"], "If-Match": changed.headers["ETag"]}), 422, "validation_failed")
    assert_problem(client.patch(url, json={"name": None}, headers={**auth["editor"], "If-Match": changed.headers["ETag"]}), 422, "validation_failed")
    assert history(client, auth, "person", person.id) == ["update"]


def test_delete_hides_the_person_everywhere_and_restore_brings_them_back(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    engagement = make_engagement(session)
    person = make_person(session, "Ana María Gómez Ruiz", "CO")
    make_participation(session, engagement, person, rank="Gen.")
    url = f"/participants/{person.id}"
    assert_problem(client.delete(url, headers=auth["editor"]), 428, "precondition_required")
    assert client.delete(url, headers=with_version(auth["editor"], 1)).status_code == 204

    assert_problem(client.get(url), 404, "participant_not_found")
    assert_problem(client.get(f"{url}/engagements"), 404, "participant_not_found")
    assert listed(client) == set()
    assert client.get(f"/engagements/{engagement.id}").json()["participants"] == []
    assert client.get("/engagements", params={"official": "gomez"}).json()["total"] == 0
    assert_problem(client.patch(url, json={"name": "X"}, headers=with_version(auth["editor"], 2)), 404, "participant_not_found")

    restored = client.post(f"{url}/restore", headers=auth["editor"])
    assert restored.status_code == 200, restored.text
    assert restored.json()["engagement_count"] == 1
    session.expire_all()  # the test shares one session across requests; a real request starts fresh
    assert [p["person"]["id"] for p in client.get(f"/engagements/{engagement.id}").json()["participants"]] == [person.id]
    assert_problem(client.post(f"{url}/restore", headers=auth["editor"]), 409, "conflict")
    assert history(client, auth, "person", person.id) == ["delete", "restore"]


def test_rejected_people_leave_lists_but_not_their_page(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    kept, doubtful = make_person(session, "Kenji Tanaka", "JP"), make_person(session, "Tanaka Kenji", "JP")
    rejected = client.post(f"/participants/{doubtful.id}/review", json={"decision": "reject"}, headers=with_version(auth["editor"], 1))
    assert rejected.status_code == 200 and rejected.json()["review_state"] == "rejected"
    assert listed(client) == {"Kenji Tanaka"}
    assert listed(client, review_state="rejected") == {"Tanaka Kenji"}
    assert listed(client, review_state="pending") == {"Kenji Tanaka"}
    assert client.get(f"/participants/{doubtful.id}").json()["review_state"] == "rejected"
    accepted = client.post(f"/participants/{kept.id}/review", json={"decision": "correct", "changes": {"country_code": "Japan"}}, headers=with_version(auth["editor"], 1))
    assert (accepted.json()["review_state"], accepted.json()["country_code"]) == ("corrected", "JP")
    assert history(client, auth, "person", doubtful.id) == ["review:reject"]
    assert history(client, auth, "person", kept.id) == ["review:correct"]


def test_only_visible_participations_in_live_engagements_count(client: TestClient, session: Session) -> None:
    person = make_person(session, "Jonas Müller", "DE")
    shown = make_engagement(session, title="Polish-German defence consultations", countries=("PL", "DE"))
    gone = make_engagement(session, title="Deleted talks", countries=("FR", "DE"))
    visible_part = make_participation(session, shown, person, rank="Col.")
    make_participation(session, gone, person)
    make_participation(session, make_engagement(session, title="Rejected part", countries=("DE", "NL")), person, review_state=ReviewState.rejected)
    deleted = make_participation(session, make_engagement(session, title="Deleted part", countries=("DE", "AT")), person)
    deleted.deleted_at = gone.deleted_at = session.get(Person, person.id).created_at  # type: ignore[union-attr]
    session.flush()

    body = client.get(f"/participants/{person.id}").json()
    assert body["engagement_count"] == 1
    assert [(e["engagement"]["title"], e["rank"]) for e in body["engagements"]] == [("Polish-German defence consultations", "Col.")]
    assert body["engagements"][0]["participation_id"] == visible_part.id
    assert [item["engagement_count"] for item in client.get("/participants").json()["items"]] == [1]
    assert [e["title"] for e in client.get(f"/participants/{person.id}/engagements").json()["items"]] == ["Polish-German defence consultations"]
