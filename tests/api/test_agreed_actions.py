"""GET /agreed-actions: status, engagement, year (partial dates overlap) and country filters,
and target dates shown exactly as precisely as they are known."""

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.extraction.records import PartialDate
from app.models.enums import ActionStatus, DatePrecision
from tests.factories import make_action, make_engagement
from tests.problem_assertions import assert_problem

NCO = "Expand NCO exchanges"
CYBER = "Joint cyber defense exercise"
MARITIME = "Maritime domain awareness training"
LOGISTICS = "Logistics hub in Poznań"
IED = "Counter-IED training for KDF engineers"
LEADERSHIP = "Leadership development"
DISASTER = "Disaster response planning"
ALL = {NCO, CYBER, MARITIME, LOGISTICS, IED, LEADERSHIP, DISASTER}


def descriptions(body: dict[str, Any]) -> set[str]:
    return {item["description"] for item in body["items"]}


@pytest.fixture
def world(session: Session) -> dict[str, int]:
    """Five engagements: a year-precision date, a day range across New Year, one undated."""
    colombia = make_engagement(session, title="Colombia-U.S. Army Staff Talks", countries=("CO", "US"),
                               start=PartialDate(date(2020, 1, 1), "year"))
    japan = make_engagement(session, title="Japan-Philippines Staff Talks", countries=("JP", "PH"),
                            start=PartialDate(date(2021, 3, 15), "day"))
    poland = make_engagement(session, title="Polish-German logistics talks", countries=("PL", "DE"),
                             start=PartialDate(date(2020, 12, 28), "day"), end=PartialDate(date(2021, 1, 3), "day"))
    kenya = make_engagement(session, title="Kenya-U.K. defence dialogue", countries=("KE", "GB"), start=PartialDate.unknown())
    peru = make_engagement(session, title="U.S.-Peru Army Staff Talks", countries=("US", "PE"),
                           start=PartialDate(date(2023, 5, 1), "month"))

    year, month, day = DatePrecision.year, DatePrecision.month, DatePrecision.day
    nco = make_action(session, colombia, NCO, topic="NCO development", status=ActionStatus.agreed, horizon="through 2029",
                      target_date=date(2029, 1, 1), target_precision=year)
    make_action(session, colombia, CYBER, status=ActionStatus.completed, target_date=date(2021, 6, 1), target_precision=month)
    maritime = make_action(session, japan, MARITIME, status=ActionStatus.in_progress, target_date=date(2022, 3, 31),
                           target_precision=day)
    make_action(session, poland, LOGISTICS, status=ActionStatus.postponed)
    make_action(session, kenya, IED, status=ActionStatus.agreed)
    make_action(session, peru, LEADERSHIP, topic="professional military education", status=ActionStatus.rescheduled,
                horizon="by May 2024", target_date=date(2024, 5, 1), target_precision=month)
    make_action(session, peru, DISASTER, status=ActionStatus.cancelled)
    return {"colombia": colombia.id, "japan": japan.id, "poland": poland.id, "kenya": kenya.id, "peru": peru.id,
            "nco": nco.id, "maritime": maritime.id}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ALL),
        # status
        ({"status": "agreed"}, {NCO, IED}),
        ({"status": "completed"}, {CYBER}),
        ({"status": "in_progress"}, {MARITIME}),
        ({"status": "postponed"}, {LOGISTICS}),
        ({"status": "rescheduled"}, {LEADERSHIP}),
        ({"status": "cancelled"}, {DISASTER}),
        # year of the engagement: a year-precision 2020 counts for 2020 only; a range across New Year counts for both
        ({"year": "2020"}, {NCO, CYBER, LOGISTICS}),
        ({"year": "2021"}, {MARITIME, LOGISTICS}),
        ({"year": "2023"}, {LEADERSHIP, DISASTER}),
        ({"year": "2024"}, set()),  # the year of the target date does not count
        ({"year": "2029"}, set()),
        ({"year": "2019"}, set()),
        # country: either side, code or English name
        ({"country": "US"}, {NCO, CYBER, LEADERSHIP, DISASTER}),
        ({"country": "Colombia"}, {NCO, CYBER}),
        ({"country": "pe"}, {LEADERSHIP, DISASTER}),
        ({"country": "jp"}, {MARITIME}),
        ({"country": "Philippines"}, {MARITIME}),
        ({"country": "Germany"}, {LOGISTICS}),
        ({"country": "POL"}, {LOGISTICS}),
        ({"country": "United Kingdom"}, {IED}),
        ({"country": "ke"}, {IED}),
        ({"country": "BR"}, set()),
        # filters combine
        ({"country": "US", "year": "2020"}, {NCO, CYBER}),
        ({"country": "US", "status": "agreed"}, {NCO}),
        ({"year": "2021", "status": "postponed"}, {LOGISTICS}),
        ({"year": "2021", "country": "CO"}, set()),
    ],
)
def test_list_filters(client: TestClient, world: dict[str, int], params: dict[str, str], expected: set[str]) -> None:
    response = client.get("/agreed-actions", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert descriptions(body) == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize(
    ("engagement", "expected"),
    [
        ("colombia", [NCO, CYBER]),  # in the order they were recorded
        ("japan", [MARITIME]),
        ("kenya", [IED]),
        ("peru", [LEADERSHIP, DISASTER]),
    ],
)
def test_engagement_id_filter(client: TestClient, world: dict[str, int], engagement: str, expected: list[str]) -> None:
    body = client.get("/agreed-actions", params={"engagement_id": world[engagement]}).json()
    assert [item["description"] for item in body["items"]] == expected
    assert {item["engagement_id"] for item in body["items"]} == {world[engagement]}


def test_engagement_id_that_does_not_exist_matches_nothing(client: TestClient, world: dict[str, int]) -> None:
    body = client.get("/agreed-actions", params={"engagement_id": 2147483647}).json()
    assert (body["items"], body["total"]) == ([], 0)


def test_target_dates_are_shown_as_precise_as_known(client: TestClient, world: dict[str, int]) -> None:
    items = {item["description"]: item for item in client.get("/agreed-actions").json()["items"]}
    shown = {d: (i["target_precision"], i["target_date"]) for d, i in items.items()}
    assert shown == {
        NCO: ("year", "2029"),
        CYBER: ("month", "2021-06"),
        MARITIME: ("day", "2022-03-31"),
        LEADERSHIP: ("month", "2024-05"),
        LOGISTICS: (None, None),
        IED: (None, None),
        DISASTER: (None, None),
    }
    assert items[NCO] == {"id": world["nco"], "engagement_id": world["colombia"], "description": NCO,
                          "topic": "NCO development", "status": "agreed", "horizon": "through 2029",
                          "target_precision": "year", "target_date": "2029",
                          "version": 1, "origin": "extracted", "review_state": "pending"}


def test_list_is_ordered_by_engagement_then_action_and_paginated(client: TestClient, world: dict[str, int]) -> None:
    first = client.get("/agreed-actions", params={"limit": 4}).json()
    assert [i["description"] for i in first["items"]] == [NCO, CYBER, MARITIME, LOGISTICS]
    assert first["total"] == 7 and "offset=4" in first["next"]
    last = client.get(first["next"]).json()
    assert [i["description"] for i in last["items"]] == [IED, LEADERSHIP, DISASTER]
    assert last["next"] is None


def test_filtered_next_link_keeps_the_filters(client: TestClient, world: dict[str, int]) -> None:
    first = client.get("/agreed-actions", params={"country": "US", "limit": 2}).json()
    assert "country=US" in first["next"]
    assert descriptions(client.get(first["next"]).json()) == {LEADERSHIP, DISASTER}


@pytest.mark.parametrize(
    ("params", "parameter", "code"),
    [
        ({"status": "bogus"}, "status", "validation_failed"),
        ({"status": "AGREED"}, "status", "validation_failed"),
        ({"year": "1799"}, "year", "validation_failed"),
        ({"year": "2201"}, "year", "validation_failed"),
        ({"year": "20x0"}, "year", "validation_failed"),
        ({"engagement_id": "0"}, "engagement_id", "validation_failed"),
        ({"engagement_id": "99999999999999999999999"}, "engagement_id", "validation_failed"),
        ({"country": "Atlantis"}, "country", "invalid_parameter"),
        ({"country": "QQ"}, "country", "invalid_parameter"),
        ({"limit": "0"}, "limit", "validation_failed"),
        ({"limit": "201"}, "limit", "validation_failed"),
        ({"offset": "-1"}, "offset", "validation_failed"),
    ],
)
def test_invalid_parameters_are_named_in_a_422_problem(
    client: TestClient, session: Session, params: dict[str, str], parameter: str, code: str
) -> None:
    body = assert_problem(client.get("/agreed-actions", params=params), 422, code)
    assert [error["loc"] for error in body["errors"]] == [["query", parameter]]
    assert parameter in body["detail"] or code == "invalid_parameter"
