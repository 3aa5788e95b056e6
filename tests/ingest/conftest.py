"""Real databases for the ingest tests: a fresh migrated SQLite file, and a scratch PostgreSQL database.

Ingest owns its transactions (one per document), so these fixtures hand out a sessionmaker
on an empty, migrated database instead of a rolled-back session: SQLite gets a new file
per test; PostgreSQL gets one scratch database per run, truncated before each test.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.db import build_engine, get_engine
from tests.databases import empty_database, migrate, reset_cached_settings, scratch_postgres_database


@pytest.fixture(scope="session")
def ingest_postgres_engine() -> Iterator[Engine]:
    """A migrated scratch database `engagements_ingest_<random>`, dropped at the end of the run."""
    with scratch_postgres_database("engagements_ingest") as url:
        engine = build_engine(url)
        try:
            migrate(engine)
            yield engine
        finally:
            engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def ingest_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty migrated database of each kind."""
    yield from empty_database(request, tmp_path / "ingest.db", "ingest_postgres_engine")


@pytest.fixture
def ingest_factory(ingest_engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=ingest_engine, expire_on_commit=False)


@pytest.fixture
def ingest_cli_database(ingest_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """DATABASE_URL pointed at an empty migrated database of each kind, with the cached settings/engine reset."""
    url = ingest_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    reset_cached_settings()
    yield url
    if get_engine.cache_info().currsize:
        get_engine().dispose()  # release the file (or the server's connections) before the next test
    reset_cached_settings()
