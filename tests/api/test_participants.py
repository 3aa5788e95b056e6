"""GET /participants, /participants/{id} and /participants/{id}/engagements: every filter
includes what it should and excludes the rest, on realistic officials of several country pairs."""

from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.extraction.records import PartialDate
from app.models.enums import ParticipantRole
from tests.factories import make_engagement, make_organization, make_participation, make_person
from tests.problem_assertions import assert_problem

VIZCARRA = "José Vizcarra Álvarez"
GOMEZ = "Ana María Gómez Ruiz"
MENDOZA = "Carlos Mendoza"  # country unknown
RYAN = "Phil Ryan"
TANAKA = "Kenji Tanaka"
SANTOS = "Maria Santos"
KOWALSKI = "Tomasz Kowalski"
MULLER = "Jonas Müller"  # took part in nothing
WANJIRU = "Grace Wanjiru"
WHITFIELD = "James Whitfield"
EVERYONE = {VIZCARRA, GOMEZ, MENDOZA, RYAN, TANAKA, SANTOS, KOWALSKI, MULLER, WANJIRU, WHITFIELD}


def names(body: dict[str, Any]) -> set[str]:
    return {item["name"] for item in body["items"]}


@pytest.fixture
def world(session: Session) -> dict[str, int]:
    """Ten officials across five country pairs; one person with two ranks over two engagements."""
    peru_2023 = make_engagement(session, title="10th U.S.-Peru Army Staff Talks", countries=("PE", "US"),
                                start=PartialDate(date(2023, 8, 14), "day"))
    peru_2025 = make_engagement(session, title="11th U.S.-Peru Army Staff Talks", countries=("US", "PE"),
                                start=PartialDate(date(2025, 5, 5), "day"), end=PartialDate(date(2025, 5, 9), "day"))
    colombia = make_engagement(session, title="Colombia-U.S. Army Staff Talks", countries=("CO", "US"),
                               start=PartialDate(date(2024, 3, 4), "day"))
    japan = make_engagement(session, title="Japan-Philippines Staff Talks", countries=("JP", "PH"),
                            start=PartialDate(date(2024, 11, 1), "month"))
    poland = make_engagement(session, title="Polish-German defence consultations", countries=("PL", "DE"),
                             start=PartialDate(date(2022, 1, 1), "year"))
    kenya = make_engagement(session, title="Kenya-U.K. defence dialogue", countries=("KE", "GB"), start=PartialDate.unknown())

    peruvian_army = make_organization(session, "Peruvian Army", None, "PE")
    army_south = make_organization(session, "U.S. Army South", "USARSOUTH", "US")
    colombian_army = make_organization(session, "Colombian National Army", "EJC", "CO")
    jgsdf = make_organization(session, "Japan Ground Self-Defense Force", "JGSDF", "JP")
    afp = make_organization(session, "Armed Forces of the Philippines", "AFP", "PH")
    kdf = make_organization(session, "Kenya Defence Forces", "KDF", "KE")
    british_army = make_organization(session, "British Army", None, "GB")

    people = {name: make_person(session, name, country) for name, country in [
        (VIZCARRA, "PE"), (GOMEZ, "CO"), (MENDOZA, None), (RYAN, "US"), (TANAKA, "JP"), (SANTOS, "PH"),
        (KOWALSKI, "PL"), (MULLER, "DE"), (WANJIRU, "KE"), (WHITFIELD, "GB"),
    ]}
    make_participation(session, peru_2023, people[VIZCARRA], rank="Brig. Gen.", title="commander of the 3rd Army Division",
                       organization_id=peruvian_army.id, role=ParticipantRole.head_of_delegation)
    make_participation(session, peru_2025, people[VIZCARRA], rank="Maj. Gen.", title="chief of the Army General Staff",
                       organization_id=peruvian_army.id, role=ParticipantRole.host)
    make_participation(session, peru_2025, people[RYAN], rank="Col.", title="director of security cooperation",
                       organization_id=army_south.id)
    make_participation(session, colombia, people[RYAN], rank="Col.", organization_id=army_south.id)
    make_participation(session, colombia, people[GOMEZ], rank="Gen.", organization_id=colombian_army.id)
    make_participation(session, colombia, people[MENDOZA])
    make_participation(session, japan, people[TANAKA], rank="Lt. Gen.", organization_id=jgsdf.id)
    make_participation(session, japan, people[SANTOS], rank="Brig. Gen.", organization_id=afp.id)
    make_participation(session, poland, people[KOWALSKI], title="deputy minister of national defence")
    make_participation(session, kenya, people[WANJIRU], rank="Maj. Gen.", organization_id=kdf.id)
    make_participation(session, kenya, people[WHITFIELD], rank="Brig.", organization_id=british_army.id)
    ids = {name: person.id for name, person in people.items()}
    ids.update(peru_2023=peru_2023.id, peru_2025=peru_2025.id, colombia=colombia.id, army_south=army_south.id)
    return ids


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, EVERYONE),
        # name: any part, case- and accent-insensitive
        ({"name": "vizcarra alvarez"}, {VIZCARRA}),
        ({"name": "JOSE"}, {VIZCARRA}),
        ({"name": "Álvarez"}, {VIZCARRA}),
        ({"name": "  Vizcarra-Álvarez "}, {VIZCARRA}),  # punctuation and spacing fold like the stored key
        ({"name": "maria"}, {GOMEZ, SANTOS}),
        ({"name": "MÜLLER"}, {MULLER}),
        ({"name": "gómez ruiz"}, {GOMEZ}),
        ({"name": "ruiz gomez"}, set()),  # word order matters
        ({"name": "smith"}, set()),
        # % and _ are never wildcards: "an%ruiz" as a LIKE pattern would match Gómez Ruiz
        ({"name": "an%ruiz"}, set()),
        ({"name": "jo_e"}, set()),
        ({"name": "jos%vizcarra"}, set()),
        ({"name": "vizcarra%alvarez"}, {VIZCARRA}),  # folded to a word separator, like "-"
        # country: alpha-2, alpha-3 or English name, any case
        ({"country": "pe"}, {VIZCARRA}),
        ({"country": "Peru"}, {VIZCARRA}),
        ({"country": "PER"}, {VIZCARRA}),
        ({"country": "Philippines"}, {SANTOS}),
        ({"country": "jp"}, {TANAKA}),
        ({"country": "Germany"}, {MULLER}),
        ({"country": "pl"}, {KOWALSKI}),
        ({"country": "United Kingdom"}, {WHITFIELD}),
        ({"country": "KE"}, {WANJIRU}),
        ({"country": "United States"}, {RYAN}),
        ({"country": "colombia"}, {GOMEZ}),
        ({"country": "BR"}, set()),
        # organization: part of the name, or the whole acronym
        ({"organization": "army south"}, {RYAN}),
        ({"organization": "U.S. Army"}, {RYAN}),
        ({"organization": "usarsouth"}, {RYAN}),
        ({"organization": "USARSOUTH"}, {RYAN}),
        ({"organization": "usar"}, set()),  # an acronym matches whole, not in part
        ({"organization": "JGSDF"}, {TANAKA}),
        ({"organization": "self-defense"}, {TANAKA}),
        ({"organization": "afp"}, {SANTOS}),
        ({"organization": "kdf"}, {WANJIRU}),
        ({"organization": "army"}, {VIZCARRA, RYAN, GOMEZ, WHITFIELD}),
        ({"organization": "navy"}, set()),
        # filters combine
        ({"organization": "army", "country": "US"}, {RYAN}),
        ({"organization": "army", "name": "maria"}, {GOMEZ}),
        ({"country": "PE", "name": "ryan"}, set()),
    ],
)
def test_list_filters(client: TestClient, world: dict[str, int], params: dict[str, str], expected: set[str]) -> None:
    response = client.get("/participants", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert names(body) == expected
    assert body["total"] == len(expected)


def test_list_items_carry_country_and_engagement_count(client: TestClient, world: dict[str, int]) -> None:
    items = {item["name"]: item for item in client.get("/participants").json()["items"]}
    counts = {name: item["engagement_count"] for name, item in items.items()}
    assert counts == {VIZCARRA: 2, RYAN: 2, GOMEZ: 1, MENDOZA: 1, TANAKA: 1, SANTOS: 1,
                      KOWALSKI: 1, MULLER: 0, WANJIRU: 1, WHITFIELD: 1}
    assert items[VIZCARRA] == {"id": world[VIZCARRA], "name": VIZCARRA, "country_code": "PE", "engagement_count": 2,
                               "version": 1, "origin": "extracted", "review_state": "pending"}
    assert items[MENDOZA]["country_code"] is None


def test_count_is_not_narrowed_by_the_organization_filter(client: TestClient, world: dict[str, int]) -> None:
    [ryan] = client.get("/participants", params={"organization": "usarsouth"}).json()["items"]
    assert ryan["engagement_count"] == 2


def test_pages_are_ordered_by_folded_name_and_link_to_the_next(client: TestClient, world: dict[str, int]) -> None:
    first = client.get("/participants", params={"limit": 4}).json()
    assert (first["total"], first["limit"], first["offset"]) == (10, 4, 0)
    assert [i["name"] for i in first["items"]] == [GOMEZ, MENDOZA, WANJIRU, WHITFIELD]
    assert first["next"] is not None and "offset=4" in first["next"] and "limit=4" in first["next"]

    second = client.get(first["next"]).json()
    assert [i["name"] for i in second["items"]] == [MULLER, VIZCARRA, TANAKA, SANTOS]
    assert second["offset"] == 4 and "offset=8" in second["next"]

    last = client.get(second["next"]).json()
    assert [i["name"] for i in last["items"]] == [RYAN, KOWALSKI]
    assert (last["offset"], last["total"], last["next"]) == (8, 10, None)


def test_filtered_pages_keep_the_filter_in_the_next_link(client: TestClient, world: dict[str, int]) -> None:
    first = client.get("/participants", params={"organization": "army", "limit": 3}).json()
    assert first["total"] == 4 and "organization=army" in first["next"]
    rest = client.get(first["next"]).json()
    assert names(rest) | names(first) == {VIZCARRA, RYAN, GOMEZ, WHITFIELD}
    assert rest["next"] is None


def test_offset_past_the_end_is_an_empty_last_page(client: TestClient, world: dict[str, int]) -> None:
    body = client.get("/participants", params={"offset": 50}).json()
    assert (body["items"], body["total"], body["next"]) == ([], 10, None)


@pytest.mark.parametrize(
    ("params", "parameter", "code"),
    [
        ({"country": "Atlantis"}, "country", "invalid_parameter"),
        ({"country": "XX"}, "country", "invalid_parameter"),
        ({"country": "P"}, "country", "validation_failed"),
        ({"limit": "0"}, "limit", "validation_failed"),
        ({"limit": "201"}, "limit", "validation_failed"),
        ({"limit": "ten"}, "limit", "validation_failed"),
        ({"offset": "-1"}, "offset", "validation_failed"),
        ({"offset": "1000001"}, "offset", "validation_failed"),
        ({"name": "%%%"}, "name", "invalid_parameter"),  # nothing searchable is left
        ({"name": "_ - ."}, "name", "invalid_parameter"),
        ({"name": ""}, "name", "validation_failed"),
        ({"name": "a" * 201}, "name", "validation_failed"),
        ({"organization": "---"}, "organization", "invalid_parameter"),
    ],
)
def test_invalid_list_parameters_are_named_in_a_422_problem(
    client: TestClient, session: Session, params: dict[str, str], parameter: str, code: str
) -> None:
    body = assert_problem(client.get("/participants", params=params), 422, code)
    assert [error["field"] for error in body["errors"]] == [parameter]
    assert body["errors"][0]["loc"] == ["query", parameter]


def test_detail_has_each_engagement_with_the_rank_and_title_held_then(client: TestClient, world: dict[str, int]) -> None:
    response = client.get(f"/participants/{world[VIZCARRA]}")

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["name"], body["country_code"], body["engagement_count"]) == (world[VIZCARRA], VIZCARRA, "PE", 2)
    latest, earlier = body["engagements"]  # newest first
    assert latest["engagement"]["id"] == world["peru_2025"]
    assert (latest["rank"], latest["title"], latest["role"]) == ("Maj. Gen.", "chief of the Army General Staff", "host")
    assert (latest["engagement"]["start_date"], latest["engagement"]["end_date"]) == ("2025-05-05", "2025-05-09")
    assert earlier["engagement"]["id"] == world["peru_2023"]
    assert (earlier["rank"], earlier["title"], earlier["role"]) == (
        "Brig. Gen.", "commander of the 3rd Army Division", "head_of_delegation")
    assert {e["organization"]["name"] for e in body["engagements"]} == {"Peruvian Army"}
    assert (earlier["engagement"]["country_a"], earlier["engagement"]["country_b"]) == ("PE", "US")


