"""PostgreSQL going away under the running app: every request a prompt 503, then recovery without a restart.

The app reaches its scratch database on the shared server through a TCP proxy in this
process that the tests cut (nothing listens: connection refused, open connections dropped),
hang (connections accepted and never answered) and restore. Backends are also killed from
the server side with pg_terminate_backend, between requests and in the middle of a write.
The shared server itself keeps running for the other tests.
"""

import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, event, func, select, text
from sqlalchemy.engine import make_url

from app import db
from app.db import build_engine
from app.models import AuditEntry, Document, Engagement, Evidence, Person
from tests.database_outage.in_flight import request_in_flight
from tests.database_outage.service import Service, assert_health_unavailable, assert_unavailable, service_at
from tests.database_outage.tcp_proxy import TcpProxy, tcp_proxy
from tests.databases import migrate, scratch_postgres_database

pytestmark = pytest.mark.postgres

# The server trusts local connections, so this password is never checked: it is here to
# prove it never reaches a response.
PASSWORD = "s3cret-pa55"

ARTICLE = """Ghana, Germany Navies Hold First Staff Talks

ACCRA, Ghana – The Ghana Navy and the German Navy held their first navy staff talks in Accra on March 3, 2026.

Rear Adm. Issah Adam Yakubu, chief of the naval staff of Ghana, met Vice Adm. Jan Christian Kaack, chief of the German Navy.

The two navies agreed to expand maritime training and to hold the next staff talks in 2027.
"""


@pytest.fixture(scope="module")
def scratch_url() -> Iterator[str]:
    with scratch_postgres_database("engagements_outage") as url:
        engine = build_engine(url)
        migrate(engine)
        engine.dispose()
        yield url


@pytest.fixture
def proxy(scratch_url: str) -> Iterator[TcpProxy]:
    server = make_url(scratch_url)
    with tcp_proxy((server.host or "127.0.0.1", server.port or 5432)) as running:
        yield running


@pytest.fixture
def service(scratch_url: str, proxy: TcpProxy) -> Iterator[Service]:
    through_proxy = make_url(scratch_url).set(host="127.0.0.1", port=proxy.port, password=PASSWORD)
    with service_at(through_proxy.render_as_string(hide_password=False)) as running:
        yield running


@pytest.fixture
def admin(scratch_url: str) -> Iterator[Engine]:
    """A direct connection to the scratch database, around the proxy: what the database really holds."""
    engine = create_engine(scratch_url, pool_pre_ping=True)  # it kills backends on its own database too
    yield engine
    engine.dispose()


def row_counts(admin: Engine) -> dict[str, int]:
    with admin.connect() as connection:
        return {
            model.__tablename__: connection.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (Document, Evidence, Engagement, Person, AuditEntry)
        }


def test_every_request_is_a_prompt_503_while_the_database_is_down(service: Service, proxy: TcpProxy) -> None:
    created = service.create_engagement()
    assert created.status_code == 201, created.text
    detail = f"/engagements/{created.json()['id']}"

    proxy.cut()
    requests = [
        ("GET", "/engagements", {}),
        ("GET", detail, {}),
        ("GET", "/participants?name=yakubu", {}),
        ("POST", "/engagements", {"json": {"title": "Lost", "type": "meeting", "countries": ["DE", "GH"]}, "headers": service.editor}),
        # A key is checked against the database: while it is down that is a 503, never a 401.
        ("POST", "/engagements", {"json": {}, "headers": {"Authorization": "Bearer not-a-key"}}),
        ("PATCH", detail, {"json": {"title": "Renamed"}, "headers": {**service.editor, "If-Match": '"1"'}}),
        ("GET", "/engagements?format=csv", {}),
    ]
    for method, path, kwargs in requests:
        response, seconds = service.timed(method, path, **kwargs)
        assert_unavailable(response, "connection_refused", seconds)
        assert PASSWORD not in response.text and str(proxy.port) not in response.text

    health, seconds = service.timed("GET", "/health")
    assert_health_unavailable(health, "connection_refused", "postgresql")
    assert seconds < 10
    assert PASSWORD not in health.text and str(proxy.port) not in health.text and "127.0.0.1" not in health.text

    proxy.restore()
    assert service.client.get(detail).json()["title"] == created.json()["title"]
    assert service.client.get("/health").json() == {"status": "ok", "database": "postgresql"}


