"""ETag, Cache-Control and 304 on JSON reads; writes, errors and streams pass through untouched."""

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from starlette.applications import Starlette
from starlette.responses import JSONResponse, PlainTextResponse, StreamingResponse
from starlette.routing import Route

from app.http_cache import HttpCache, none_match, weak_etag
from tests.factories import make_engagement, make_participation, make_person


def test_a_list_gets_a_weak_etag_of_its_body_and_no_cache(client: TestClient, session: Session) -> None:
    make_engagement(session)
    response = client.get("/engagements")
    assert response.status_code == 200
    assert response.headers["ETag"] == weak_etag(response.content)
    assert response.headers["Cache-Control"] == "no-cache"


def test_a_matching_if_none_match_answers_304_without_a_body(client: TestClient, session: Session) -> None:
    make_engagement(session)
    etag = client.get("/engagements").headers["ETag"]
    response = client.get("/engagements", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert (response.headers["ETag"], response.headers["Cache-Control"]) == (etag, "no-cache")
    assert "content-type" not in response.headers
    assert response.headers.get("content-length", "0") == "0"


def test_the_list_etag_changes_when_the_data_does(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    engagement = make_engagement(session)
    etag = client.get("/engagements").headers["ETag"]
    patched = client.patch(f"/engagements/{engagement.id}", json={"title": "Renamed"}, headers={**auth["editor"], "If-Match": '"1"'})
    assert patched.status_code == 200, patched.text
    fresh = client.get("/engagements", headers={"If-None-Match": etag})
    assert fresh.status_code == 200
    assert fresh.json()["items"][0]["title"] == "Renamed"
    assert fresh.headers["ETag"] != etag


def test_a_detail_etag_is_its_version_and_its_bodys_hash(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    engagement = make_engagement(session)
    url = f"/engagements/{engagement.id}"
    first = client.get(url)
    etag = first.headers["ETag"]
    assert re.fullmatch(r'"1\.[0-9a-f]{16}"', etag) and first.headers["Cache-Control"] == "no-cache"
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-None-Match": f"W/{etag}"}).status_code == 304  # weak comparison
    assert client.get(url, headers={"If-None-Match": '"1"'}).status_code == 200  # the version alone is not the representation
    patched = client.patch(url, json={"title": "Renamed"}, headers={**auth["editor"], "If-Match": etag})
    assert (patched.status_code, patched.headers["ETag"]) == (200, '"2"'), patched.text
    after = client.get(url, headers={"If-None-Match": etag})
    assert (after.status_code, after.json()["title"]) == (200, "Renamed")
    assert after.headers["ETag"].startswith('"2.')
    assert client.get(url, headers={"If-None-Match": after.headers["ETag"]}).status_code == 304


def test_a_change_to_an_embedded_record_is_not_a_304(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    """Editing a participation leaves its engagement's version alone but changes the engagement's detail."""
    engagement = make_engagement(session)
    participation = make_participation(session, engagement, make_person(session))
    url = f"/engagements/{engagement.id}"
    etag = client.get(url).headers["ETag"]
    fixed = client.patch(f"/participations/{participation.id}", json={"rank": "Gen."}, headers={**auth["editor"], "If-Match": '"1"'})
    assert fixed.status_code == 200, fixed.text
    again = client.get(url, headers={"If-None-Match": etag})
    assert (again.status_code, again.json()["participants"][0]["rank"]) == (200, "Gen.")
    assert again.json()["version"] == 1 and again.headers["ETag"] != etag


def test_the_version_etag_still_drives_if_match(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    """The middleware must not turn a record's strong ETag into one PATCH refuses."""
    person = make_person(session)
    participation = make_participation(session, make_engagement(session), person)
    url = f"/participations/{participation.id}"
    etag = client.get(url).headers["ETag"]
    assert etag.startswith('"1.')
    assert client.patch(url, json={"rank": "Col."}, headers={**auth["editor"], "If-Match": etag}).status_code == 200


def test_writes_are_untouched(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    new = {"title": "Ghana-Germany Navy Staff Talks", "type": "staff_talks", "countries": ["DE", "GH"], "start_date": "2026-03"}
    created = client.post("/engagements", json=new, headers={**auth["editor"], "If-None-Match": "*"})
    assert created.status_code == 201
    assert created.headers["ETag"] == '"1"'  # the record's own, set by the route
    assert "cache-control" not in created.headers
    url = created.headers["Location"]
    patched = client.patch(url, json={"title": "Renamed"}, headers={**auth["editor"], "If-Match": '"1"', "If-None-Match": '"2"'})
    assert patched.status_code == 200
    assert "cache-control" not in patched.headers


def test_errors_are_untouched(client: TestClient) -> None:
    for url in ("/engagements/999999", "/engagements?year=soon"):
        response = client.get(url, headers={"If-None-Match": "*"})
        assert response.status_code in (404, 422)
        assert "etag" not in response.headers and "cache-control" not in response.headers


def test_aggregates_revalidate_too(client: TestClient, session: Session) -> None:
    make_engagement(session)
    etag = client.get("/stats/engagements/by-year").headers["ETag"]
    assert client.get("/stats/engagements/by-year", headers={"If-None-Match": f'"x", {etag}'}).status_code == 304
    make_engagement(session)
    assert client.get("/stats/engagements/by-year", headers={"If-None-Match": etag}).status_code == 200


@pytest.mark.parametrize(
    ("if_none_match", "etag", "matches"),
    [
        ('"1"', '"1"', True),
        ('W/"1"', '"1"', True),
        ('"1"', 'W/"1"', True),
        ('W/"abc"', 'W/"abc"', True),
        ('"2"', '"1"', False),
        ('"0", "1"', '"1"', True),
        ('"0","2"', '"1"', False),
        ('"a,b", "c"', '"a,b"', True),  # a comma is allowed inside a tag
        ("*", 'W/"abc"', True),
        (" * ", '"1"', True),
        ("1", '"1"', False),  # unquoted: not an entity tag
        ("", '"1"', False),
    ],
)
def test_if_none_match_uses_weak_comparison(if_none_match: str, etag: str, matches: bool) -> None:
    assert none_match(if_none_match, etag) is matches


async def _chunks() -> AsyncIterator[bytes]:
    yield b'{"part": 1}\n'
    yield b'{"part": 2}\n'


def _bare_app() -> HttpCache:
    routes = [
        Route("/stream", lambda request: StreamingResponse(_chunks(), media_type="application/json")),
        Route("/text", lambda request: PlainTextResponse("plain")),
        Route("/json", lambda request: JSONResponse({"ok": True})),
    ]
    return HttpCache(Starlette(routes=routes))


def test_streams_and_other_media_types_pass_through() -> None:
    with TestClient(_bare_app()) as client:
        streamed = client.get("/stream", headers={"If-None-Match": "*"})
        assert (streamed.status_code, streamed.content) == (200, b'{"part": 1}\n{"part": 2}\n')
        assert "etag" not in streamed.headers
        text = client.get("/text", headers={"If-None-Match": "*"})
        assert (text.status_code, text.text, text.headers.get("etag")) == (200, "plain", None)
        assert client.get("/json", headers={"If-None-Match": "*"}).status_code == 304
