"""GET /engagements and /engagements/{id}: each filter includes what it should, excludes the rest."""

from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.extraction.records import PartialDate
from app.models.enums import EngagementMode, EngagementType, ReviewState
from tests.factories import (
    make_action,
    make_document,
    make_engagement,
    make_evidence,
    make_location,
    make_participation,
    make_person,
    make_series,
    make_warning,
)


def titles(response_json: dict) -> set[str]:
    return {item["title"] for item in response_json["items"]}


@pytest.fixture
def world(session: Session) -> dict[str, int]:
    """Four engagements across three country pairs, dates of every precision."""
    manila = make_location(session, "Manila", "PH", latitude=14.5995, longitude=120.9842)
    warsaw = make_location(session, "Warsaw", "PL", latitude=52.2297, longitude=21.0122)
    series = make_series(session, "Japan-Philippines Staff Talks")
    talks = make_engagement(
        session, title="7th Japan-Philippines Staff Talks", countries=("PH", "JP"),
        start=PartialDate(date(2025, 5, 5), "day"), end=PartialDate(date(2025, 5, 9), "day"),
        location_id=manila.id, series_id=series.id, edition=7, agreed_actions_reported=30,
        summary="Talks on maritime domain awareness.",
    )
    visit = make_engagement(
        session, title="Polish minister visits Berlin", countries=("PL", "DE"),
        start=PartialDate(date(2024, 6, 1), "month"), type=EngagementType.visit, location_id=warsaw.id,
    )
    virtual = make_engagement(
        session, title="Colombia-U.S. virtual staff talks", countries=("US", "CO"),
        start=PartialDate(date(2020, 1, 1), "year"), mode=EngagementMode.virtual,
    )
    undated = make_engagement(
        session, title="Kenya-U.K. defence dialogue", countries=("KE", "GB"),
        start=PartialDate.unknown(), type=EngagementType.meeting,
    )
    walrath = make_person(session, "José Vizcarra Álvarez", "PE")
    santos = make_person(session, "Maria Santos", "PH")
    make_participation(session, talks, santos, rank="Brig. Gen.")
    make_participation(session, virtual, walrath, rank="Lt. Gen.")
    document = make_document(session, text="The delegations discussed interoperability and cyber defence.")
    make_evidence(session, document, 4, 60, engagement_id=virtual.id)
    return {"talks": talks.id, "visit": visit.id, "virtual": virtual.id, "undated": undated.id,
            "manila": manila.id, "santos": santos.id, "vizcarra": walrath.id}


