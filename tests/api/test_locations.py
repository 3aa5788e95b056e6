"""GET /locations, /locations/{id} and /locations/{id}/engagements: each filter includes what it
should and excludes the rest, for cities, installations, buildings and the virtual 'place'."""

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.extraction.records import PartialDate
from app.models.enums import EngagementMode, LocationKind
from tests.factories import make_engagement, make_location
from tests.problem_assertions import assert_problem

EVERYWHERE = {"Bogotá", "Medellín", "Fort Sam Houston", "Camp Aguinaldo", "Manila", "Ministry of Defense, Ichigaya",
              "Warsaw", "Łódź", "Nairobi", "Virtual"}


def names(body: dict[str, Any]) -> set[str]:
    return {item["name"] for item in body["items"]}


@pytest.fixture
def world(session: Session) -> dict[str, int]:
    """Ten places in six countries; Bogotá hosted two engagements, three places none."""
    city = LocationKind.city
    places = {
        "Bogotá": make_location(session, "Bogotá", "CO", kind=city, latitude=4.6097, longitude=-74.0817),
        "Medellín": make_location(session, "Medellín", "CO", kind=city, latitude=6.2442, longitude=-75.5812),
        "Fort Sam Houston": make_location(session, "Fort Sam Houston", "US", kind=LocationKind.installation,
                                          latitude=29.4594, longitude=-98.4347),
        "Camp Aguinaldo": make_location(session, "Camp Aguinaldo", "PH", kind=LocationKind.installation,
                                        latitude=14.6074, longitude=121.0617),
        "Manila": make_location(session, "Manila", "PH", kind=city, latitude=14.5995, longitude=120.9842),
        "Ministry of Defense, Ichigaya": make_location(session, "Ministry of Defense, Ichigaya", "JP",
                                                       kind=LocationKind.building, latitude=35.6931, longitude=139.7285),
        "Warsaw": make_location(session, "Warsaw", "PL", kind=city, latitude=52.2297, longitude=21.0122),
        "Łódź": make_location(session, "Łódź", "PL", kind=city, latitude=None, longitude=None),
        "Nairobi": make_location(session, "Nairobi", "KE", kind=city, latitude=-1.2921, longitude=36.8219),
        "Virtual": make_location(session, "Virtual", None, kind=LocationKind.virtual, latitude=None, longitude=None),
    }
    at = {name: place.id for name, place in places.items()}
    make_engagement(session, title="Colombia-U.S. Army Staff Talks 2024", countries=("CO", "US"),
                    start=PartialDate(date(2024, 3, 4), "day"), location_id=at["Bogotá"])
    make_engagement(session, title="Colombia-U.S. Army Staff Talks 2022", countries=("CO", "US"),
                    start=PartialDate(date(2022, 1, 1), "year"), location_id=at["Bogotá"])
    make_engagement(session, title="U.S.-Peru Army Staff Talks", countries=("US", "PE"), location_id=at["Fort Sam Houston"])
    make_engagement(session, title="Japan-Philippines Staff Talks", countries=("JP", "PH"), location_id=at["Camp Aguinaldo"])
    make_engagement(session, title="Philippine defense secretary visits Tokyo", countries=("PH", "JP"),
                    location_id=at["Ministry of Defense, Ichigaya"])
    make_engagement(session, title="Polish-German defence consultations", countries=("PL", "DE"), location_id=at["Warsaw"])
    make_engagement(session, title="Kenya-U.K. defence dialogue", countries=("KE", "GB"), location_id=at["Nairobi"])
    make_engagement(session, title="Virtual Kenya-U.K. staff talks", countries=("KE", "GB"),
                    mode=EngagementMode.virtual, location_id=at["Virtual"])
    make_engagement(session, title="Unplaced Poland-Germany meeting", countries=("PL", "DE"))  # no location at all
    return at


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, EVERYWHERE),
        # name: any part, case- and accent-insensitive
        ({"name": "bogota"}, {"Bogotá"}),
        ({"name": "BOGOTÁ"}, {"Bogotá"}),
        ({"name": "medellin"}, {"Medellín"}),
        ({"name": "lodz"}, {"Łódź"}),
        ({"name": "ŁÓDŹ"}, {"Łódź"}),
        ({"name": "sam houston"}, {"Fort Sam Houston"}),
        ({"name": "defense ichigaya"}, {"Ministry of Defense, Ichigaya"}),  # the comma folds away
        ({"name": "camp"}, {"Camp Aguinaldo"}),
        ({"name": "ila"}, {"Manila"}),
        ({"name": "lima"}, set()),
        # % and _ are never wildcards
        ({"name": "fo_t"}, set()),
        ({"name": "m%la"}, set()),
        ({"name": "sam%houston"}, {"Fort Sam Houston"}),  # folded to a word separator
        # country: alpha-2, alpha-3 or English name
        ({"country": "co"}, {"Bogotá", "Medellín"}),
        ({"country": "Colombia"}, {"Bogotá", "Medellín"}),
        ({"country": "Philippines"}, {"Camp Aguinaldo", "Manila"}),
        ({"country": "JPN"}, {"Ministry of Defense, Ichigaya"}),
        ({"country": "Poland"}, {"Warsaw", "Łódź"}),
        ({"country": "KE"}, {"Nairobi"}),
        ({"country": "us"}, {"Fort Sam Houston"}),
        ({"country": "Germany"}, set()),
        # kind
        ({"kind": "city"}, {"Bogotá", "Medellín", "Manila", "Warsaw", "Łódź", "Nairobi"}),
        ({"kind": "installation"}, {"Fort Sam Houston", "Camp Aguinaldo"}),
        ({"kind": "building"}, {"Ministry of Defense, Ichigaya"}),
        ({"kind": "virtual"}, {"Virtual"}),
        ({"kind": "region"}, set()),
        # filters combine
        ({"country": "PH", "kind": "city"}, {"Manila"}),
        ({"country": "PH", "kind": "installation"}, {"Camp Aguinaldo"}),
        ({"country": "PL", "name": "lodz"}, {"Łódź"}),
        ({"country": "CO", "kind": "installation"}, set()),
    ],
)
def test_list_filters(client: TestClient, world: dict[str, int], params: dict[str, str], expected: set[str]) -> None:
    response = client.get("/locations", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert names(body) == expected
    assert body["total"] == len(expected)


def test_list_items_carry_engagement_count_and_coordinates(client: TestClient, world: dict[str, int]) -> None:
    items = {item["name"]: item for item in client.get("/locations").json()["items"]}
    assert {name: item["engagement_count"] for name, item in items.items()} == {
        "Bogotá": 2, "Medellín": 0, "Fort Sam Houston": 1, "Camp Aguinaldo": 1, "Manila": 0,
        "Ministry of Defense, Ichigaya": 1, "Warsaw": 1, "Łódź": 0, "Nairobi": 1, "Virtual": 1,
    }
    assert items["Bogotá"] == {"id": world["Bogotá"], "name": "Bogotá", "kind": "city", "country_code": "CO",
                               "latitude": 4.6097, "longitude": -74.0817, "engagement_count": 2,
                               "version": 1, "origin": "extracted", "review_state": "pending"}
    assert (items["Virtual"]["country_code"], items["Virtual"]["latitude"], items["Virtual"]["kind"]) == (None, None, "virtual")


def test_pages_are_ordered_by_folded_name_and_link_to_the_next(client: TestClient, world: dict[str, int]) -> None:
    first = client.get("/locations", params={"limit": 6}).json()
    assert [i["name"] for i in first["items"]] == [
        "Bogotá", "Camp Aguinaldo", "Fort Sam Houston", "Łódź", "Manila", "Medellín"]
    assert first["total"] == 10 and "offset=6" in first["next"] and "limit=6" in first["next"]
    last = client.get(first["next"]).json()
    assert [i["name"] for i in last["items"]] == ["Ministry of Defense, Ichigaya", "Nairobi", "Virtual", "Warsaw"]
    assert (last["offset"], last["next"]) == (6, None)


@pytest.mark.parametrize(
    ("params", "parameter", "code"),
    [
        ({"country": "Atlantis"}, "country", "invalid_parameter"),
        ({"country": "ZZ"}, "country", "invalid_parameter"),
        ({"kind": "castle"}, "kind", "validation_failed"),
        ({"kind": "City"}, "kind", "validation_failed"),
        ({"name": "%%%"}, "name", "invalid_parameter"),
        ({"name": ""}, "name", "validation_failed"),
        ({"limit": "0"}, "limit", "validation_failed"),
        ({"limit": "201"}, "limit", "validation_failed"),
        ({"offset": "-1"}, "offset", "validation_failed"),
    ],
)
def test_invalid_list_parameters_are_named_in_a_422_problem(
    client: TestClient, session: Session, params: dict[str, str], parameter: str, code: str
) -> None:
    body = assert_problem(client.get("/locations", params=params), 422, code)
    assert [error["loc"] for error in body["errors"]] == [["query", parameter]]


def test_detail_has_coordinates_kind_and_count(client: TestClient, world: dict[str, int]) -> None:
    response = client.get(f"/locations/{world['Camp Aguinaldo']}")
    assert response.status_code == 200
    assert response.json() == {"id": world["Camp Aguinaldo"], "name": "Camp Aguinaldo", "kind": "installation",
                               "country_code": "PH", "latitude": 14.6074, "longitude": 121.0617, "engagement_count": 1,
                               "version": 1, "origin": "extracted", "review_state": "pending"}
    unused = client.get(f"/locations/{world['Łódź']}").json()
    assert (unused["name"], unused["latitude"], unused["engagement_count"]) == ("Łódź", None, 0)


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("Bogotá", ["Colombia-U.S. Army Staff Talks 2024", "Colombia-U.S. Army Staff Talks 2022"]),  # newest first
        ("Camp Aguinaldo", ["Japan-Philippines Staff Talks"]),
        ("Ministry of Defense, Ichigaya", ["Philippine defense secretary visits Tokyo"]),
        ("Virtual", ["Virtual Kenya-U.K. staff talks"]),
        ("Manila", []),
    ],
)
def test_engagements_at_one_location(client: TestClient, world: dict[str, int], place: str, expected: list[str]) -> None:
    response = client.get(f"/locations/{world[place]}/engagements")
    assert response.status_code == 200, response.text
    body = response.json()
    assert [item["title"] for item in body["items"]] == expected
    assert body["total"] == len(expected)
    assert all(item["location"]["id"] == world[place] for item in body["items"])


