"""Dashboard aggregates: exact counts on both databases, the list's filters, curation respected."""

from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.extraction.records import PartialDate
from app.models.enums import ActionStatus, EngagementMode, EngagementType, ReviewState
from tests.factories import make_action, make_engagement, make_location, make_participation, make_person
from tests.problem_assertions import assert_problem

GONE = {"deleted_at": datetime(2026, 1, 1, tzinfo=UTC)}
REJECTED = {"review_state": ReviewState.rejected}


@pytest.fixture
def world(session: Session) -> dict[str, int]:
    """Five live engagements, and beside them deleted and rejected records that must never count.

    E1 PE-US staff talks 2025-05-05 in person, Lima, 45 actions reported, 3 live actions
    E2 PE-US staff talks 2025-05 (month) virtual, Lima, 1 live action
    E3 CO-US meeting 2024 (year) in person, Bogotá, 10 actions reported
    E4 PE-US visit, date unknown, in person, no place
    E5 CO-US exercise 2023-02-10 hybrid, at a deleted place
    """
    lima = make_location(session, "Lima", "PE", latitude=-12.04, longitude=-77.03)
    bogota = make_location(session, "Bogotá", "CO")
    quito = make_location(session, "Quito", "EC", **GONE)
    pe_us, co_us = ("PE", "US"), ("CO", "US")
    e1 = make_engagement(session, countries=pe_us, start=PartialDate(date(2025, 5, 5), "day"), location_id=lima.id, agreed_actions_reported=45)
    e2 = make_engagement(session, countries=pe_us, start=PartialDate(date(2025, 5, 1), "month"), mode=EngagementMode.virtual, location_id=lima.id)
    e3 = make_engagement(
        session, countries=co_us, start=PartialDate(date(2024, 1, 1), "year"), type=EngagementType.meeting,
        location_id=bogota.id, agreed_actions_reported=10,
    )
    make_engagement(session, countries=pe_us, start=PartialDate.unknown(), type=EngagementType.visit)
    make_engagement(
        session, countries=co_us, start=PartialDate(date(2023, 2, 10), "day"), type=EngagementType.exercise,
        mode=EngagementMode.hybrid, location_id=quito.id,
    )
    rejected = make_engagement(session, countries=pe_us, start=PartialDate(date(2025, 6, 1), "day"), location_id=lima.id, agreed_actions_reported=7, **REJECTED)
    deleted = make_engagement(session, countries=pe_us, start=PartialDate(date(2025, 7, 1), "month"), location_id=lima.id, **GONE)

    make_action(session, e1, status=ActionStatus.agreed)
    make_action(session, e1, status=ActionStatus.agreed)
    make_action(session, e1, status=ActionStatus.completed)
    make_action(session, e1, status=ActionStatus.cancelled, **REJECTED)
    make_action(session, e1, status=ActionStatus.cancelled, **GONE)
    make_action(session, e2, status=ActionStatus.in_progress)
    make_action(session, rejected, status=ActionStatus.postponed)
    make_action(session, deleted, status=ActionStatus.postponed)

    astudillo = make_person(session, "Walter Astudillo", "PE")
    ryan = make_person(session, "Phil Ryan", "US")
    gomez = make_person(session, "Ana Gómez", "CO")
    retired = make_person(session, "Deleted Person", "US")
    retired.deleted_at = GONE["deleted_at"]
    for engagement in (e1, e2, rejected, deleted):
        make_participation(session, engagement, astudillo)
    make_participation(session, e1, ryan)
    make_participation(session, e3, ryan)
    make_participation(session, e3, gomez, **REJECTED)
    make_participation(session, e1, retired)
    session.flush()
    return {"astudillo": astudillo.id, "ryan": ryan.id, "lima": lima.id, "bogota": bogota.id}


