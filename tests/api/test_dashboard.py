"""GET /dashboard: an HTML page under a strict Content-Security-Policy that loads only this server's own files.

The browser suite (tests/browser) runs the page; these checks need no browser.
"""

import hashlib
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from fastapi.testclient import TestClient

from app.config import get_settings
from app.main import create_app
from app.static_files import STATIC_DIR

SCRIPTS = STATIC_DIR / "dashboard"
IMPORT = re.compile(r"""^import\s.*?from\s+"(\./[\w-]+\.js)";""", re.MULTILINE | re.DOTALL)
ABSOLUTE_PATH = re.compile(r"""["'`](/static/[^"'`$]+)["'`]""")
# Ways to turn a string into markup or code; record text must only ever reach the page as text.
MARKUP_SINKS = ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute(\"style\"")


class PageReferences(HTMLParser):
    """What an HTML page loads, and anything inline that a Content-Security-Policy would block."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.inline += [f"<{tag} {name}>" for name in attributes if name.startswith("on") or name == "style"]
        if tag == "script":
            self._in_script = True
            if attributes.get("src"):
                self.loaded.append(attributes["src"] or "")
            else:
                self.inline.append("<script> without src")
        if tag == "link" and attributes.get("href"):
            self.loaded.append(attributes["href"] or "")
        if tag in ("img", "iframe", "object", "embed"):
            self.loaded.append(attributes.get("src") or attributes.get("data") or "")
        if tag == "style":
            self.inline.append("<style>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline.append("inline script text")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as test_client:
        yield test_client


def policy(header: str) -> dict[str, list[str]]:
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def test_the_page_is_html_under_a_policy_that_allows_only_its_own_scripts(client: TestClient) -> None:
    response = client.get("/dashboard")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    directives = policy(response.headers["content-security-policy"])
    assert directives["default-src"] == ["'none'"]
    for name in ("script-src", "style-src", "connect-src", "img-src"):
        assert directives[name] == ["'self'"], name
    assert directives["frame-ancestors"] == ["'none'"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_the_page_loads_only_files_this_server_has(client: TestClient) -> None:
    page = PageReferences()
    page.feed(client.get("/dashboard").text)
    assert page.inline == []  # the policy would block them: nothing inline at all
    assert len(page.loaded) == 3  # the icon, the stylesheet, the main module
    for url in page.loaded:
        parsed = urlparse(url)
        assert not parsed.scheme and not parsed.netloc and url.startswith("/static/dashboard/"), url
        assert client.get(url).status_code == 200, url


def test_every_module_and_file_the_scripts_ask_for_is_served(client: TestClient) -> None:
    reached, waiting = set(), ["main.js"]
    while waiting:
        module = waiting.pop()
        response = client.get(f"/static/dashboard/{module}")
        assert response.status_code == 200, module
        assert response.headers["content-type"].split(";")[0] == "text/javascript", module  # modules need a JS type
        reached.add(module)
        for later in ABSOLUTE_PATH.findall(response.text):
            assert client.get(later).status_code == 200, f"{module} asks for {later}"
        waiting += [name.removeprefix("./") for name in IMPORT.findall(response.text) if name.removeprefix("./") not in reached]
    assert reached == {path.name for path in SCRIPTS.glob("*.js")}  # no module left unused


@pytest.mark.parametrize("module", sorted(path.name for path in SCRIPTS.glob("*.js")))
def test_no_script_turns_text_into_markup(module: str) -> None:
    source = (SCRIPTS / module).read_text()
    assert [sink for sink in MARKUP_SINKS if sink in source] == []


def test_the_base_map_is_the_vendored_file_unchanged() -> None:
    folder = SCRIPTS / "world-atlas"
    [recorded] = re.findall(r"^sha256 ([0-9a-f]{64})$", (folder / "README.md").read_text(), re.MULTILINE)
    assert hashlib.sha256((folder / "countries-110m.json").read_bytes()).hexdigest() == recorded
    assert "ISC" in (folder / "README.md").read_text() and (folder / "LICENSE").exists()


def test_the_page_is_not_an_api_operation(client: TestClient) -> None:
    assert "/dashboard" not in client.get("/openapi.json").json()["paths"]


def test_the_page_loads_on_a_server_that_closes_reading(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENGAGEMENTS_READ_REQUIRES_KEY", "true")
    get_settings.cache_clear()
    try:
        assert client.get("/engagements").status_code == 401
        assert client.get("/dashboard").status_code == 200
        assert client.get("/static/dashboard/main.js").status_code == 200
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
