"""GET /documents (no text, but its length) and /documents/{id} (text and every fact with its span)."""

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.extraction.records import PartialDate
from app.models import Document
from app.models.enums import DatePrecision
from tests.factories import (
    make_action,
    make_document,
    make_engagement,
    make_evidence,
    make_location,
    make_participation,
    make_person,
)
from tests.problem_assertions import assert_problem

BOGOTA_TEXT = (
    "BOGOTÁ, Colombia – Gen. Ana María Gómez Ruiz hosted the Colombia-U.S. Army Staff Talks "
    "on March 4, 2024, where both armies agreed to expand NCO exchanges through 2029."
)
BOGOTA = "Colombia-U.S. Army staff talks conclude in Bogotá"
MANILA = "Japan and Philippines sign 100% readiness pledge"
WARSAW = "Polish minister visits Berlin"
NAIROBI = "Kenya-U.K. defence dialogue"
DRILLS = "1000 readiness drills in Luzon"
ALL = {BOGOTA, MANILA, WARSAW, NAIROBI, DRILLS}


def titles(body: dict[str, Any]) -> set[str]:
    return {item["title"] for item in body["items"]}


@pytest.fixture
def world(session: Session) -> dict[str, int]:
    """Five articles; published on year boundaries, one undated."""
    documents = [
        make_document(session, BOGOTA_TEXT, title=BOGOTA, source_ref="2024/bogota_staff_talks.txt",
                      publisher="Army.mil", published_date=date(2024, 3, 8)),
        make_document(session, "MANILA – The Japan Ground Self-Defense Force and the AFP pledged full readiness.",
                      title=MANILA, source_ref="2025/manila-readiness.txt", published_date=date(2025, 5, 10)),
        make_document(session, "WARSAW – Poland's deputy minister of national defence visited Berlin.",
                      title=WARSAW, source_ref="2024/warsaw_berlin.txt", published_date=date(2024, 12, 31)),
        make_document(session, "NAIROBI, Kenya – The Kenya Defence Forces hosted British officers.",
                      title=NAIROBI, source_ref="undated/nairobi.txt", published_date=None),
        make_document(session, "Philippine and Japanese troops held 1000 drills.",
                      title=DRILLS, source_ref="2023/luzon-drills.txt", published_date=date(2023, 1, 1)),
    ]
    return {document.title: document.id for document in documents}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ALL),
        # year published, including the first and last day of the year; undated documents never match
        ({"year": "2024"}, {BOGOTA, WARSAW}),
        ({"year": "2023"}, {DRILLS}),
        ({"year": "2025"}, {MANILA}),
        ({"year": "2022"}, set()),
        # q: title or source reference, case-insensitive
        ({"q": "staff talks"}, {BOGOTA}),
        ({"q": "STAFF"}, {BOGOTA}),
        ({"q": "Bogotá"}, {BOGOTA}),
        ({"q": "manila-readiness"}, {MANILA}),  # source reference
        ({"q": "readiness"}, {MANILA, DRILLS}),
        ({"q": "undated/"}, {NAIROBI}),
        ({"q": "defence"}, {NAIROBI}),
        ({"q": "cyber"}, set()),
        # % and _ are literal: as wildcards "100%" would match "1000" and "s_aff" would match "staff"
        ({"q": "100%"}, {MANILA}),
        ({"q": "s_aff"}, set()),
        ({"q": "_berlin"}, {WARSAW}),
        ({"q": "%"}, {MANILA}),
        # filters combine
        ({"q": "readiness", "year": "2023"}, {DRILLS}),
        ({"q": "readiness", "year": "2024"}, set()),
    ],
)
def test_list_filters(client: TestClient, world: dict[str, int], params: dict[str, str], expected: set[str]) -> None:
    response = client.get("/documents", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert titles(body) == expected
    assert body["total"] == len(expected)


def test_q_is_case_insensitive_beyond_ascii(client: TestClient, world: dict[str, int]) -> None:
    body = client.get("/documents", params={"q": "BOGOTÁ"}).json()
    assert titles(body) == {BOGOTA}


def test_list_items_have_length_but_no_text(client: TestClient, world: dict[str, int]) -> None:
    items = {item["title"]: item for item in client.get("/documents").json()["items"]}
    bogota = items[BOGOTA]
    assert "text" not in bogota
    assert bogota["length"] == len(BOGOTA_TEXT)  # characters, not UTF-8 bytes ("Á", "–")
    assert len(BOGOTA_TEXT.encode()) > len(BOGOTA_TEXT)
    assert bogota == {"id": world[BOGOTA], "source_ref": "2024/bogota_staff_talks.txt", "title": BOGOTA,
                      "publisher": "Army.mil", "published_date": "2024-03-08", "sha256": bogota["sha256"],
                      "length": len(BOGOTA_TEXT)}
    assert len(bogota["sha256"]) == 64
    assert items[NAIROBI]["published_date"] is None


def test_list_is_newest_first_with_undated_last_and_paginated(client: TestClient, world: dict[str, int]) -> None:
    first = client.get("/documents", params={"limit": 3}).json()
    assert [i["title"] for i in first["items"]] == [MANILA, WARSAW, BOGOTA]
    assert first["total"] == 5 and "offset=3" in first["next"] and "limit=3" in first["next"]
    last = client.get(first["next"]).json()
    assert [i["title"] for i in last["items"]] == [DRILLS, NAIROBI]
    assert last["next"] is None


def test_detail_has_text_and_every_fact_with_its_span(client: TestClient, session: Session, world: dict[str, int]) -> None:
    document_id = world[BOGOTA]
    bogota = make_location(session, "Bogotá", "CO")
    talks = make_engagement(session, title="Colombia-U.S. Army Staff Talks", countries=("CO", "US"),
                            start=PartialDate(date(2024, 3, 4), "day"), location_id=bogota.id)
    gomez = make_person(session, "Ana María Gómez Ruiz", "CO")
    participation = make_participation(session, talks, gomez, rank="Gen.")
    action = make_action(session, talks, "Expand NCO exchanges", horizon="through 2029",
                         target_date=date(2029, 1, 1), target_precision=DatePrecision.year)

    def span(quote: str) -> tuple[int, int]:
        start = BOGOTA_TEXT.index(quote)
        return start, start + len(quote)

    elsewhere = make_document(session, "MEDELLÍN – Unrelated.", source_ref="2024/medellin.txt")
    make_evidence(session, elsewhere, 0, 8, engagement_id=talks.id)  # another document's evidence is not shown here
    document = session.get_one(Document, document_id)
    make_evidence(session, document, *span("expand NCO exchanges through 2029"),
                  agreed_action_id=action.id)
    make_evidence(session, document, *span("Gen. Ana María Gómez Ruiz"),
                  participation_id=participation.id)
    make_evidence(session, document, *span("BOGOTÁ"), location_id=bogota.id)
    make_evidence(session, document,
                  *span("hosted the Colombia-U.S. Army Staff Talks on March 4, 2024"), engagement_id=talks.id)

    response = client.get(f"/documents/{document_id}")

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["text"], body["length"], body["title"]) == (BOGOTA_TEXT, len(BOGOTA_TEXT), BOGOTA)
    facts = [(f["fact_type"], f["fact_id"], f["quote"]) for f in body["facts"]]
    assert facts == [  # in text order
        ("location", bogota.id, "BOGOTÁ"),
        ("participation", participation.id, "Gen. Ana María Gómez Ruiz"),
        ("engagement", talks.id, "hosted the Colombia-U.S. Army Staff Talks on March 4, 2024"),
        ("agreed_action", action.id, "expand NCO exchanges through 2029"),
    ]
    for fact in body["facts"]:
        assert BOGOTA_TEXT[fact["start"]:fact["end"]] == fact["quote"]
        assert (fact["document_id"], fact["rule"], fact["confidence"]) == (document_id, "test", 0.9)