def test_engagements_at_one_location_are_paginated(client: TestClient, world: dict[str, int]) -> None:
    first = client.get(f"/locations/{world['Bogotá']}/engagements", params={"limit": 1}).json()
    assert [i["start_date"] for i in first["items"]] == ["2024-03-04"]
    second = client.get(first["next"]).json()
    assert [i["start_date"] for i in second["items"]] == ["2022"]
    assert second["next"] is None


@pytest.mark.parametrize("path", ["/locations/424242", "/locations/424242/engagements"])
def test_missing_location_is_a_404_problem(client: TestClient, session: Session, path: str) -> None:
    body = assert_problem(client.get(path), 404, "location_not_found")
    assert body["detail"] == "Location 424242 does not exist."
    assert body["type"] == "/problems/location_not_found"


@pytest.mark.parametrize("bad_id", ["0", "abc", "2147483648", "99999999999999999999999"])
@pytest.mark.parametrize("suffix", ["", "/engagements"])
def test_invalid_location_id_is_a_422_problem(client: TestClient, session: Session, bad_id: str, suffix: str) -> None:
    body = assert_problem(client.get(f"/locations/{bad_id}{suffix}"), 422, "validation_failed")
    assert [error["loc"] for error in body["errors"]] == [["path", "location_id"]]
