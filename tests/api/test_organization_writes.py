"""Organizations: list and detail reads, writes with If-Match, parents without cycles, merge, each audited."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Organization
from tests.factories import make_engagement, make_organization, make_participation, make_person
from tests.problem_assertions import assert_problem


def with_version(headers: dict[str, str], version: int) -> dict[str, str]:
    return {**headers, "If-Match": f'"{version}"'}


def history(client: TestClient, auth: dict[str, Any], record_type: str, record_id: int) -> list[str]:
    """The record's audit actions, oldest first, as an admin reads them."""
    response = client.get("/audit", params={"record_type": record_type, "record_id": record_id}, headers=auth["admin"])
    assert response.status_code == 200, response.text
    return [entry["action"] for entry in reversed(response.json()["items"])]


def names(client: TestClient, **params: Any) -> list[str]:
    response = client.get("/organizations", params=params)
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


@pytest.fixture
def armies(session: Session) -> dict[str, Organization]:
    return {
        "peru": make_organization(session, "Ejército del Perú", None, "PE"),
        "south": make_organization(session, "U.S. Army South", "USARSOUTH", "US"),
        "colombia": make_organization(session, "Fuerzas Militares de Colombia", "FF.MM.", "CO"),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Ejército del Perú", "Fuerzas Militares de Colombia", "U.S. Army South"]),
        ({"name": "EJERCITO"}, ["Ejército del Perú"]),
        ({"name": "army south"}, ["U.S. Army South"]),
        ({"name": "usarsouth"}, ["U.S. Army South"]),
        ({"name": "ffmm"}, ["Fuerzas Militares de Colombia"]),
        ({"country": "Peru"}, ["Ejército del Perú"]),
        ({"country": "US", "name": "peru"}, []),
    ],
)
def test_list_filters(client: TestClient, armies: dict[str, Organization], params: dict[str, str], expected: list[str]) -> None:
    assert names(client, **params) == expected


def test_list_is_paginated_and_detail_has_an_etag(client: TestClient, armies: dict[str, Organization]) -> None:
    first = client.get("/organizations", params={"limit": 2}).json()
    assert (first["total"], len(first["items"])) == (3, 2) and "offset=2" in first["next"]
    detail = client.get(f"/organizations/{armies['south'].id}")
    assert detail.headers["ETag"].startswith('"1.')  # version 1, then the body's hash
    assert detail.json() == {"id": armies["south"].id, "name": "U.S. Army South", "acronym": "USARSOUTH", "country_code": "US",
                             "parent_id": None, "version": 1, "origin": "extracted", "review_state": "pending"}
    assert_problem(client.get("/organizations/424242"), 404, "organization_not_found")


def test_an_editor_creates_an_organization_under_a_parent(client: TestClient, session: Session, armies: dict[str, Organization], auth: dict[str, Any]) -> None:
    body = {"name": "3rd Army Division", "country_code": "PE", "parent_id": armies["peru"].id}
    response = client.post("/organizations", json=body, headers=auth["editor"])
    assert response.status_code == 201, response.text
    created = response.json()
    assert (created["parent_id"], created["origin"], created["review_state"], created["acronym"]) == (armies["peru"].id, "manual", "accepted", None)
    assert response.headers["Location"] == f"/organizations/{created['id']}"
    assert session.get(Organization, created["id"]).name_key == "3rd army division"  # type: ignore[union-attr]
    assert history(client, auth, "organization", created["id"]) == ["create"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"name": "Navy", "parent_id": 424242}, "invalid_reference"),
        ({"name": "Navy", "motto": "x"}, "validation_failed"),
        ({"name": "Navy", "acronym": "x" * 41}, "validation_failed"),
        ({"name": "Navy", "country_code": "Atlantis"}, "invalid_parameter"),
    ],
)
def test_invalid_bodies_are_refused(client: TestClient, session: Session, auth: dict[str, Any], body: dict[str, Any], code: str) -> None:
    assert_problem(client.post("/organizations", json=body, headers=auth["editor"]), 422, code)


def test_the_same_name_in_the_same_country_is_a_conflict(client: TestClient, armies: dict[str, Organization], auth: dict[str, Any]) -> None:
    assert_problem(client.post("/organizations", json={"name": "EJERCITO DEL PERU", "country_code": "PE"}, headers=auth["editor"]), 409, "conflict")