ALL = {"7th Japan-Philippines Staff Talks", "Polish minister visits Berlin",
       "Colombia-U.S. virtual staff talks", "Kenya-U.K. defence dialogue"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ALL),
        ("year=2025", {"7th Japan-Philippines Staff Talks"}),
        ("year=2024", {"Polish minister visits Berlin"}),
        ("year=2020", {"Colombia-U.S. virtual staff talks"}),  # a year-precision date counts for its year
        ("year=2019", set()),
        ("date_from=2024-06-15", {"7th Japan-Philippines Staff Talks", "Polish minister visits Berlin"}),  # month June 2024 overlaps
        ("date_from=2024-07-01", {"7th Japan-Philippines Staff Talks"}),
        ("date_to=2024-06", {"Polish minister visits Berlin", "Colombia-U.S. virtual staff talks"}),
        ("date_from=2025-05-09&date_to=2025-05-09", {"7th Japan-Philippines Staff Talks"}),  # last day of a range
        ("date_from=2020-06-01&date_to=2020-06-30", {"Colombia-U.S. virtual staff talks"}),
        ("official=vizcarra alvarez", {"Colombia-U.S. virtual staff talks"}),
        ("official=VIZCARRA", {"Colombia-U.S. virtual staff talks"}),
        ("official=Álvarez", {"Colombia-U.S. virtual staff talks"}),
        ("official=santos", {"7th Japan-Philippines Staff Talks"}),
        ("official=nobody", set()),
        ("country=PH", {"7th Japan-Philippines Staff Talks"}),
        ("country=jp", {"7th Japan-Philippines Staff Talks"}),  # either side
        ("country=Colombia", {"Colombia-U.S. virtual staff talks"}),
        ("country=US", {"Colombia-U.S. virtual staff talks"}),
        ("country=GBR", {"Kenya-U.K. defence dialogue"}),
        ("type=visit", {"Polish minister visits Berlin"}),
        ("type=meeting", {"Kenya-U.K. defence dialogue"}),
        ("mode=virtual", {"Colombia-U.S. virtual staff talks"}),
        ("location=manila", {"7th Japan-Philippines Staff Talks"}),
        ("location=wars", {"Polish minister visits Berlin"}),
        ("series=japan-philippines", {"7th Japan-Philippines Staff Talks"}),
        ("q=maritime", {"7th Japan-Philippines Staff Talks"}),  # summary
        ("q=INTEROPERABILITY", {"Colombia-U.S. virtual staff talks"}),  # supporting evidence text
        ("q=minister", {"Polish minister visits Berlin"}),  # title
        ("q=100%", set()),  # wildcards are literal
        ("q=_", set()),
        ("country=PH&year=2024", set()),  # filters combine
        ("type=staff_talks&year=2020&official=vizcarra", {"Colombia-U.S. virtual staff talks"}),
    ],
)
def test_filters(client: TestClient, world: dict[str, int], query: str, expected: set[str]) -> None:
    response = client.get(f"/engagements?{query}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert titles(body) == expected
    assert body["total"] == len(expected)


def test_person_and_location_id_filters(client: TestClient, world: dict[str, int]) -> None:
    by_person = client.get(f"/engagements?person_id={world['santos']}").json()
    assert titles(by_person) == {"7th Japan-Philippines Staff Talks"}
    by_location = client.get(f"/engagements?location_id={world['manila']}").json()
    assert titles(by_location) == {"7th Japan-Philippines Staff Talks"}


def test_sort_puts_unknown_dates_last_both_ways(client: TestClient, world: dict[str, int]) -> None:
    newest = [i["title"] for i in client.get("/engagements?sort=-start_date").json()["items"]]
    oldest = [i["title"] for i in client.get("/engagements?sort=start_date").json()["items"]]
    assert newest == ["7th Japan-Philippines Staff Talks", "Polish minister visits Berlin",
                      "Colombia-U.S. virtual staff talks", "Kenya-U.K. defence dialogue"]
    assert oldest == ["Colombia-U.S. virtual staff talks", "Polish minister visits Berlin",
                      "7th Japan-Philippines Staff Talks", "Kenya-U.K. defence dialogue"]


def test_pages_link_to_the_next_page(client: TestClient, world: dict[str, int]) -> None:
    first = client.get("/engagements?limit=3&sort=title").json()
    assert first["total"] == 4 and len(first["items"]) == 3
    assert first["next"] is not None and "offset=3" in first["next"] and "sort=title" in first["next"]
    second = client.get(first["next"]).json()
    assert len(second["items"]) == 1 and second["next"] is None
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})


def test_list_shows_partial_dates_as_precise_as_known(client: TestClient, world: dict[str, int]) -> None:
    items = {i["title"]: i for i in client.get("/engagements").json()["items"]}
    talks = items["7th Japan-Philippines Staff Talks"]
    assert (talks["start_date"], talks["end_date"], talks["start_precision"]) == ("2025-05-05", "2025-05-09", "day")
    assert items["Polish minister visits Berlin"]["start_date"] == "2024-06"
    virtual = items["Colombia-U.S. virtual staff talks"]
    assert (virtual["start_date"], virtual["earliest_date"], virtual["latest_date"]) == ("2020", "2020-01-01", "2020-12-31")
    assert items["Kenya-U.K. defence dialogue"]["start_date"] is None
    assert (talks["country_a"], talks["country_b"]) == ("JP", "PH")
    assert talks["location"]["name"] == "Manila" and talks["series"]["name"] == "Japan-Philippines Staff Talks"


