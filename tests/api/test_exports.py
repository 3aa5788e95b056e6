"""CSV on every list, GeoJSON for the located ones: same rows and filters as the JSON lists, streamed.

The lists come from the OpenAPI document (every GET answering a `Page[...]`), so a new list
that forgot its export fails here.
"""

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from app.actions.schemas import AGREED_ACTION_COLUMNS
from app.audit import service as audit_service
from app.audit.schemas import AUDIT_COLUMNS
from app.auth.actor import COMMAND_LINE
from app.config import get_settings
from app.documents.schemas import DOCUMENT_COLUMNS
from app.engagements.schemas import ENGAGEMENT_COLUMNS
from app.export.columns import Columns, value_at
from app.export.csv import FORMULA_TRIGGERS
from app.export.stream import get_export_session
from app.extraction.records import PartialDate
from app.locations.schemas import LOCATION_COLUMNS
from app.main import create_app
from app.models import Engagement
from app.models.enums import EngagementType, LocationKind
from app.organizations.schemas import ORGANIZATION_COLUMNS
from app.pagination import MAX_LIMIT
from app.participants.schemas import PARTICIPANT_COLUMNS
from app.participations.schemas import PARTICIPATION_COLUMNS
from tests.api.test_permissions import concrete
from tests.factories import (
    make_action,
    make_document,
    make_engagement,
    make_location,
    make_organization,
    make_participation,
    make_person,
    make_series,
)
from tests.problem_assertions import assert_problem

# The flat form of each list, by the file name it downloads as: a new list needs a line here.
COLUMNS_BY_FILE: dict[str, Columns] = {
    "engagements": ENGAGEMENT_COLUMNS,
    "locations": LOCATION_COLUMNS,
    "participants": PARTICIPANT_COLUMNS,
    "participations": PARTICIPATION_COLUMNS,
    "organizations": ORGANIZATION_COLUMNS,
    "agreed-actions": AGREED_ACTION_COLUMNS,
    "documents": DOCUMENT_COLUMNS,
    "audit": AUDIT_COLUMNS,
}
GEOJSON_LISTS = {"/engagements", "/locations", "/locations/{location_id}/engagements", "/participants/{person_id}/engagements"}
TRICKY_TITLE = 'Talks, "quoted"\nsecond line'


def list_operations() -> dict[str, dict[str, Any]]:
    """Every GET whose JSON answer is a page, with its OpenAPI operation."""
    found = {}
    for path, item in create_app().openapi()["paths"].items():
        operation = item.get("get")
        json_content = (operation or {}).get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
        if json_content.get("schema", {}).get("$ref", "").startswith("#/components/schemas/Page_"):
            found[path] = operation
    return found


OPERATIONS = list_operations()
LISTS = sorted(OPERATIONS)


def test_every_known_list_is_found() -> None:
    """A guard: an empty walk would make every parametrized test below pass vacuously."""
    assert {
        "/engagements", "/participants", "/participations", "/organizations", "/locations", "/agreed-actions",
        "/documents", "/locations/{location_id}/engagements", "/participants/{person_id}/engagements", "/audit",
    } <= set(LISTS)


@pytest.fixture
def dataset(session: Session) -> dict[str, int]:
    """A little of everything, with the text spreadsheets and CSV parsers trip on."""
    lima = make_location(session, "Lima", "PE", latitude=-12.0432, longitude=-77.0282)
    unplaced = make_location(session, "Fuerte Desconocido", "PE", kind=LocationKind.installation, latitude=None, longitude=None)
    series = make_series(session, "U.S.-Peru Army Staff Talks")
    talks = make_engagement(
        session, title=TRICKY_TITLE, countries=("US", "PE"), location_id=lima.id, series_id=series.id, edition=11,
        start=PartialDate(date(2025, 5, 1), "month"), agreed_actions_reported=3,
    )
    make_engagement(session, title='=HYPERLINK("http://example.com","x")', countries=("CO", "US"), location_id=unplaced.id)
    make_engagement(session, title="Virtual staff talks", countries=("CL", "US"), start=PartialDate(date(2023, 1, 1), "year"))
    person = make_person(session, "Walter Astudillo", "PE")
    army = make_organization(session, "Peruvian Army", acronym="EP", country_code="PE")
    make_participation(session, talks, person, organization_id=army.id, rank="Gen.", title="-commanding general")
    make_action(session, talks, "@expand NCO exchanges", topic="NCO development")
    make_document(session, title="+Staff talks", publisher="DVIDS", published_date=date(2025, 5, 9))
    audit_service.record(session, COMMAND_LINE, "update", army, before={"name": "Ejército, \"EP\""})
    return {
        "engagements": talks.id, "locations": lima.id, "participants": person.id, "organizations": army.id,
    }