def get(client: TestClient, path: str, **params: object) -> list[dict[str, object]]:
    response = client.get(f"/stats{path}", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert isinstance(body, list)  # flat: charting tools read it without unwrapping
    return body


def test_engagements_by_year_ascending_with_unknown_dates_last(client: TestClient, world: dict[str, int]) -> None:
    assert get(client, "/engagements/by-year") == [
        {"year": 2023, "count": 1},
        {"year": 2024, "count": 1},
        {"year": 2025, "count": 2},
        {"year": None, "count": 1},
    ]


def test_engagements_by_month_counts_only_dates_known_to_the_month(client: TestClient, world: dict[str, int]) -> None:
    assert get(client, "/engagements/by-month") == [{"month": "2023-02", "count": 1}, {"month": "2025-05", "count": 2}]


def test_engagements_by_type_most_first_then_by_name(client: TestClient, world: dict[str, int]) -> None:
    assert get(client, "/engagements/by-type") == [
        {"type": "staff_talks", "count": 2},
        {"type": "exercise", "count": 1},
        {"type": "meeting", "count": 1},
        {"type": "visit", "count": 1},
    ]


def test_engagements_by_mode(client: TestClient, world: dict[str, int]) -> None:
    assert get(client, "/engagements/by-mode") == [
        {"mode": "in_person", "count": 3},
        {"mode": "hybrid", "count": 1},
        {"mode": "virtual", "count": 1},
    ]


def test_engagements_by_country_pair(client: TestClient, world: dict[str, int]) -> None:
    assert get(client, "/engagements/by-country-pair") == [
        {"country_a": "PE", "country_b": "US", "count": 3},
        {"country_a": "CO", "country_b": "US", "count": 2},
    ]


def test_engagements_by_location_leaves_out_no_place_and_deleted_places(client: TestClient, world: dict[str, int]) -> None:
    assert get(client, "/engagements/by-location") == [
        {"location_id": world["lima"], "name": "Lima", "country_code": "PE", "latitude": -12.04, "longitude": -77.03, "count": 2},
        {"location_id": world["bogota"], "name": "Bogotá", "country_code": "CO", "latitude": 4.6097, "longitude": -74.0817, "count": 1},
    ]


def test_agreed_actions_by_status_counts_only_visible_actions_of_visible_engagements(client: TestClient, world: dict[str, int]) -> None:
    assert get(client, "/agreed-actions/by-status") == [
        {"status": "agreed", "count": 2},
        {"status": "completed", "count": 1},
        {"status": "in_progress", "count": 1},
    ]


def test_agreed_actions_by_year_counts_records_and_sums_reported_numbers(client: TestClient, world: dict[str, int]) -> None:
    # 2024 has no action records but an article reported 10; 2023 and the undated year have neither.
    assert get(client, "/agreed-actions/by-year") == [
        {"year": 2024, "count": 0, "reported": 10},
        {"year": 2025, "count": 4, "reported": 45},
    ]


def test_participants_by_engagements_most_first_then_by_name(client: TestClient, world: dict[str, int]) -> None:
    assert get(client, "/participants/by-engagements") == [
        {"person_id": world["ryan"], "name": "Phil Ryan", "country_code": "US", "engagement_count": 2},
        {"person_id": world["astudillo"], "name": "Walter Astudillo", "country_code": "PE", "engagement_count": 2},
    ]
    assert [row["name"] for row in get(client, "/participants/by-engagements", limit=1)] == ["Phil Ryan"]


@pytest.mark.parametrize(
    ("path", "params", "expected"),
    [
        ("/engagements/by-year", {"year": 2025}, [{"year": 2025, "count": 2}]),
        ("/engagements/by-year", {"date_from": "2024-06", "date_to": "2025"}, [{"year": 2024, "count": 1}, {"year": 2025, "count": 2}]),
        ("/engagements/by-year", {"official": "astudillo"}, [{"year": 2025, "count": 2}]),
        ("/engagements/by-year", {"review_state": "rejected"}, [{"year": 2025, "count": 1}]),
        ("/engagements/by-type", {"country": "Colombia"}, [{"type": "exercise", "count": 1}, {"type": "meeting", "count": 1}]),
        ("/engagements/by-mode", {"type": "staff_talks"}, [{"mode": "in_person", "count": 1}, {"mode": "virtual", "count": 1}]),
        ("/engagements/by-country-pair", {"mode": "in_person"}, [{"country_a": "PE", "country_b": "US", "count": 2}, {"country_a": "CO", "country_b": "US", "count": 1}]),
        ("/engagements/by-month", {"location": "lima"}, [{"month": "2025-05", "count": 2}]),
        ("/agreed-actions/by-status", {"mode": "virtual"}, [{"status": "in_progress", "count": 1}]),
        ("/agreed-actions/by-year", {"country": "CO"}, [{"year": 2024, "count": 0, "reported": 10}]),
        ("/agreed-actions/by-year", {"q": "nothing matches this"}, []),
    ],
)
def test_the_list_filters_narrow_every_aggregate(
    client: TestClient, world: dict[str, int], path: str, params: dict[str, object], expected: list[dict[str, object]]
) -> None:
    assert get(client, path, **params) == expected


def test_participant_counts_follow_the_engagement_filters(client: TestClient, world: dict[str, int]) -> None:
    assert get(client, "/participants/by-engagements", country="CO") == [
        {"person_id": world["ryan"], "name": "Phil Ryan", "country_code": "US", "engagement_count": 1},
    ]
    by_person = get(client, "/engagements/by-location", person_id=world["ryan"])
    assert [(row["name"], row["count"]) for row in by_person] == [("Bogotá", 1), ("Lima", 1)]
    assert [(row["name"], row["count"]) for row in get(client, "/engagements/by-location", location="bogo")] == [("Bogotá", 1)]


@pytest.mark.parametrize("filters", [{"official": "ryan"}, {"person_id": "ryan"}])
def test_participants_filtered_by_an_official_count_everyone_in_those_engagements(
    client: TestClient, world: dict[str, int], filters: dict[str, str]
) -> None:
    """Ryan was at E1 and E3; Astudillo was at E1 too, so he counts once, not zero times."""
    params = {name: world[value] if name == "person_id" else value for name, value in filters.items()}
    assert [(row["name"], row["engagement_count"]) for row in get(client, "/participants/by-engagements", **params)] == [
        ("Phil Ryan", 2),
        ("Walter Astudillo", 1),
    ]


def test_a_new_engagement_changes_the_counts(client: TestClient, session: Session, world: dict[str, int]) -> None:
    before = get(client, "/engagements/by-type", type="meeting")
    assert before == [{"type": "meeting", "count": 1}]
    make_engagement(session, type=EngagementType.meeting)
    assert get(client, "/engagements/by-type", type="meeting") == [{"type": "meeting", "count": 2}]


def test_empty_database_answers_empty_arrays(client: TestClient) -> None:
    for path in ("/engagements/by-year", "/engagements/by-location", "/agreed-actions/by-year", "/participants/by-engagements"):
        assert get(client, path) == []


@pytest.mark.parametrize(
    ("path", "params", "field", "code"),
    [
        ("/engagements/by-year", {"year": "soon"}, "year", "validation_failed"),
        ("/engagements/by-type", {"type": "party"}, "type", "validation_failed"),
        ("/engagements/by-country-pair", {"country": "Atlantis"}, "country", "invalid_parameter"),
        ("/engagements/by-month", {"date_from": "May 2025"}, "date_from", "invalid_parameter"),
        ("/agreed-actions/by-status", {"official": ""}, "official", "validation_failed"),
        ("/participants/by-engagements", {"limit": 0}, "limit", "validation_failed"),
        ("/participants/by-engagements", {"limit": 201}, "limit", "validation_failed"),
    ],
)
def test_bad_filters_are_problems(client: TestClient, path: str, params: dict[str, object], field: str, code: str) -> None:
    body = assert_problem(client.get(f"/stats{path}", params=params), 422, code)
    assert field in [error["field"] for error in body["errors"]]


def test_aggregates_answer_csv_when_asked(client: TestClient, world: dict[str, int]) -> None:
    by_query = client.get("/stats/engagements/by-year", params={"format": "csv"})
    assert by_query.status_code == 200
    assert by_query.headers["content-type"].startswith("text/csv")
    assert by_query.headers["content-disposition"] == 'attachment; filename="engagements-by-year.csv"'
    assert by_query.text.splitlines() == ["year,count", "2023,1", "2024,1", "2025,2", ",1"]
    by_accept = client.get("/stats/agreed-actions/by-year", params={"country": "CO"}, headers={"Accept": "text/csv"})
    assert by_accept.text.splitlines() == ["year,count,reported", "2024,0,10"]
    ranked = client.get("/stats/participants/by-engagements", params={"format": "csv", "limit": 1})
    assert ranked.text.splitlines() == ["person_id,name,country_code,engagement_count", f"{world['ryan']},Phil Ryan,US,2"]


def test_places_answer_geojson_for_maps(client: TestClient, world: dict[str, int]) -> None:
    response = client.get("/stats/engagements/by-location", params={"format": "geojson"})
    assert response.headers["content-type"].startswith("application/geo+json")
    features = response.json()["features"]
    assert [(f["properties"]["name"], f["properties"]["count"], f["geometry"]["coordinates"]) for f in features] == [
        ("Lima", 2, [-77.03, -12.04]),
        ("Bogotá", 1, [-74.0817, 4.6097]),
    ]
    assert_problem(client.get("/stats/engagements/by-year", params={"format": "geojson"}), 422, "validation_failed")


STATS_PATHS = [
    "/engagements/by-year", "/engagements/by-month", "/engagements/by-type", "/engagements/by-mode",
    "/engagements/by-country-pair", "/engagements/by-location", "/agreed-actions/by-status",
    "/agreed-actions/by-year", "/participants/by-engagements",
]


@pytest.mark.parametrize("path", STATS_PATHS)
def test_each_aggregate_is_one_select(client: TestClient, session: Session, world: dict[str, int], path: str) -> None:
    selects: list[str] = []

    def record(conn: object, cursor: object, statement: str, *args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        # Every filter with a subquery of its own, on the tables the aggregates join.
        get(client, path, year=2025, official="astudillo", person_id=world["astudillo"], location="lima", series="talks", q="talks", country="PE")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(selects) == 1, selects
    # Counted by the database: a GROUP BY, or sums of the kept tallies (by status).
    assert "GROUP BY" in selects[0] or "sum(engagement_action_tally." in selects[0]