def test_detail_has_everything_with_evidence(client: TestClient, session: Session) -> None:
    text = "MANILA, Philippines – Brig. Gen. Maria Santos led the 7th staff talks, which agreed 30 actions."
    document = make_document(session, text=text, title="Staff talks in Manila")
    location = make_location(session, "Manila", "PH", latitude=14.5995, longitude=120.9842)
    engagement = make_engagement(session, title="7th staff talks", countries=("JP", "PH"), location_id=location.id, agreed_actions_reported=30)
    person = make_person(session, "Maria Santos", "PH")
    participation = make_participation(session, engagement, person, rank="Brig. Gen.", title="chief of staff")
    action = make_action(session, engagement, "Maritime domain awareness exchanges", horizon="through 2027",
                         target_date=date(2027, 1, 1), target_precision="year")
    def span(quote: str) -> tuple[int, int]:
        start = text.index(quote)
        return start, start + len(quote)

    make_evidence(session, document, *span("Brig. Gen. Maria Santos led the 7th staff talks"), engagement_id=engagement.id)
    make_evidence(session, document, *span("Brig. Gen. Maria Santos"), participation_id=participation.id)
    warning = make_warning(session, engagement)
    make_evidence(session, document, *span("7th"), data_quality_warning_id=warning.id)

    response = client.get(f"/engagements/{engagement.id}")

    assert response.status_code == 200
    body = response.json()
    assert body["agreed_actions_reported"] == 30
    [participant] = body["participants"]
    assert participant["person"]["name"] == "Maria Santos"
    assert (participant["rank"], participant["title"], participant["country_code"]) == ("Brig. Gen.", "chief of staff", "PH")
    [agreed] = body["agreed_actions"]
    assert (agreed["id"], agreed["horizon"], agreed["target_date"]) == (action.id, "through 2027", "2027")
    [source] = body["sources"]
    assert source["document"]["title"] == "Staff talks in Manila"
    quotes = {(e["fact_type"], e["quote"]) for e in source["evidence"]}
    assert ("participation", "Brig. Gen. Maria Santos") in quotes
    assert all(text[e["start"]:e["end"]] == e["quote"] for e in source["evidence"])
    [shown_warning] = body["warnings"]
    assert shown_warning["code"] == "edition_year_mismatch"
    assert shown_warning["evidence"][0]["quote"] == "7th"


def test_detail_lists_officials_and_actions_in_the_order_recorded_hiding_rejected_and_deleted(client: TestClient, session: Session) -> None:
    engagement = make_engagement(session, title="Staff talks")
    people = [make_person(session, name, "PH") for name in ("Zed Cruz", "Ana Reyes", "Mia Lopez", "Gone Person")]
    for person in people:
        make_participation(session, engagement, person)
    rejected = make_participation(session, engagement, make_person(session, "Rejected Person", "PH"), review_state=ReviewState.rejected)
    people[-1].deleted_at = datetime.now(UTC)
    actions = [make_action(session, engagement, description) for description in ("Zeta", "Alpha", "Mu")]
    make_action(session, engagement, "Deleted", deleted_at=datetime.now(UTC))
    session.flush()

    body = client.get(f"/engagements/{engagement.id}").json()

    assert [p["person"]["name"] for p in body["participants"]] == ["Zed Cruz", "Ana Reyes", "Mia Lopez"]
    assert rejected.id not in [p["participation_id"] for p in body["participants"]]
    assert [a["id"] for a in body["agreed_actions"]] == [action.id for action in actions]