def get_csv(client: TestClient, url: str, **kwargs: Any) -> tuple[Response, list[dict[str, str]]]:
    response = client.get(url, **kwargs)
    assert response.status_code == 200, response.text
    return response, list(csv.DictReader(io.StringIO(response.text, newline="")))


def file_name(response: Response) -> str:
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="'), disposition
    return disposition.removeprefix('attachment; filename="').removesuffix('"')


def as_cell(value: Any) -> str:
    """What a JSON value reads as once written to CSV and parsed back (the documented rules)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


@pytest.mark.parametrize("path", LISTS)
def test_csv_has_the_documented_header_and_every_row_of_the_json_list(
    client: TestClient, auth: dict[str, dict[str, str]], dataset: dict[str, int], path: str
) -> None:
    url = concrete(path, dataset)
    headers = auth["admin"]  # the audit log needs it; the other lists ignore it
    items = client.get(url, params={"limit": MAX_LIMIT}, headers=headers).json()["items"]
    response, rows = get_csv(client, url, params={"format": "csv"}, headers=headers)

    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    columns = COLUMNS_BY_FILE[file_name(response).removesuffix(".csv")]
    documented = OPERATIONS[path]["responses"]["200"]["content"]["text/csv"]["example"]
    assert response.text.split("\r\n", 1)[0] == documented.strip() == ",".join(columns.names)
    assert items, "the dataset gives every list at least one row"
    assert len(rows) == len(items)
    for item, row in zip(items, rows):
        assert row == {name: as_cell(value_at(item, json_path)) for name, json_path in columns.paths.items()}


def test_engagement_csv_flattens_place_series_and_partial_dates(client: TestClient, dataset: dict[str, int]) -> None:
    _, rows = get_csv(client, "/engagements?format=csv&country=PE")
    assert rows == [
        {
            "id": str(dataset["engagements"]), "title": TRICKY_TITLE, "type": "staff_talks", "mode": "in_person",
            "status": "held", "start_date": "2025-05", "start_precision": "month", "end_date": "", "end_precision": "",
            "earliest_date": "2025-05-01", "latest_date": "2025-05-31", "country_a": "PE", "country_b": "US",
            "series": "U.S.-Peru Army Staff Talks", "series_id": rows[0]["series_id"], "edition": "11",
            "location": "Lima", "location_id": str(dataset["locations"]), "latitude": "-12.0432", "longitude": "-77.0282",
            "agreed_actions_reported": "3", "origin": "extracted", "review_state": "pending", "version": "1",
        }
    ]


def test_quotes_commas_and_newlines_are_quoted_and_read_back(client: TestClient, dataset: dict[str, int]) -> None:
    response, rows = get_csv(client, "/engagements?format=csv&country=PE")
    assert '"Talks, ""quoted""\nsecond line"' in response.text
    assert rows[0]["title"] == TRICKY_TITLE


def test_formula_cells_are_neutralised_but_negative_numbers_stay_numbers(client: TestClient, dataset: dict[str, int]) -> None:
    _, engagements = get_csv(client, "/engagements?format=csv&sort=title")
    titles = [row["title"] for row in engagements]
    assert '\'=HYPERLINK("http://example.com","x")' in titles
    lima = next(row for row in engagements if row["location"] == "Lima")
    assert (lima["latitude"], lima["longitude"]) == ("-12.0432", "-77.0282")
    assert get_csv(client, "/participations?format=csv")[1][0]["title"] == "'-commanding general"
    assert get_csv(client, "/agreed-actions?format=csv")[1][0]["description"] == "'@expand NCO exchanges"
    assert get_csv(client, "/documents?format=csv")[1][0]["title"] == "'+Staff talks"


def test_csv_keeps_the_filters_of_the_json_list(client: TestClient, dataset: dict[str, int]) -> None:
    _, by_country = get_csv(client, "/engagements", params={"format": "csv", "country": "Colombia"})
    assert [row["country_a"] for row in by_country] == ["CO"]
    _, by_year = get_csv(client, "/engagements", params={"format": "csv", "year": 2023})
    assert [row["title"] for row in by_year] == ["Virtual staff talks"]
    _, installations = get_csv(client, "/locations", params={"format": "csv", "kind": "installation"})
    assert [row["name"] for row in installations] == ["Fuerte Desconocido"]
    _, named = get_csv(client, "/participants", params={"format": "csv", "name": "astudillo"})
    assert [row["name"] for row in named] == ["Walter Astudillo"]
    assert get_csv(client, "/participants", params={"format": "csv", "name": "nobody"})[1] == []


def test_csv_filters_on_the_place_and_series_each_row_carries(client: TestClient, dataset: dict[str, int]) -> None:
    """A row joins its location and series in; filtering on them must still test the row's own."""
    _, at_lima = get_csv(client, "/engagements", params={"format": "csv", "location": "lima"})
    assert [(row["title"], row["location"]) for row in at_lima] == [(TRICKY_TITLE, "Lima")]
    _, in_series = get_csv(client, "/engagements", params={"format": "csv", "series": "army staff", "location": "lima"})
    assert [row["series"] for row in in_series] == ["U.S.-Peru Army Staff Talks"]
    _, elsewhere = get_csv(client, "/engagements", params={"format": "csv", "location": "desconocido"})
    assert [row["location"] for row in elsewhere] == ["Fuerte Desconocido"]