def test_an_organization_cannot_be_its_own_ancestor(client: TestClient, session: Session, armies: dict[str, Organization], auth: dict[str, Any]) -> None:
    division = make_organization(session, "3rd Army Division", None, "PE")
    peru = armies["peru"]
    assert client.patch(f"/organizations/{division.id}", json={"parent_id": peru.id}, headers=with_version(auth["editor"], 1)).status_code == 200
    assert_problem(client.patch(f"/organizations/{peru.id}", json={"parent_id": peru.id}, headers=with_version(auth["editor"], 1)), 422, "invalid_parameter")
    assert_problem(client.patch(f"/organizations/{peru.id}", json={"parent_id": division.id}, headers=with_version(auth["editor"], 1)), 422, "invalid_parameter")


def test_patch_review_delete_and_restore(client: TestClient, session: Session, armies: dict[str, Organization], auth: dict[str, Any]) -> None:
    south = armies["south"]
    url = f"/organizations/{south.id}"
    assert_problem(client.patch(url, json={"acronym": "ARSOUTH"}, headers=auth["editor"]), 428, "precondition_required")
    patched = client.patch(url, json={"acronym": "ARSOUTH"}, headers=with_version(auth["editor"], 1))
    assert (patched.json()["acronym"], patched.json()["review_state"], patched.headers["ETag"]) == ("ARSOUTH", "corrected", '"2"')
    assert_problem(client.delete(url, headers=with_version(auth["editor"], 1)), 412, "precondition_failed")

    assert client.post(f"{url}/review", json={"decision": "reject"}, headers=with_version(auth["editor"], 2)).status_code == 200
    assert "U.S. Army South" not in names(client)
    assert names(client, review_state="rejected") == ["U.S. Army South"]
    assert client.get(url).json()["review_state"] == "rejected"

    assert client.delete(url, headers=with_version(auth["editor"], 3)).status_code == 204
    assert_problem(client.get(url), 404, "organization_not_found")
    assert names(client, review_state="rejected") == []
    assert_problem(client.post("/organizations", json={"name": "Sub", "parent_id": south.id}, headers=auth["editor"]), 422, "invalid_reference")
    assert client.post(f"{url}/restore", headers=auth["editor"]).status_code == 200
    assert client.get(url).status_code == 200
    assert history(client, auth, "organization", south.id) == ["update", "review:reject", "delete", "restore"]


def test_a_deleted_organization_is_not_shown_on_participations(client: TestClient, session: Session, armies: dict[str, Organization], auth: dict[str, Any]) -> None:
    person = make_person(session, "Phil Ryan", "US")
    make_participation(session, make_engagement(session), person, organization_id=armies["south"].id)
    assert client.delete(f"/organizations/{armies['south'].id}", headers=with_version(auth["editor"], 1)).status_code == 204
    assert client.get(f"/participants/{person.id}").json()["engagements"][0]["organization"] is None
    assert client.get("/participants", params={"organization": "usarsouth"}).json()["total"] == 0


def test_merge_moves_participations_and_children(client: TestClient, session: Session, armies: dict[str, Organization], auth: dict[str, Any]) -> None:
    peru = armies["peru"]
    duplicate = make_organization(session, "Peruvian Army", None, "PE")
    division = make_organization(session, "3rd Army Division", None, "PE")
    division.parent_id = duplicate.id
    person = make_person(session, "José Vizcarra Álvarez", "PE")
    part = make_participation(session, make_engagement(session, countries=("PE", "US")), person, organization_id=duplicate.id)
    session.flush()
    url = f"/organizations/{peru.id}/merge"
    assert_problem(client.post(url, json={"duplicate_id": duplicate.id}, headers=auth["editor"]), 428, "precondition_required")
    assert_problem(client.post(url, json={"duplicate_id": peru.id}, headers=with_version(auth["editor"], 1)), 422, "invalid_parameter")

    merged = client.post(url, json={"duplicate_id": duplicate.id}, headers=with_version(auth["editor"], 1))
    assert merged.status_code == 200, merged.text
    assert merged.headers["ETag"] == '"2"'
    assert_problem(client.get(f"/organizations/{duplicate.id}"), 404, "organization_not_found")
    assert client.get(f"/organizations/{division.id}").json()["parent_id"] == peru.id
    assert client.get(f"/participations/{part.id}").json()["organization"]["id"] == peru.id
    assert session.get(Organization, duplicate.id).merged_into_id == peru.id  # type: ignore[union-attr]
    assert history(client, auth, "organization", peru.id) == ["merge"]
    assert history(client, auth, "organization", duplicate.id) == ["merge"]
    assert history(client, auth, "participation", part.id) == ["merge"]
    assert_problem(client.post(url, json={"duplicate_id": duplicate.id}, headers=with_version(auth["editor"], 2)), 422, "invalid_reference")
