"""Odd values are plain text on both databases: SQL, LIKE wildcards, look-alike letters, control
characters, NUL, numbers past 64 bits. Every filter of every list (found in the OpenAPI
document), every id in a path and every text field of every write body: a 200 or a 422
problem, never a 500; and a wildcard matches itself only.
"""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.main import create_app
from tests.factories import make_document, make_engagement, make_person
from tests.problem_assertions import assert_problem

DOCUMENT = create_app().openapi()

ODD_VALUES = {
    "sql": "' OR 1=1 --",
    "percent": "%",
    "underscore": "_",
    "backslash": "\\",
    "wildcards": "a%_\\b",
    "cyrillic-a": "Lim\u0430",  # the last letter is Cyrillic, not Latin: looks like "Lima"
    "combining": "Lima\u0301\u0327",
    "control": "Lima\x1b[31m\x07",
    "nul": "Li\x00ma",
    "past-64-bits": str(2**64),
    "negative-past-64-bits": str(-(2**64) - 1),
    "html": "<script>alert(1)</script>",
}


def lists() -> list[tuple[str, list[str]]]:
    """Every GET without path parameters, with its query parameters."""
    found = []
    for path, item in DOCUMENT["paths"].items():
        operation = item.get("get")
        if operation and "{" not in path:
            names = [parameter["name"] for parameter in operation.get("parameters", []) if parameter["in"] == "query"]
            if names:
                found.append((path, names))
    return found


def write_bodies() -> list[tuple[str, str, list[str]]]:
    """(method, path, text fields) for every JSON write body, its top-level text fields."""
    found = []
    for path, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            content = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if content is None or "$ref" not in content["schema"]:
                continue  # the review bodies (one shape per decision) are covered through PATCH's fields
            schema = DOCUMENT["components"]["schemas"][content["schema"]["$ref"].rsplit("/", 1)[-1]]
            fields = [
                name
                for name, field in schema["properties"].items()
                if field.get("type") == "string" or any(branch.get("type") == "string" for branch in field.get("anyOf", []))
            ]
            if fields:
                found.append((method.upper(), path, fields))
    return found


def assert_plain(response: Any, what: str) -> None:
    assert response.status_code in (200, 422), f"{what}: {response.status_code} {response.text[:300]}"
    if response.status_code == 422:
        assert response.headers["content-type"] == "application/problem+json", what
        assert response.json()["status"] == 422, what
    else:
        assert response.headers["content-type"].startswith("application/json"), what


def test_the_document_has_the_lists_and_bodies_to_try() -> None:
    assert len(lists()) >= 15 and sum(len(names) for _, names in lists()) >= 150
    assert ("POST", "/documents", ["text", "title", "publisher", "published_date", "source_ref"]) in write_bodies()
    assert sum(len(fields) for _, _, fields in write_bodies()) >= 25


@pytest.mark.parametrize(("path", "names"), lists(), ids=[path for path, _ in lists()])
def test_every_filter_takes_odd_values_as_plain_text(client: TestClient, auth: dict[str, dict[str, str]], path: str, names: list[str]) -> None:
    for name in names:
        for label, value in ODD_VALUES.items():
            assert_plain(client.get(path, params={name: value}, headers=auth["admin"]), f"{path}?{name}= {label}")


@pytest.mark.parametrize("path", [path for path, item in DOCUMENT["paths"].items() if "get" in item and path.count("{") == 1])
def test_ids_past_the_integer_columns_are_a_422(client: TestClient, path: str) -> None:
    name = path[path.index("{") + 1 : path.index("}")]
    for value in (str(2**31), str(2**63), str(2**64), str(-(2**64)), "1e400", "0x10", "١٢"):  # the last: Arabic-Indic digits
        response = client.get(path.replace("{" + name + "}", value))
        assert_problem(response, 422, "validation_failed")
        assert response.json()["errors"][0]["field"] == name, value


@pytest.mark.parametrize(("method", "path", "fields"), write_bodies(), ids=[f"{method} {path}" for method, path, _ in write_bodies()])
def test_nul_and_control_characters_in_a_write_body_are_a_422(
    client: TestClient, auth: dict[str, dict[str, str]], method: str, path: str, fields: list[str]
) -> None:
    url = "/".join("1" if part.startswith("{") else part for part in path.split("/"))
    for field in fields:
        for text in ("Li\x00ma", "Lima\x1b[31m"):
            response = client.request(method, url, json={field: text}, headers={**auth["admin"], "If-Match": '"1"'})
            body = assert_problem(response, 422, "validation_failed")
            assert field in {error["field"] for error in body["errors"]}, (field, text, body)


@pytest.mark.parametrize("field", ["edition", "agreed_actions_reported", "location_id", "series_id"])
def test_body_numbers_past_64_bits_are_a_422(client: TestClient, auth: dict[str, dict[str, str]], field: str) -> None:
    body = {"title": "Talks", "type": "staff_talks", "countries": ["US", "PE"], field: 2**70}
    response = client.post("/engagements", json=body, headers=auth["editor"])
    assert field in {error["field"] for error in assert_problem(response, 422, "validation_failed")["errors"]}


def test_like_wildcards_in_a_search_match_only_themselves(client: TestClient, session: Session) -> None:
    make_engagement(session, title="Talks, 100% attended")
    make_engagement(session, title="Talks under_score")
    make_engagement(session, title="Talks with a back\\slash")
    make_engagement(session, title="Talks plain")
    titles = lambda q: sorted(item["title"] for item in client.get("/engagements", params={"q": q}).json()["items"])  # noqa: E731
    assert titles("%") == ["Talks, 100% attended"]
    assert titles("_") == ["Talks under_score"]
    assert titles("\\") == ["Talks with a back\\slash"]
    assert titles("Talks") == ["Talks plain", "Talks under_score", "Talks with a back\\slash", "Talks, 100% attended"]


def test_a_look_alike_letter_is_not_the_letter(client: TestClient, session: Session) -> None:
    make_person(session, name="Ana Lima", country_code="PE")
    assert client.get("/participants", params={"name": "Lima"}).json()["total"] == 1
    # anyascii folds the Cyrillic letter to its own transliteration, "a" here; what matters is
    # that it is text: whatever it matches, it is an ordinary search, answered 200.
    assert client.get("/participants", params={"name": "Lim\u0430"}).status_code == 200
    assert client.get("/engagements", params={"q": "Lim\u0430"}).json()["total"] == 0


def test_html_in_a_document_comes_back_as_json_text(client: TestClient, session: Session) -> None:
    document = make_document(session, text="<script>alert('x')</script> Staff talks were held.")
    response = client.get(f"/documents/{document.id}")
    assert response.headers["content-type"] == "application/json"
    assert response.json()["text"].startswith("<script>alert('x')</script>")