def test_invalid_filters_and_missing_parents_are_problems_before_any_byte(client: TestClient, dataset: dict[str, int]) -> None:
    assert_problem(client.get("/engagements?format=csv&country=Atlantis"), 422, "invalid_parameter")
    assert_problem(client.get("/engagements?format=geojson&sort=colour"), 422, "validation_failed")  # sort is an enum
    assert_problem(client.get("/locations/999999/engagements?format=csv"), 404, "location_not_found")
    assert_problem(client.get("/participants/999999/engagements?format=geojson"), 404, "participant_not_found")


def test_a_database_that_cannot_be_reached_is_a_problem_not_a_truncated_file(app: Any, dataset: dict[str, int]) -> None:
    unreachable = create_engine("sqlite:////nonexistent-directory/engagements.db")

    def broken_export_session() -> Any:
        with Session(unreachable) as broken:
            yield broken

    app.dependency_overrides[get_export_session] = broken_export_session
    with TestClient(app, raise_server_exceptions=False) as client:
        assert_problem(client.get("/engagements?format=csv"), 503, "database_unavailable")
    unreachable.dispose()


def test_every_row_is_exported_however_many_pages_they_fill(client: TestClient, session: Session) -> None:
    lima = make_location(session, "Lima", "PE", latitude=-12.0432, longitude=-77.0282)
    count = MAX_LIMIT + 50
    session.add_all(
        Engagement(
            title=f"Staff talks {n}", type=EngagementType.staff_talks, country_a="PE", country_b="US",
            location_id=lima.id if n % 2 else None,
        )
        for n in range(count)
    )
    session.flush()
    _, rows = get_csv(client, "/engagements", params={"format": "csv", "limit": 5, "offset": 10})
    assert len(rows) == count  # limit and offset shape JSON pages only
    assert len({row["id"] for row in rows}) == count
    features = client.get("/engagements?format=geojson").json()["features"]
    assert len(features) == count // 2  # the other half has no place


def test_locations_as_geojson_are_points_in_longitude_latitude_order(client: TestClient, dataset: dict[str, int]) -> None:
    response = client.get("/locations?format=geojson")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/geo+json"
    assert file_name(response) == "locations.geojson"
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    [lima] = collection["features"]  # the installation has no coordinates: left out
    assert lima["type"] == "Feature"
    assert lima["geometry"] == {"type": "Point", "coordinates": [-77.0282, -12.0432]}
    assert {"id": dataset["locations"], "name": "Lima", "kind": "city", "country_code": "PE", "engagement_count": 1}.items() <= lima[
        "properties"
    ].items()


