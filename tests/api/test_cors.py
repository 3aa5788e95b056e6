"""CORS: off by default; `ENGAGEMENTS_CORS_ORIGINS` allows listed origins, or any with "*"."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import Settings, get_settings
from app.main import create_app

DASHBOARD = "https://dashboard.example.org"
PREFLIGHT = {
    "Origin": DASHBOARD,
    "Access-Control-Request-Method": "PATCH",
    "Access-Control-Request-Headers": "authorization, content-type, if-match",
}


@pytest.fixture
def cors_origins(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Set ENGAGEMENTS_CORS_ORIGINS for the app built in the test; settings are re-read."""
    yield monkeypatch
    monkeypatch.undo()
    get_settings.cache_clear()


def client_with(cors_origins: pytest.MonkeyPatch, value: str | None) -> TestClient:
    if value is None:
        cors_origins.delenv("ENGAGEMENTS_CORS_ORIGINS", raising=False)
    else:
        cors_origins.setenv("ENGAGEMENTS_CORS_ORIGINS", value)
    get_settings.cache_clear()
    return TestClient(create_app())


def test_no_cors_headers_by_default(cors_origins: pytest.MonkeyPatch) -> None:
    client = client_with(cors_origins, None)
    simple = client.get("/openapi.json", headers={"Origin": DASHBOARD})
    assert simple.status_code == 200
    assert not any(name.startswith("access-control-") for name in simple.headers)
    preflight = client.options("/engagements/1", headers=PREFLIGHT)
    assert preflight.status_code == 405  # no CORS: the browser will refuse the cross-origin call
    assert "access-control-allow-origin" not in preflight.headers


def test_a_listed_origin_is_allowed_and_others_are_not(cors_origins: pytest.MonkeyPatch) -> None:
    client = client_with(cors_origins, f"{DASHBOARD}/, https://other.example.org")
    preflight = client.options("/engagements/1", headers=PREFLIGHT)
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == DASHBOARD
    assert set(preflight.headers["access-control-allow-methods"].split(", ")) == {"GET", "POST", "PATCH", "DELETE"}
    allowed_headers = {header.lower() for header in preflight.headers["access-control-allow-headers"].split(", ")}
    assert {"authorization", "content-type", "if-match", "if-none-match"} <= allowed_headers

    simple = client.get("/openapi.json", headers={"Origin": DASHBOARD})
    assert simple.headers["access-control-allow-origin"] == DASHBOARD
    exposed = set(simple.headers["access-control-expose-headers"].split(", "))
    assert exposed == {"ETag", "Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"}
    assert "ETag" in simple.headers  # the header it exposes is there to read

    stranger = client.options("/engagements/1", headers={**PREFLIGHT, "Origin": "https://evil.example.com"})
    assert stranger.status_code == 400
    assert "access-control-allow-origin" not in stranger.headers
    assert "access-control-allow-origin" not in client.get("/openapi.json", headers={"Origin": "https://evil.example.com"}).headers


def test_a_star_allows_any_origin(cors_origins: pytest.MonkeyPatch) -> None:
    client = client_with(cors_origins, "*")
    preflight = client.options("/engagements", headers={**PREFLIGHT, "Origin": "https://anywhere.example.net"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert client.get("/openapi.json", headers={"Origin": "https://anywhere.example.net"}).headers["access-control-allow-origin"] == "*"


def test_a_method_outside_the_list_is_refused(cors_origins: pytest.MonkeyPatch) -> None:
    client = client_with(cors_origins, DASHBOARD)
    assert client.options("/engagements/1", headers={**PREFLIGHT, "Access-Control-Request-Method": "PUT"}).status_code == 400


@pytest.mark.parametrize(
    ("value", "origins"),
    [
        ("", []),
        ("*", ["*"]),
        ("https://a.example", ["https://a.example"]),
        (" https://a.example/ , http://localhost:3000,", ["https://a.example", "http://localhost:3000"]),
    ],
)
def test_the_setting_reads_a_comma_separated_list(monkeypatch: pytest.MonkeyPatch, value: str, origins: list[str]) -> None:
    monkeypatch.setenv("ENGAGEMENTS_CORS_ORIGINS", value)
    assert Settings().cors_origins == origins