def test_pooled_connections_are_replaced_when_the_database_comes_back(service: Service, proxy: TcpProxy) -> None:
    # Four idle connections in the pool, all about to die.
    connections = [db.get_engine().connect() for _ in range(4)]
    for connection in connections:
        connection.close()
    assert db.get_engine().pool.checkedin() == 4
    assert service.client.get("/engagements").status_code == 200

    proxy.cut()
    for _ in range(3):
        assert_unavailable(service.client.get("/engagements"), "connection_refused")
    assert_unavailable(service.create_engagement("Written while down"), "connection_refused")

    proxy.restore()
    restored = time.monotonic()
    first = service.client.get("/engagements")  # the very first request after the outage
    assert first.status_code == 200, first.text
    assert time.monotonic() - restored < 10
    titles = [item["title"] for item in first.json()["items"]]
    assert "Written while down" not in titles
    written = service.create_engagement("Written after the outage")
    assert written.status_code == 201, written.text
    assert service.client.get(f"/engagements/{written.json()['id']}").status_code == 200


def test_a_hung_database_is_answered_within_the_connect_timeout(service: Service, proxy: TcpProxy) -> None:
    assert service.client.get("/engagements").status_code == 200
    proxy.hang()  # connections accepted, never answered: a frozen server or a firewall dropping packets

    response, seconds = service.timed("GET", "/engagements")
    assert_unavailable(response, "connection_timeout", seconds)
    health = service.client.get("/health")
    assert_health_unavailable(health, "connection_timeout", "postgresql")

    proxy.restore()
    assert service.client.get("/engagements").status_code == 200
    assert service.client.get("/health").status_code == 200


def test_a_connection_dropped_mid_request_is_a_503_and_the_next_request_succeeds(service: Service, proxy: TcpProxy, admin: Engine) -> None:
    assert service.client.get("/engagements").status_code == 200
    with request_in_flight(service, admin, "/engagements") as (in_flight, _):
        proxy.cut()  # the network goes while the query runs
        response = in_flight.result(timeout=30)
    assert_unavailable(response, "connection_lost")

    proxy.restore()
    assert service.client.get("/engagements").status_code == 200


def test_backends_killed_between_requests_are_replaced_unnoticed(service: Service, admin: Engine) -> None:
    for _ in range(3):
        assert service.client.get("/engagements").status_code == 200
    killed = _terminate_app_backends(admin)
    assert killed >= 1

    # The pool pings a connection before handing it out, so nobody sees the dead one.
    assert service.client.get("/engagements").status_code == 200
    assert service.create_engagement("After the kill").status_code == 201


def test_a_connection_killed_in_the_middle_of_a_write_leaves_nothing_half_written(service: Service, admin: Engine) -> None:
    before = row_counts(admin)
    inserts = 0

    def kill_own_backend_at_the_third_insert(connection, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        nonlocal inserts
        if not statement.lstrip().upper().startswith("INSERT"):
            return
        inserts += 1
        if inserts == 3:
            pid = connection.connection.dbapi_connection.info.backend_pid
            with admin.begin() as killer:
                assert killer.execute(text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid}).scalar_one()

    engine = db.get_engine()
    event.listen(engine, "before_cursor_execute", kill_own_backend_at_the_third_insert)
    try:
        response = service.client.post("/documents", json={"text": ARTICLE, "title": "First staff talks"}, headers=service.editor)
    finally:
        event.remove(engine, "before_cursor_execute", kill_own_backend_at_the_third_insert)

    assert inserts == 3  # two rows were written in that transaction before the kill
    assert_unavailable(response, "connection_lost")
    assert row_counts(admin) == before

    again = service.client.post("/documents", json={"text": ARTICLE, "title": "First staff talks"}, headers=service.editor)
    assert again.status_code == 201, again.text
    after = row_counts(admin)
    assert all(after[table] > before[table] for table in ("document", "evidence", "engagement", "person", "audit_entry")), after


def _terminate_app_backends(admin: Engine) -> int:
    """Kill every other backend on the scratch database (the app's pooled connections)."""
    with admin.begin() as connection:
        return len(
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).all()
        )