def test_missing_engagement_is_a_404_problem(client: TestClient, session: Session) -> None:
    response = client.get("/engagements/424242")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "engagement_not_found"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("year=abc", "year"),
        ("year=99999", "year"),
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("offset=-1", "offset"),
        ("date_from=2025-13", "date_from"),
        ("date_from=2025-02-30", "date_from"),
        ("date_from=yesterday", "date_from"),
        ("date_from=2025&date_to=2024", "date_to"),
        ("date_from=0999", "date_from"),  # years 1800-2200, like `year`
        ("date_to=2201-01-01", "date_to"),
        ("country=Atlantis", "country"),
        ("country=XX", "country"),
        ("type=parade", "type"),
        ("mode=telepathy", "mode"),
        ("sort=password", "sort"),
        ("sort=-summary", "sort"),
        ("official=%25%25", "official"),
        ("official=" + "a" * 201, "official"),
        ("person_id=99999999999999999999999", "person_id"),
        ("q=", "q"),
        ("q=a%00b", "q"),
        ("q=%1b[31m", "q"),
    ],
)
def test_invalid_parameters_are_named_in_a_422_problem(client: TestClient, session: Session, query: str, parameter: str) -> None:
    response = client.get(f"/engagements?{query}")
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422
    assert parameter in {error["field"] for error in body["errors"]}
    assert parameter in body["detail"] or body["code"] == "invalid_parameter"


def test_invalid_engagement_id_is_a_422(client: TestClient, session: Session) -> None:
    for bad in ("0", "abc", "99999999999999999999999"):
        response = client.get(f"/engagements/{bad}")
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "engagement_id"


@pytest.fixture
def sortable(session: Session) -> dict[str, int]:
    """Five engagements, four with the same participant; every sort key has ties and unknowns."""
    reyes = make_person(session, "Ana Reyes", "PH")
    army, navy = make_series(session, "Army Staff Talks"), make_series(session, "Navy Staff Talks")
    made = {}
    for title, start, kind, series, edition, reported, with_reyes in [
        ("Bravo talks", PartialDate(date(2023, 3, 1), "day"), EngagementType.staff_talks, army, 2, 10, True),
        ("alpha talks", PartialDate.unknown(), EngagementType.visit, None, None, None, True),
        ("Charlie talks", PartialDate(date(2023, 3, 1), "day"), EngagementType.staff_talks, navy, 2, None, True),
        ("Delta talks", PartialDate(date(2021, 1, 1), "year"), EngagementType.meeting, army, 5, 3, True),
        ("Echo talks", PartialDate(date(2022, 1, 1), "day"), EngagementType.staff_talks, army, 1, 7, False),
    ]:
        engagement = make_engagement(
            session, title=title, start=start, type=kind, series_id=series.id if series else None, edition=edition,
            agreed_actions_reported=reported,
        )
        if with_reyes:
            make_participation(session, engagement, reyes)
        made[title] = engagement.id
    return made


@pytest.mark.parametrize("sort", [key for base in ("start_date", "title", "type", "edition", "id", "agreed_actions_reported") for key in (base, f"-{base}")])
def test_a_looked_up_filter_keeps_the_list_order_and_pages(client: TestClient, sortable: dict[str, int], sort: str) -> None:
    """`official` finds its matches before sorting them (on PostgreSQL through a materialized CTE):
    the order, the pages and the total are those of the whole list with the others left out."""
    everyone = [item["id"] for item in client.get("/engagements", params={"sort": sort}).json()["items"]]
    expected = [engagement_id for engagement_id in everyone if engagement_id != sortable["Echo talks"]]
    assert len(expected) == 4
    pages, offset = [], 0
    while True:
        body = client.get("/engagements", params={"sort": sort, "official": "reyes", "limit": 3, "offset": offset}).json()
        assert body["total"] == 4
        pages += [item["id"] for item in body["items"]]
        if body["next"] is None:
            break
        offset += 3
    assert pages == expected
    past_the_end = client.get("/engagements", params={"sort": sort, "official": "reyes", "offset": 10}).json()
    assert past_the_end["items"] == [] and past_the_end["total"] == 4
