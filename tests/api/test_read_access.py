"""read_requires_key: a closed server answers every read 401 without a key, and serves any valid key.

The reads come from the OpenAPI document, like the permission matrix's writes: a new
readable endpoint that forgot `READABLE` fails here.
"""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import get_settings
from app.main import create_app
from tests.api.test_permissions import concrete, records  # noqa: F401 (records is a fixture)
from tests.problem_assertions import assert_problem

# Open on every server: liveness probes, and the API's own description.
ALWAYS_OPEN = ("/health",)
ADMIN_READS = ("/audit", "/api-keys")


def read_paths() -> list[str]:
    paths = create_app().openapi()["paths"]
    return sorted(path for path, item in paths.items() if "get" in item and not path.startswith(ALWAYS_OPEN + ADMIN_READS))


READS = read_paths()


@pytest.fixture
def reading_needs_a_key(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ENGAGEMENTS_READ_REQUIRES_KEY", "true")
    get_settings.cache_clear()
    assert get_settings().read_requires_key
    yield
    monkeypatch.undo()
    get_settings.cache_clear()
    assert not get_settings().read_requires_key


def test_reads_are_found() -> None:
    assert {"/engagements", "/engagements/{engagement_id}", "/documents"} <= set(READS)


@pytest.mark.parametrize("path", READS)
def test_closed_reads_need_a_key(
    client: TestClient, auth: dict[str, dict[str, str]], records: dict[str, int], reading_needs_a_key: None, path: str  # noqa: F811
) -> None:
    url = concrete(path, records)
    refused = client.get(url)
    assert_problem(refused, 401, "unauthorized")
    assert refused.headers["www-authenticate"] == "Bearer"
    assert_problem(client.get(url, headers={"Authorization": "Bearer eng_unknown"}), 401, "unauthorized")
    for role in ("reader", "editor", "admin"):
        assert client.get(url, headers=auth[role]).status_code == 200, (role, url)


@pytest.mark.parametrize("path", READS)
def test_open_reads_need_no_key(client: TestClient, records: dict[str, int], path: str) -> None:  # noqa: F811
    assert client.get(concrete(path, records)).status_code == 200


def test_health_and_docs_stay_open(client: TestClient, reading_needs_a_key: None) -> None:
    assert client.get("/health").status_code == 200
    assert client.get("/openapi.json").status_code == 200
    assert client.get("/docs").status_code == 200


def test_closing_reads_does_not_open_writes_or_admin_reads(
    client: TestClient, auth: dict[str, dict[str, str]], reading_needs_a_key: None
) -> None:
    assert_problem(client.post("/engagements", json={}, headers=auth["reader"]), 403, "forbidden")
    assert_problem(client.get("/audit", headers=auth["editor"]), 403, "forbidden")
    assert client.get("/audit", headers=auth["admin"]).status_code == 200
