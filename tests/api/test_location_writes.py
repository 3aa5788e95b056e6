"""Writing locations: create, PATCH with If-Match, review, soft delete and restore, all audited."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEntry, Location
from app.models.enums import LocationKind
from tests.factories import make_engagement, make_location
from tests.problem_assertions import assert_problem

NEW = {"name": "Fort Bonifacio", "kind": "installation", "country_code": "Philippines", "latitude": 14.5396, "longitude": 121.0476}


def with_version(headers: dict[str, str], version: int | str) -> dict[str, str]:
    return {**headers, "If-Match": f'"{version}"'}


def audit_actions(session: Session, location_id: int) -> list[str]:
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.record_type == "location", AuditEntry.record_id == location_id).order_by(AuditEntry.id)
    )
    return [entry.action for entry in entries]


def test_an_editor_creates_a_location(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    response = client.post("/locations", json=NEW, headers=auth["editor"])
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["name"], body["kind"], body["country_code"], body["latitude"]) == ("Fort Bonifacio", "installation", "PH", 14.5396)
    assert (body["origin"], body["review_state"], body["version"], body["engagement_count"]) == ("manual", "accepted", 1, 0)
    assert (response.headers["ETag"], response.headers["Location"]) == ('"1"', f"/locations/{body['id']}")
    stored = session.get(Location, body["id"])
    assert stored is not None and stored.name_key == "fort bonifacio"
    assert set(stored.curated_fields) == set(NEW)
    assert [i["id"] for i in client.get("/locations", params={"name": "bonifacio"}).json()["items"]] == [body["id"]]
    assert audit_actions(session, body["id"]) == ["create"]


def test_writing_needs_an_editor_key(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    assert_problem(client.post("/locations", json=NEW), 401, "unauthorized")
    assert_problem(client.post("/locations", json=NEW, headers=auth["reader"]), 403, "forbidden")
    assert session.scalars(select(Location)).all() == []


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"colour": "blue"}, "colour", "validation_failed"),
        ({"name_key": "x"}, "name_key", "validation_failed"),
        ({"name": ""}, "name", "validation_failed"),
        ({"name": "%%%"}, "name", "invalid_parameter"),
        ({"kind": "castle"}, "kind", "validation_failed"),
        ({"country_code": "Atlantis"}, "country_code", "invalid_parameter"),
        ({"latitude": 90.5, "longitude": 0}, "latitude", "validation_failed"),
        ({"latitude": 0, "longitude": -180.01}, "longitude", "validation_failed"),
        ({"latitude": 14.5}, "longitude", "invalid_parameter"),
        ({"longitude": 121.0}, "latitude", "invalid_parameter"),
        # Found by Schemathesis: `false` was stored as 0.0, and "14.5" as 14.5.
        ({"latitude": 14.5, "longitude": False}, "longitude", "validation_failed"),
        ({"latitude": "14.5", "longitude": 121.0}, "latitude", "validation_failed"),
    ],
)
def test_invalid_bodies_are_refused_with_the_field_named(
    client: TestClient, session: Session, auth: dict[str, Any], changes: dict[str, Any], field: str, code: str
) -> None:
    body = assert_problem(client.post("/locations", json={"name": "Camp Aguinaldo", "kind": "installation", **changes}, headers=auth["editor"]), 422, code)
    assert field in {error["field"] for error in body["errors"]}
    assert session.scalars(select(Location)).all() == []


def test_patch_keeps_coordinates_paired_with_the_stored_ones(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    location = make_location(session, "Łódź", "PL", latitude=None, longitude=None)
    session.commit()  # a refused request rolls back only its own work
    url = f"/locations/{location.id}"
    body = assert_problem(client.patch(url, json={"latitude": 51.76}, headers=with_version(auth["editor"], 1)), 422, "invalid_parameter")
    assert body["errors"][0]["loc"] == ["body", "longitude"]
    placed = client.patch(url, json={"latitude": 51.76, "longitude": 19.46}, headers=with_version(auth["editor"], 1))
    assert (placed.json()["latitude"], placed.json()["longitude"]) == (51.76, 19.46)
    cleared = client.patch(url, json={"latitude": None, "longitude": None}, headers=with_version(auth["editor"], 2))
    assert (cleared.json()["latitude"], cleared.json()["longitude"]) == (None, None)


def test_the_same_place_twice_is_a_409_before_the_database_refuses_it(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    bogota = make_location(session, "Bogotá", "CO")
    medellin = make_location(session, "Medellín", "CO")
    session.commit()
    body = assert_problem(client.post("/locations", json={"name": "BOGOTA", "kind": "city", "country_code": "Colombia"}, headers=auth["editor"]), 409, "duplicate_location")
    assert f"Location {bogota.id}" in body["detail"]
    renamed = client.patch(f"/locations/{medellin.id}", json={"name": "bogota"}, headers=with_version(auth["editor"], 1))
    assert_problem(renamed, 409, "duplicate_location")
    assert client.post("/locations", json={"name": "Bogotá", "kind": "region", "country_code": "CO"}, headers=auth["editor"]).status_code == 201
    bogota.deleted_at = bogota.created_at
    session.commit()
    again = assert_problem(client.post("/locations", json={"name": "Bogotá", "kind": "city", "country_code": "CO"}, headers=auth["editor"]), 409, "duplicate_location")
    assert "restore" in again["detail"]


def test_patch_needs_the_current_etag(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    location = make_location(session, "Manila", "PH")
    session.commit()
    url = f"/locations/{location.id}"
    etag = client.get(url).headers["ETag"]
    assert etag.startswith('"1.')
    assert_problem(client.patch(url, json={"name": "Manila City"}, headers=auth["editor"]), 428, "precondition_required")
    assert_problem(client.patch(url, json={"name": "Manila City"}, headers=with_version(auth["editor"], 7)), 412, "precondition_failed")
    changed = client.patch(url, json={"name": "Manila City", "country_code": "phl"}, headers={**auth["editor"], "If-Match": etag})
    assert changed.status_code == 200, changed.text
    assert (changed.json()["name"], changed.json()["country_code"], changed.json()["review_state"]) == ("Manila City", "PH", "corrected")
    assert changed.headers["ETag"] == '"2"'
    assert_problem(client.patch(url, json={"name": "Lost update"}, headers={**auth["editor"], "If-Match": etag}), 412, "precondition_failed")
    assert session.get(Location, location.id).name_key == "manila city"  # type: ignore[union-attr]
    assert audit_actions(session, location.id) == ["update"]


def test_rejected_is_hidden_from_the_list_unless_asked(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    location = make_location(session, "Nairobi", "KE", kind=LocationKind.city)
    url = f"/locations/{location.id}"
    corrected = client.post(f"{url}/review", json={"decision": "correct", "changes": {"kind": "region"}}, headers=with_version(auth["editor"], 1))
    assert (corrected.json()["kind"], corrected.json()["review_state"]) == ("region", "corrected")
    rejected = client.post(f"{url}/review", json={"decision": "reject"}, headers=with_version(auth["editor"], 2))
    assert rejected.json()["review_state"] == "rejected"
    assert client.get("/locations").json()["total"] == 0
    assert [i["id"] for i in client.get("/locations", params={"review_state": "rejected"}).json()["items"]] == [location.id]
    assert client.get(url).json()["review_state"] == "rejected"  # still readable by id
    assert audit_actions(session, location.id) == ["review:correct", "review:reject"]


def test_delete_hides_everywhere_and_restore_brings_back(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    location = make_location(session, "Warsaw", "PL")
    make_engagement(session, title="Polish-German consultations", countries=("PL", "DE"), location_id=location.id)
    session.commit()
    url = f"/locations/{location.id}"
    assert_problem(client.delete(url, headers=auth["editor"]), 428, "precondition_required")
    assert client.delete(url, headers=with_version(auth["editor"], 1)).status_code == 204
    assert_problem(client.get(url), 404, "location_not_found")
    assert_problem(client.get(f"{url}/engagements"), 404, "location_not_found")
    assert client.get("/locations", params={"country": "PL"}).json()["total"] == 0
    restored = client.post(f"{url}/restore", headers=auth["editor"])
    assert (restored.status_code, restored.json()["engagement_count"]) == (200, 1)
    assert client.get("/locations", params={"country": "PL"}).json()["total"] == 1
    assert audit_actions(session, location.id) == ["delete", "restore"]


def test_deleted_engagements_are_not_counted_or_listed_at_a_location(client: TestClient, session: Session) -> None:
    location = make_location(session, "Fort Sam Houston", "US", kind=LocationKind.installation)
    kept = make_engagement(session, title="U.S.-Peru Army Staff Talks", countries=("US", "PE"), location_id=location.id)
    gone = make_engagement(session, title="Deleted talks", countries=("US", "PE"), location_id=location.id)
    gone.deleted_at = gone.created_at
    session.flush()
    assert client.get(f"/locations/{location.id}").json()["engagement_count"] == 1
    assert [i["id"] for i in client.get(f"/locations/{location.id}/engagements").json()["items"]] == [kept.id]


def test_an_engagement_at_a_deleted_location_shows_no_place(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    location = make_location(session, "Warsaw", "PL")
    engagement = make_engagement(session, title="Polish-German consultations", countries=("PL", "DE"), location_id=location.id)
    session.commit()
    assert client.get(f"/engagements/{engagement.id}").json()["location"]["name"] == "Warsaw"
    assert client.delete(f"/locations/{location.id}", headers=with_version(auth["editor"], 1)).status_code == 204
    assert client.get(f"/engagements/{engagement.id}").json()["location"] is None
    assert [item["location"] for item in client.get("/engagements").json()["items"]] == [None]
    assert client.get("/engagements", params={"location": "warsaw"}).json()["total"] == 0
