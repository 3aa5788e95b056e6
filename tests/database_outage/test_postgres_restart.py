"""A real PostgreSQL server killed mid-run (pg_ctl stop -m immediate) and started again, under the running app.

The server is a throwaway one of this module's own (see postgres_cluster.py), so stopping
it disturbs nobody. No proxy: what the app meets is what a crashed and restarted server does.
"""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine

from app.db import build_engine
from tests.database_outage.in_flight import request_in_flight
from tests.database_outage.postgres_cluster import PostgresCluster, throwaway_cluster
from tests.database_outage.service import Service, assert_health_unavailable, assert_unavailable, service_at
from tests.databases import migrate

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def cluster() -> Iterator[PostgresCluster]:
    with throwaway_cluster() as running:
        engine = build_engine(running.url)
        migrate(engine)
        engine.dispose()
        yield running


@pytest.fixture
def service(cluster: PostgresCluster) -> Iterator[Service]:
    with service_at(cluster.url) as running:
        yield running


@pytest.fixture
def admin(cluster: PostgresCluster) -> Iterator[Engine]:
    engine = create_engine(cluster.url)
    yield engine
    engine.dispose()


def test_a_server_killed_mid_request_then_restarted(cluster: PostgresCluster, service: Service, admin: Engine) -> None:
    created = service.create_engagement("Before the crash")
    assert created.status_code == 201, created.text
    detail = f"/engagements/{created.json()['id']}"

    # The server dies while a query is inside it.
    with request_in_flight(service, admin, "/engagements") as (in_flight, _):
        cluster.stop("immediate")
        assert_unavailable(in_flight.result(timeout=30), "connection_lost")

    for method, path, kwargs in [
        ("GET", "/engagements", {}),
        ("GET", detail, {}),
        ("POST", "/engagements", {"json": {"title": "Lost", "type": "meeting", "countries": ["DE", "GH"]}, "headers": service.editor}),
    ]:
        response, seconds = service.timed(method, path, **kwargs)
        assert_unavailable(response, "connection_refused", seconds)
    assert_health_unavailable(service.client.get("/health"), "connection_refused", "postgresql")

    cluster.start()
    # The first request after the restart succeeds; the app was never restarted.
    assert service.client.get(detail).json()["title"] == "Before the crash"
    assert service.client.get("/health").json() == {"status": "ok", "database": "postgresql"}
    after = service.create_engagement("After the restart")
    assert after.status_code == 201, after.text
    titles = {item["title"] for item in service.client.get("/engagements").json()["items"]}
    assert {"Before the crash", "After the restart"} <= titles and "Lost" not in titles
