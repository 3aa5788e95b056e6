"""/docs and /dashboard in headless Chromium: they render from this server alone, draw the API's
numbers, filter everything together, open an engagement's detail, and show markup as text."""

from typing import Any

import pytest

from app.config import get_settings
from tests.browser.conftest import IMG_TITLE, SCRIPT, Site, Watch, screenshot

pytestmark = pytest.mark.browser

READY = '#dashboard[data-state="ready"]'
BASE_MAP_COUNTRIES = 177  # shapes in Natural Earth 110m as world-atlas ships them


def open_dashboard(page: Any, query: str = "") -> None:
    page.goto(f"/dashboard{query}")
    page.wait_for_selector(READY)


def choose(page: Any, filter_name: str, value: str) -> None:
    """Pick a filter value as a person would, then wait for every panel to redraw."""
    page.wait_for_selector(f'#filter-{filter_name} option[value="{value}"]', state="attached")
    page.select_option(f"#filter-{filter_name}", value)
    page.wait_for_selector(READY)


def drawn(page: Any, testid: str, key: str = "data-key") -> dict[str, int]:
    """{key: count} of the chart elements with this data-testid."""
    return page.eval_on_selector_all(
        f'[data-testid="{testid}"]',
        f"nodes => Object.fromEntries(nodes.map(n => [n.getAttribute('{key}'), Number(n.dataset.count)]))",
    )


def from_api(site: Site, path: str, key: str, **filters: str) -> dict[str, int]:
    response = site.api.get(path, params=filters)
    assert response.status_code == 200, response.text
    return {"" if row[key] is None else str(row[key]): row["count"] for row in response.json()}


def located(site: Site, **filters: str) -> dict[str, int]:
    response = site.api.get("/stats/engagements/by-location", params=filters)
    return {str(row["location_id"]): row["count"] for row in response.json() if row["latitude"] is not None}


def table_ids(page: Any) -> list[int]:
    return [int(value) for value in page.eval_on_selector_all('[data-testid="engagement-row"]', "rows => rows.map(r => r.dataset.id)")]


def assert_everything_matches_the_api(page: Any, site: Site, **filters: str) -> None:
    engagements = site.api.get("/engagements", params={**filters, "limit": 200}).json()
    assert page.text_content("#engagement-total") == str(engagements["total"])
    assert table_ids(page) == [item["id"] for item in engagements["items"]]  # same rows, same order
    assert drawn(page, "year-bar") == from_api(site, "/stats/engagements/by-year", "year", **filters)
    assert drawn(page, "type-bar") == from_api(site, "/stats/engagements/by-type", "type", **filters)
    assert drawn(page, "status-bar") == from_api(site, "/stats/agreed-actions/by-status", "status", **filters)
    assert drawn(page, "map-marker", "data-location-id") == located(site, **filters)
    dated = [item["id"] for item in engagements["items"] if item["earliest_date"]]
    assert sorted(drawn(page, "timeline-item", "data-id")) == sorted(str(i) for i in dated)


def test_swagger_ui_renders_every_operation_from_this_server(page: Any, site: Site, watch: Watch) -> None:
    page.goto("/docs")
    page.wait_for_selector(".opblock")
    operations = sum(len(item) for item in site.api.get("/openapi.json").json()["paths"].values())
    assert page.locator(".opblock").count() == operations
    assert page.locator("button.authorize").is_visible()
    screenshot(page, "docs", full_page=False)  # the whole list is very long
    watch.assert_clean()


def test_dashboard_draws_what_the_api_counts(page: Any, site: Site, watch: Watch) -> None:
    open_dashboard(page)

    assert len(table_ids(page)) == site.api.get("/engagements").json()["total"] >= 6
    assert_everything_matches_the_api(page, site)
    # A date known only to the month is drawn as the whole month.
    month_only = page.locator(f'[data-testid="timeline-item"][data-id="{site.img_engagement["id"]}"]')
    assert (month_only.get_attribute("data-earliest"), month_only.get_attribute("data-latest")) == ("2022-11-01", "2022-11-30")
    assert page.locator('[data-testid="map-legend-item"]').count() == len(site.api.get("/stats/engagements/by-location").json())
    assert page.locator("#map path.country").count() == BASE_MAP_COUNTRIES
    screenshot(page, "dashboard")
    watch.assert_clean()


