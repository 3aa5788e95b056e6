"""A statement that runs too long is cancelled, on both databases, and the API says so with a 503.

ENGAGEMENTS_QUERY_TIMEOUT_SECONDS bounds any one statement (app.db._limit_statement_time).
Without it, a query the planner gets wrong keeps a connection and a core busy long after its
client has given up: at 1,000,000 engagements on PostgreSQL, requests abandoned at 30 s kept
their queries running and slowed everything measured after them.
"""

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from app import db
from app.config import Settings
from app.database_faults import QUERY_TIMEOUT, database_fault
from app.main import create_app
from tests.databases import migrate, reset_cached_settings, scratch_postgres_database

# SQLite: a count to fifty million takes seconds; cut after 50 ms, it stops within a few more.
SLOW_SQLITE = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000000) SELECT count(*) FROM n"
# About a quarter of a second of SQLite work, streamed.
STREAMED_SQLITE = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) SELECT i FROM n"


def test_the_setting_defaults_to_thirty_seconds_and_refuses_negatives(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().query_timeout_seconds == 30
    monkeypatch.setenv("ENGAGEMENTS_QUERY_TIMEOUT_SECONDS", "2.5")
    assert Settings().query_timeout_seconds == 2.5
    monkeypatch.setenv("ENGAGEMENTS_QUERY_TIMEOUT_SECONDS", "-1")
    with pytest.raises(ValidationError, match="query_timeout_seconds"):
        Settings()


def test_the_application_engine_takes_the_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'limited.db'}")
    monkeypatch.setenv("ENGAGEMENTS_QUERY_TIMEOUT_SECONDS", "0.05")
    reset_cached_settings()
    try:
        with db.get_engine().connect() as connection, pytest.raises(OperationalError) as raised:
            connection.exec_driver_sql(SLOW_SQLITE).scalar()
        assert database_fault(raised.value) is QUERY_TIMEOUT
    finally:
        db.get_engine().dispose()
        reset_cached_settings()


@pytest.fixture
def sqlite_file(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'timed.db'}"


def test_sqlite_cancels_a_long_statement_and_the_connection_goes_on(sqlite_file: str) -> None:
    engine = db.build_engine(sqlite_file, query_timeout_seconds=0.05)
    try:
        with engine.connect() as connection:
            with pytest.raises(OperationalError) as raised:
                connection.exec_driver_sql(SLOW_SQLITE).scalar()
            assert database_fault(raised.value) is QUERY_TIMEOUT
            assert "interrupted" in str(raised.value.orig)
            # The next statement has a deadline of its own.
            assert connection.exec_driver_sql("SELECT count(*) FROM (SELECT 1 UNION ALL SELECT 2)").scalar() == 2
    finally:
        engine.dispose()


def test_sqlite_leaves_streamed_statements_and_unlimited_engines_alone(sqlite_file: str) -> None:
    limited = db.build_engine(sqlite_file, query_timeout_seconds=0.01)
    unlimited = db.build_engine(sqlite_file)
    try:
        with limited.connect() as connection:
            streamed = connection.execution_options(stream_results=True).exec_driver_sql(STREAMED_SQLITE)
            assert sum(1 for _ in streamed) == 300_000
        with unlimited.connect() as connection:
            assert connection.exec_driver_sql(STREAMED_SQLITE.replace("SELECT i FROM n", "SELECT count(*) FROM n")).scalar() == 300_000
    finally:
        limited.dispose()
        unlimited.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with scratch_postgres_database("engagements_timeout") as url:
        yield url


def test_postgres_cancels_a_long_statement_and_unlimited_engines_wait(postgres_url: str) -> None:
    limited = db.build_engine(postgres_url, query_timeout_seconds=0.2)
    unlimited = db.build_engine(postgres_url)
    try:
        with limited.connect() as connection:
            assert connection.exec_driver_sql("SHOW statement_timeout").scalar() == "200ms"
            with pytest.raises(OperationalError) as raised:
                connection.exec_driver_sql("SELECT pg_sleep(2)")
            assert database_fault(raised.value) is QUERY_TIMEOUT
        with unlimited.connect() as connection:
            assert connection.exec_driver_sql("SHOW statement_timeout").scalar() == "0"
            connection.exec_driver_sql("SELECT pg_sleep(0.3)")
    finally:
        limited.dispose()
        unlimited.dispose()


def _serving(url: str, seconds: str, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    migrating = db.build_engine(url)
    migrate(migrating)
    migrating.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("ENGAGEMENTS_QUERY_TIMEOUT_SECONDS", seconds)
    reset_cached_settings()
    return TestClient(create_app(), raise_server_exceptions=False)


def _assert_query_timeout(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == str(QUERY_TIMEOUT.retry_after)
    body = response.json()
    assert body["status"] == 503
    assert body["reason"] == QUERY_TIMEOUT.reason
    assert "traceback" not in response.text.lower()


def test_a_request_whose_query_overruns_gets_503_on_postgres(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    client = _serving(postgres_url, "0.3", monkeypatch)
    locker = db.build_engine(postgres_url)
    holding, release = threading.Event(), threading.Event()

    def hold_the_table() -> None:
        # A schema change in progress: the list's SELECT waits for the lock until its deadline.
        with locker.begin() as connection:
            connection.execute(text("LOCK TABLE engagement IN ACCESS EXCLUSIVE MODE"))
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=hold_the_table)
    thread.start()
    try:
        assert holding.wait(10)
        with client:
            _assert_query_timeout(client.get("/engagements"))
        release.set()
        thread.join(10)
        with client:
            assert client.get("/engagements").status_code == 200  # the same pooled connections work again
    finally:
        release.set()
        thread.join(10)
        locker.dispose()
        db.get_engine().dispose()
        reset_cached_settings()


def test_a_request_whose_query_overruns_gets_503_on_sqlite(sqlite_file: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # A check after every instruction, each finding the deadline passed: the first query stops.
    monkeypatch.setattr(db, "SQLITE_INSTRUCTIONS_PER_CHECK", 1)
    client = _serving(sqlite_file, "0.000001", monkeypatch)
    try:
        with client:
            _assert_query_timeout(client.get("/engagements", params={"year": 2025}))
    finally:
        db.get_engine().dispose()
        reset_cached_settings()