def test_detail_of_a_person_without_organization_or_engagements(client: TestClient, world: dict[str, int]) -> None:
    mendoza = client.get(f"/participants/{world[MENDOZA]}").json()
    [part] = mendoza["engagements"]
    assert (part["organization"], part["rank"], part["role"], mendoza["country_code"]) == (None, None, "attendee", None)
    muller = client.get(f"/participants/{world[MULLER]}").json()
    assert (muller["engagement_count"], muller["engagements"]) == (0, [])


def test_detail_shows_the_organization_with_its_acronym(client: TestClient, world: dict[str, int]) -> None:
    body = client.get(f"/participants/{world[RYAN]}").json()
    assert {e["engagement"]["title"] for e in body["engagements"]} == {
        "11th U.S.-Peru Army Staff Talks", "Colombia-U.S. Army Staff Talks"}
    organization = body["engagements"][0]["organization"]
    assert organization == {"id": world["army_south"], "name": "U.S. Army South", "acronym": "USARSOUTH",
                            "country_code": "US", "parent_id": None}


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        (VIZCARRA, ["11th U.S.-Peru Army Staff Talks", "10th U.S.-Peru Army Staff Talks"]),
        (RYAN, ["11th U.S.-Peru Army Staff Talks", "Colombia-U.S. Army Staff Talks"]),
        (SANTOS, ["Japan-Philippines Staff Talks"]),
        (WANJIRU, ["Kenya-U.K. defence dialogue"]),
        (MULLER, []),
    ],
)
def test_engagements_of_one_participant(client: TestClient, world: dict[str, int], person: str, expected: list[str]) -> None:
    response = client.get(f"/participants/{world[person]}/engagements")
    assert response.status_code == 200, response.text
    body = response.json()
    assert [item["title"] for item in body["items"]] == expected
    assert (body["total"], body["next"]) == (len(expected), None)