def test_detail_of_a_document_without_facts(client: TestClient, world: dict[str, int]) -> None:
    body = client.get(f"/documents/{world[NAIROBI]}").json()
    assert (body["facts"], body["published_date"], body["source_ref"]) == ([], None, "undated/nairobi.txt")
    assert body["text"].startswith("NAIROBI, Kenya")


def test_missing_document_is_a_404_problem(client: TestClient, session: Session) -> None:
    body = assert_problem(client.get("/documents/424242"), 404, "document_not_found")
    assert body["detail"] == "Document 424242 does not exist."
    assert body["type"] == "/problems/document_not_found"


@pytest.mark.parametrize("bad_id", ["0", "abc", "2147483648", "99999999999999999999999"])
def test_invalid_document_id_is_a_422_problem(client: TestClient, session: Session, bad_id: str) -> None:
    body = assert_problem(client.get(f"/documents/{bad_id}"), 422, "validation_failed")
    assert [error["loc"] for error in body["errors"]] == [["path", "document_id"]]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"year": "1799"}, "year"),
        ({"year": "2201"}, "year"),
        ({"year": "recent"}, "year"),
        ({"q": ""}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"limit": "0"}, "limit"),
        ({"limit": "201"}, "limit"),
        ({"offset": "-1"}, "offset"),
    ],
)
def test_invalid_list_parameters_are_named_in_a_422_problem(
    client: TestClient, session: Session, params: dict[str, str], parameter: str
) -> None:
    body = assert_problem(client.get("/documents", params=params), 422, "validation_failed")
    assert [error["loc"] for error in body["errors"]] == [["query", parameter]]
    assert parameter in body["detail"]
