"""Real databases for the whole suite: a migrated SQLite file and a migrated PostgreSQL database.

Every test that asks for `session` or `client` runs once per database, inside a transaction
that is rolled back at the end (SAVEPOINTs let the code under test commit as usual).
"""

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.auth import service as key_service
from app.config import get_settings
from app.db import build_engine, get_session
from app.export.stream import get_export_session
from app.main import create_app
from app.models.enums import Role
from tests.databases import migrate, reset_cached_settings, scratch_postgres_database


@pytest.fixture(scope="session", autouse=True)
def no_rate_limits() -> Iterator[None]:
    """Tests make far more requests per client than people do: no limits, but in test_rate_limit.py.

    Set in the environment, so servers the tests start (browser, concurrency) inherit it too.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ENGAGEMENTS_RATE_LIMIT_ANONYMOUS", "0")
        patch.setenv("ENGAGEMENTS_RATE_LIMIT_KEYED", "0")
        reset_cached_settings()
        yield
    reset_cached_settings()


@pytest.fixture(scope="session")
def postgres_scratch_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test session, dropped at the end."""
    with scratch_postgres_database("engagements_test") as url:
        yield url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def db_engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A migrated database of each kind, shared by the session."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.db'}"
    else:
        url = request.getfixturevalue("postgres_scratch_url")
    engine = build_engine(url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(db_engine: Engine) -> Iterator[Session]:
    """A session whose every commit is a SAVEPOINT inside one rolled-back transaction."""
    with db_engine.connect() as connection:
        transaction = connection.begin()
        with Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False) as db:
            yield db
        transaction.rollback()


# FastAPI builds each route's dependency tree on the route's first request (about half a second
# for this API), so a fresh app per test would pay that in every test: apps are shared between
# tests with the same settings. Not when rate limits are on: their counts live in the app, and
# each test must start from zero.
_apps_by_settings: dict[str, FastAPI] = {}


def _app_for_current_settings() -> FastAPI:
    settings = get_settings()
    if settings.rate_limit_anonymous or settings.rate_limit_keyed:
        return create_app()
    key = settings.model_dump_json()
    if key not in _apps_by_settings:
        _apps_by_settings[key] = create_app()
    return _apps_by_settings[key]


@pytest.fixture
def app(session: Session) -> Iterator[FastAPI]:
    application = _app_for_current_settings()

    def test_session() -> Iterator[Session]:
        # Each request in its own SAVEPOINT: a refused request undoes only its own work,
        # as it would against a real database, not the test's setup.
        request_scope = session.begin_nested()
        try:
            yield session
            request_scope.commit()
            session.commit()
        except BaseException:
            # Still open, or left inactive by a failed flush (a 409 from a UNIQUE constraint):
            # either way it must be rolled back before the next request can use the session.
            if session.get_nested_transaction() is request_scope:
                request_scope.rollback()
            raise

    application.dependency_overrides[get_session] = test_session
    # Streamed exports read after the request session closed: here, through the test's transaction.
    application.dependency_overrides[get_export_session] = lambda: session
    yield application
    application.dependency_overrides.clear()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def auth(session: Session) -> dict[str, dict[str, str]]:
    """Request headers carrying a fresh key of each role: auth["editor"], auth["admin"], ..."""
    headers = {}
    for role in Role:
        _, plain = key_service.create(session, f"test-{role}", role)
        headers[role.value] = {"Authorization": f"Bearer {plain}"}
    return headers
