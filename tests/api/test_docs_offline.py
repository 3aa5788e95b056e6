"""/docs and /redoc work on a closed network: every asset comes from the service itself.

The pages are parsed as a browser would see them (attributes, inline CSS, inline scripts);
every address found must stay on the service, and every asset must be served. The served
bundles are searched for the CDNs FastAPI's own pages use. No database is needed.
"""

import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from app.config import get_settings
from app.main import create_app
from app.static_files import STATIC_DIR
from tests.problem_assertions import assert_problem

PAGES = ("/docs", "/redoc")
CDN_MARKERS = ("cdn.jsdelivr", "unpkg.com", "fonts.googleapis", "fonts.gstatic", "cdnjs.cloudflare")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")\s]+)")
# Any absolute address in a script: scheme://host or a protocol-relative //host.
SCRIPT_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*:)?//[^\s'\"`)<>]+", re.IGNORECASE)
# The comment a bundle ends with, not the same words inside its code (css-loader builds data: maps).
SOURCE_MAP_COMMENT = re.compile(r"^\s*(?://|/\*)[#@] sourceMappingURL=([^\s*]+)", re.MULTILINE)
CONTENT_TYPES = {".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".json": "application/json"}


class References(HTMLParser):
    """Every address a page makes the browser load or link to."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in = tag
        for name, value in attrs:
            if value is None:
                continue
            # src, href, and ReDoc's spec-url; a style attribute may hold url(...)
            if name in {"src", "href", "srcset", "action", "poster"} or name.endswith("-url"):
                self.urls.append(value.strip())
            elif name == "style":
                self.urls += CSS_URL.findall(value)

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "style":
            self.urls += CSS_URL.findall(data)
        elif self._in == "script":
            self.urls += SCRIPT_URL.findall(data)


def references(html: str) -> list[str]:
    parser = References()
    parser.feed(html)
    parser.close()
    return parser.urls


def stays_on_the_service(url: str) -> bool:
    parts = urlsplit(url)
    return parts.netloc in {"", "testserver"} and parts.scheme in {"", "http", "https"}


@pytest.fixture
def docs_client() -> Iterator[TestClient]:
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        yield client


def page_assets(client: TestClient, page: str) -> list[str]:
    response = client.get(page)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return references(response.text)


@pytest.mark.parametrize("page", PAGES)
def test_pages_refer_to_nothing_outside_the_service(docs_client: TestClient, page: str) -> None:
    urls = page_assets(docs_client, page)
    assert urls, "the parser found no asset at all"
    assert [url for url in urls if not stays_on_the_service(url)] == []


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "/docs",
            {
                "/static/vendor/swagger-ui/swagger-ui-bundle.js",
                "/static/vendor/swagger-ui/swagger-ui.css",
                "/static/vendor/swagger-ui/favicon-32x32.png",
            },
        ),
        ("/redoc", {"/static/vendor/redoc/redoc.standalone.js", "/openapi.json", "/static/vendor/swagger-ui/favicon-32x32.png"}),
    ],
)
def test_every_asset_a_page_names_is_served_with_its_type(docs_client: TestClient, page: str, expected: set[str]) -> None:
    urls = set(page_assets(docs_client, page))
    assert expected <= urls
    for url in urls:
        response = docs_client.get(url)
        assert response.status_code == 200, url
        suffix = "." + url.rsplit(".", 1)[-1]
        assert response.headers["content-type"].split(";")[0] == CONTENT_TYPES[suffix], url
        assert response.content, url


def test_swagger_ui_keeps_the_key_and_never_calls_the_online_validator(docs_client: TestClient) -> None:
    html = docs_client.get("/docs").text
    assert '"persistAuthorization": true' in html
    # Left unset, Swagger UI may load a badge image from validator.swagger.io.
    assert '"validatorUrl": null' in html
    assert "url: '/openapi.json'" in html


def test_redoc_uses_no_google_fonts(docs_client: TestClient) -> None:
    assert "fonts.googleapis" not in docs_client.get("/redoc").text


@pytest.mark.parametrize("page", PAGES)
def test_served_bundles_fetch_nothing_from_cdns(docs_client: TestClient, page: str) -> None:
    bundles = [url for url in page_assets(docs_client, page) if url.endswith((".js", ".css"))]
    assert bundles
    for url in bundles:
        text = docs_client.get(url).text
        assert [marker for marker in CDN_MARKERS if marker in text] == [], url
        # ReDoc's bundle ends with a relative `sourceMappingURL=redoc.standalone.js.map`: same
        # origin, and only fetched by an open developer console, so it may stay; an absolute one may not.
        for source_map in SOURCE_MAP_COMMENT.findall(text):
            assert stays_on_the_service(source_map), (url, source_map)


def test_pages_follow_the_root_path_behind_a_proxy() -> None:
    with TestClient(create_app(), root_path="/engagements-api") as client:
        for page in PAGES:
            urls = page_assets(client, page)
            assert urls
            assert [url for url in urls if not url.startswith("/engagements-api/")] == []
            for url in urls:
                assert client.get(url).status_code == 200, url


def test_vendored_files_match_their_recorded_sums() -> None:
    vendor = STATIC_DIR / "vendor"
    lines = (vendor / "SHA256SUMS").read_text().splitlines()
    recorded = dict(reversed(line.split(maxsplit=1)) for line in lines)
    assert {"swagger-ui/swagger-ui-bundle.js", "swagger-ui/swagger-ui.css", "redoc/redoc.standalone.js"} <= recorded.keys()
    for name, digest in recorded.items():
        assert hashlib.sha256((vendor / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize("url", ["/static/vendor/swagger-ui/missing.js", "/static/", "/static/..%2Fstatic_files.py"])
def test_a_missing_asset_or_a_path_outside_static_is_a_404_problem(docs_client: TestClient, url: str) -> None:
    assert_problem(docs_client.get(url), 404, "not_found")


def test_docs_stay_open_when_reading_needs_a_key(docs_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENGAGEMENTS_READ_REQUIRES_KEY", "true")
    get_settings.cache_clear()
    try:
        assert get_settings().read_requires_key
        for page in PAGES:
            for url in [page, *page_assets(docs_client, page)]:
                assert docs_client.get(url).status_code == 200, url
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
