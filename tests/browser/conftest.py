"""A real browser on a real server: headless Debian Chromium, driven by Playwright, against uvicorn.

The server runs on a scratch SQLite database, migrated and loaded with the seed documents,
plus records whose text is markup (an engagement titled with an <img onerror>, an article
holding a <script>), so the pages can be checked to show such text as text.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from app import db
from app.auth import service as key_service
from app.ingest.seed import default_extractor, seed_paths
from app.main import create_app
from app.models.enums import Role
from tests.browser.chromium import chromium_or_skip
from tests.databases import ROOT, migrate, reset_cached_settings
from tests.live_server import serve

ARTIFACTS = ROOT / "test-artifacts" / "browser"  # screenshots; gitignored
IMG_TITLE = '<img src=x onerror="window.__pwned=1">Chile-U.S. Defense Talks'
SCRIPT = "<script>window.__pwned=1</script>"
SCRIPT_ARTICLE = (
    "BOGOTA, Colombia - Senior leaders from U.S. Army South and the Colombian army met in Bogota for the "
    f"3rd annual Colombia-U.S. Army Staff Talks {SCRIPT}, March 3-6, 2023.\n\n"
    "Maj. Gen. Phil Ryan, U.S. Army South commanding general, led the U.S. delegation.\n"
)


@dataclass(frozen=True)
class Site:
    base_url: str
    api: httpx.Client
    reader: dict[str, str]
    img_engagement: dict[str, Any]
    script_engagement_id: int
    script_document_id: int


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session (installed with apt-get when missing and root)."""
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The app served on a seeded scratch SQLite file, with the markup-titled records added through the API."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", f"sqlite:///{tmp_path_factory.mktemp('browser') / 'site.db'}")
        patch.delenv("ENGAGEMENTS_READ_REQUIRES_KEY", raising=False)
        reset_cached_settings()
        try:
            migrate(db.get_engine())
            assert seed_paths([ROOT / "seeds" / "documents"], db.get_sessionmaker(), default_extractor()).failures == []
            with db.session_scope(write=True) as session:
                _, editor = key_service.create(session, "browser-editor", Role.editor)
                _, reader = key_service.create(session, "browser-reader", Role.reader)
            with serve(create_app()) as base_url, httpx.Client(base_url=base_url, timeout=30) as api:
                api.get("/openapi.json").raise_for_status()  # built once here, not on Swagger UI's clock
                yield _with_markup_records(api, base_url, editor, reader)
        finally:
            db.get_engine().dispose()
            reset_cached_settings()


def _with_markup_records(api: httpx.Client, base_url: str, editor: str, reader: str) -> Site:
    headers = {"Authorization": f"Bearer {editor}"}
    engagement = api.post(
        "/engagements",
        json={"title": IMG_TITLE, "type": "meeting", "countries": ["CL", "US"], "start_date": "2022-11"},
        headers=headers,
    )
    assert engagement.status_code == 201, engagement.text
    article = api.post(
        "/documents",
        json={"text": SCRIPT_ARTICLE, "title": f"Staff talks {SCRIPT}", "published_date": "2023-03-08"},
        headers=headers,
    )
    assert article.status_code == 201, article.text
    [script_engagement] = article.json()["created"]["engagements"]
    return Site(
        base_url=base_url,
        api=api,
        reader={"Authorization": f"Bearer {reader}"},
        img_engagement=engagement.json(),
        script_engagement_id=script_engagement["id"],
        script_document_id=article.json()["document_id"],
    )


@dataclass
class Watch:
    """What a page did: every request, those refused for leaving the origin, errors of any kind."""

    base_url: str
    requests: list[str] = field(default_factory=list)
    off_origin: list[str] = field(default_factory=list)
    bad_responses: list[tuple[int, str]] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def same_origin(self, url: str) -> bool:
        return url.startswith(self.base_url + "/")

    def assert_clean(self, expected_statuses: frozenset[int] = frozenset()) -> None:
        """Nothing left the origin, nothing failed, nothing logged an error (beyond `expected_statuses`)."""
        assert self.requests, "the page made no request at all"
        assert self.off_origin == []
        assert [url for url in self.requests if not self.same_origin(url)] == []
        assert [(status, url) for status, url in self.bad_responses if status not in expected_statuses] == []
        assert self.failed_requests == []
        assert self.page_errors == []
        if not expected_statuses:  # Chromium logs every refused request as a console error
            assert self.console_errors == []


@pytest.fixture
def watch(site: Site) -> Watch:
    return Watch(site.base_url)


@pytest.fixture
def page(browser: Any, site: Site, watch: Watch) -> Iterator[Any]:
    """A fresh browser tab whose requests are recorded; anything bound off the origin is refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=site.base_url)

    def only_this_origin(route: Any) -> None:
        if watch.same_origin(route.request.url):
            route.continue_()
        else:
            watch.off_origin.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_origin)
    tab = context.new_page()
    # Generous: the server shares the test process, and CI machines may be busy.
    tab.set_default_timeout(30_000)
    tab.on("request", lambda request: watch.requests.append(request.url))
    tab.on("requestfailed", lambda request: watch.failed_requests.append(f"{request.url}: {request.failure}"))
    tab.on("response", lambda response: response.status >= 400 and watch.bad_responses.append((response.status, response.url)))
    tab.on("console", lambda message: message.type == "error" and watch.console_errors.append(message.text))
    tab.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    yield tab
    context.close()


def screenshot(page: Any, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot under test-artifacts/browser/ and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