def test_filters_redraw_table_charts_and_map_together(page: Any, site: Site, watch: Watch) -> None:
    open_dashboard(page)
    everything = table_ids(page)

    choose(page, "year", "2025")
    assert "year=2025" in page.url
    assert 0 < len(table_ids(page)) < len(everything)
    assert set(drawn(page, "year-bar")) == {"2025"}
    assert_everything_matches_the_api(page, site, year="2025")

    choose(page, "year", "")
    choose(page, "country", "CL")
    assert table_ids(page) == [site.img_engagement["id"]]
    assert_everything_matches_the_api(page, site, country="CL")

    # The name box filters as one types (part of a name, any case).
    choose(page, "country", "")
    page.fill("#filter-official", "RYAN")
    page.wait_for_url("**official=RYAN**")
    page.wait_for_selector(READY)
    assert 0 < len(table_ids(page)) < len(everything)
    assert_everything_matches_the_api(page, site, official="RYAN")
    page.fill("#filter-official", "")
    page.wait_for_url(lambda url: "official=" not in url)
    page.wait_for_selector(READY)

    # A bar is a filter too: clicking a year's bar narrows to that year.
    page.click('[data-testid="year-bar"][data-key="2024"]')
    page.wait_for_selector(READY)
    assert page.input_value("#filter-year") == "2024"
    assert_everything_matches_the_api(page, site, year="2024")

    # A filtered view is a link: opening it again draws the same.
    page.goto(page.url)
    page.wait_for_selector(READY)
    assert page.input_value("#filter-year") == "2024"
    assert_everything_matches_the_api(page, site, year="2024")

    page.click('[data-testid="filter-reset"]')
    page.wait_for_selector(READY)
    assert table_ids(page) == everything and "year=" not in page.url
    watch.assert_clean()


def test_a_row_opens_its_officials_and_evidence(page: Any, site: Site, watch: Watch) -> None:
    open_dashboard(page)
    staff_talks = next(item for item in site.api.get("/engagements", params={"year": 2025}).json()["items"])
    detail = site.api.get(f"/engagements/{staff_talks['id']}").json()

    page.click(f'[data-testid="engagement-row"][data-id="{staff_talks["id"]}"] td:first-child')
    page.wait_for_selector('#engagement-detail[data-state="ready"]')

    assert page.text_content('[data-testid="detail-title"]') == detail["title"]
    officials = page.locator('[data-testid="detail-participant"]')
    assert officials.count() == len(detail["participants"]) > 0
    for index, part in enumerate(detail["participants"]):
        row = officials.nth(index)
        assert row.locator('[data-testid="participant-link"]').get_attribute("href") == f"/participants/{part['person']['id']}"
        cells = row.locator("td").all_text_contents()
        assert cells[0] == part["person"]["name"] and cells[2] == (part["rank"] or "") and cells[3] == (part["title"] or "")
        assert part["organization"] is None or cells[4].startswith(part["organization"]["name"])
    quotes = [evidence["quote"] for source in detail["sources"] for evidence in source["evidence"]]
    assert page.locator('[data-testid="detail-evidence"] p').all_text_contents() == quotes
    assert page.locator('[data-testid="document-link"]').first.get_attribute("href") == f"/documents/{detail['sources'][0]['document']['id']}"
    screenshot(page, "dashboard-detail")

    # "only this official" filters the whole dashboard by that name.
    page.locator('[data-testid="filter-by-official"]').first.click()
    page.wait_for_selector(READY)
    name = detail["participants"][0]["person"]["name"]
    assert page.input_value("#filter-official") == name
    assert_everything_matches_the_api(page, site, official=name)
    watch.assert_clean()


def test_markup_in_records_is_shown_as_text_and_never_runs(page: Any, site: Site, watch: Watch) -> None:
    open_dashboard(page)

    link = page.locator(f'[data-testid="engagement-row"][data-id="{site.img_engagement["id"]}"] [data-testid="engagement-link"]')
    assert link.text_content() == IMG_TITLE
    assert page.locator("main img").count() == 0

    page.goto(f"/dashboard#engagement-{site.script_engagement_id}")
    page.wait_for_selector('#engagement-detail[data-state="ready"]')
    quotes = page.locator('[data-testid="detail-evidence"] p').all_text_contents()
    assert any(SCRIPT in quote for quote in quotes)
    assert SCRIPT in page.text_content(f'[data-testid="detail-source"][data-document-id="{site.script_document_id}"] h4')
    assert page.locator("script").count() == 1  # the page's own module, nothing injected
    assert page.evaluate("window.__pwned") is None
    watch.assert_clean()


@pytest.fixture
def reading_needs_a_key(site: Site, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("ENGAGEMENTS_READ_REQUIRES_KEY", "true")
    get_settings.cache_clear()  # the running server reads the settings on every request
    yield
    monkeypatch.undo()
    get_settings.cache_clear()


def test_a_closed_server_asks_for_a_key_and_the_key_opens_it(page: Any, site: Site, watch: Watch, reading_needs_a_key: Any) -> None:
    page.goto("/dashboard")
    page.wait_for_selector('#dashboard[data-state="error"]')
    assert "API key" in page.text_content('[data-testid="status-message"]')
    assert page.locator("#api-key-panel").get_attribute("open") is not None

    page.fill('[data-testid="api-key-input"]', site.reader["Authorization"].removeprefix("Bearer "))
    page.press('[data-testid="api-key-input"]', "Enter")
    page.wait_for_selector(READY)
    assert len(table_ids(page)) == site.api.get("/engagements", headers=site.reader).json()["total"]
    watch.assert_clean(expected_statuses=frozenset({401}))