def test_engagements_as_geojson_sit_at_their_location(client: TestClient, dataset: dict[str, int]) -> None:
    features = client.get("/engagements", headers={"Accept": "application/geo+json"}).json()["features"]
    assert [f["properties"]["title"] for f in features] == [TRICKY_TITLE]  # raw text: GeoJSON is not a spreadsheet
    assert features[0]["geometry"]["coordinates"] == [-77.0282, -12.0432]
    assert set(features[0]["properties"]) == set(ENGAGEMENT_COLUMNS.names)
    nearby = client.get(f"/locations/{dataset['locations']}/engagements?format=geojson").json()
    assert [f["properties"]["id"] for f in nearby["features"]] == [dataset["engagements"]]
    empty = client.get("/engagements?format=geojson&country=CL").json()
    assert empty == {"type": "FeatureCollection", "features": []}


@pytest.mark.parametrize("path", LISTS)
def test_an_unknown_format_is_a_422_naming_the_formats_allowed(client: TestClient, auth: dict[str, dict[str, str]], dataset: dict[str, int], path: str) -> None:
    url = concrete(path, dataset)
    allowed = "'json', 'csv' or 'geojson'" if path in GEOJSON_LISTS else "'json' or 'csv'"
    for asked in ("xml", "CSV") + (() if path in GEOJSON_LISTS else ("geojson",)):
        body = assert_problem(client.get(url, params={"format": asked}, headers=auth["admin"]), 422, "validation_failed")
        assert body["errors"][0]["field"] == "format"
        assert allowed in body["errors"][0]["message"]


@pytest.mark.parametrize(
    ("path", "accept", "media_type"),
    [
        ("/engagements", "text/csv", "text/csv; charset=utf-8"),
        ("/engagements", "text/csv;q=0.5, application/json", "application/json"),
        ("/engagements", "*/*", "application/json"),
        ("/engagements", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/json"),
        ("/engagements", "application/geo+json", "application/geo+json"),
        ("/locations", "application/geo+json;q=0.9, text/csv;q=0.1", "application/geo+json"),
        ("/participants", "application/geo+json", "application/json"),  # not offered there: JSON
        ("/participants", "not a media type", "application/json"),
    ],
)
def test_the_accept_header_chooses_when_format_is_not_given(
    client: TestClient, dataset: dict[str, int], path: str, accept: str, media_type: str
) -> None:
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert "Accept" in response.headers["vary"]


def test_the_format_parameter_wins_over_accept(client: TestClient, dataset: dict[str, int]) -> None:
    as_json = client.get("/engagements?format=json", headers={"Accept": "text/csv"})
    assert as_json.headers["content-type"] == "application/json"
    assert as_json.json()["total"] == 3
    as_csv = client.get("/engagements?format=csv", headers={"Accept": "application/json"})
    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"


def test_closed_reading_closes_exports_too(
    client: TestClient, auth: dict[str, dict[str, str]], dataset: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENGAGEMENTS_READ_REQUIRES_KEY", "true")
    get_settings.cache_clear()
    try:
        assert_problem(client.get("/engagements?format=csv"), 401, "unauthorized")
        assert_problem(client.get("/locations", headers={"Accept": "application/geo+json"}), 401, "unauthorized")
        assert client.get("/engagements?format=csv", headers=auth["reader"]).status_code == 200
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def test_the_audit_export_is_for_admins(client: TestClient, auth: dict[str, dict[str, str]]) -> None:
    assert_problem(client.get("/audit?format=csv"), 401, "unauthorized")
    assert_problem(client.get("/audit?format=csv", headers=auth["editor"]), 403, "forbidden")


def test_openapi_shows_the_file_media_types_and_describes_format() -> None:
    for path, operation in OPERATIONS.items():
        content = operation["responses"]["200"]["content"]
        assert {"application/json", "text/csv"} <= set(content), path
        assert ("application/geo+json" in content) == (path in GEOJSON_LISTS), path
        [parameter] = [p for p in operation["parameters"] if p["name"] == "format"]
        assert "Accept" in parameter["description"], path