def test_engagements_of_one_participant_are_paginated(client: TestClient, world: dict[str, int]) -> None:
    first = client.get(f"/participants/{world[VIZCARRA]}/engagements", params={"limit": 1}).json()
    assert [i["title"] for i in first["items"]] == ["11th U.S.-Peru Army Staff Talks"]
    assert first["total"] == 2 and "offset=1" in first["next"]
    second = client.get(first["next"]).json()
    assert [i["title"] for i in second["items"]] == ["10th U.S.-Peru Army Staff Talks"]
    assert second["next"] is None


@pytest.mark.parametrize("path", ["/participants/424242", "/participants/424242/engagements", "/participants/2147483647"])
def test_missing_participant_is_a_404_problem(client: TestClient, session: Session, path: str) -> None:
    body = assert_problem(client.get(path), 404, "participant_not_found")
    assert body["detail"] == f"Participant {path.split('/')[2]} does not exist."
    assert body["type"] == "/problems/participant_not_found"
    assert "errors" not in body


@pytest.mark.parametrize("bad_id", ["0", "-3", "abc", "2147483648", "99999999999999999999999"])
@pytest.mark.parametrize("suffix", ["", "/engagements"])
def test_invalid_participant_id_is_a_422_problem(client: TestClient, session: Session, bad_id: str, suffix: str) -> None:
    body = assert_problem(client.get(f"/participants/{bad_id}{suffix}"), 422, "validation_failed")
    assert [error["loc"] for error in body["errors"]] == [["path", "person_id"]]
    assert "person_id" in body["detail"]


@pytest.mark.parametrize("term", ["FF.MM.", "ff.mm", "FFMM"])
def test_organization_acronym_with_punctuation_is_found(client: TestClient, session: Session, term: str) -> None:
    colombia = make_engagement(session, title="Colombia-U.S. Army Staff Talks", countries=("CO", "US"))
    military_forces = make_organization(session, "Fuerzas Militares de Colombia", "FF.MM.", "CO")
    make_participation(session, colombia, make_person(session, "Luis Emilio Cardozo Santamaría", "CO"),
                       organization_id=military_forces.id)
    make_participation(session, colombia, make_person(session, "Phil Ryan", "US"))

    body = client.get("/participants", params={"organization": term}).json()

    assert names(body) == {"Luis Emilio Cardozo Santamaría"}


@pytest.mark.parametrize("country", ["UK", "Britain", "U.K."])
def test_country_accepts_common_english_names_of_the_united_kingdom(
    client: TestClient, world: dict[str, int], country: str
) -> None:
    response = client.get("/participants", params={"country": country})
    assert response.status_code == 200, response.text
    assert names(response.json()) == {WHITFIELD}
