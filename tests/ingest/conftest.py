"""Real databases for the ingest tests: a fresh migrated SQLite file, and a scratch PostgreSQL database.

Ingest owns its transactions (one per document), so these fixtures hand out a sessionmaker
on an empty, migrated database instead of a rolled-back session: SQLite gets a new file
per test; PostgreSQL gets one scratch database per run, truncated before each test.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app.config import get_settings
from app.db import build_engine, get_engine, get_sessionmaker
from app.models import Base

ROOT = Path(__file__).resolve().parents[2]
INGEST_POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def ingest_migrate(engine: Engine) -> None:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.attributes["configure_logger"] = False
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _postgres_problem() -> str | None:
    try:
        probe = create_engine(INGEST_POSTGRES_URL, connect_args={"connect_timeout": 3})
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
        probe.dispose()
    except Exception as exc:  # any failure to connect means: no server here
        where = make_url(INGEST_POSTGRES_URL).render_as_string(hide_password=True)
        return f"PostgreSQL not reachable at {where}: {exc.__class__.__name__}"
    return None


@pytest.fixture(scope="session")
def ingest_postgres_engine() -> Iterator[Engine]:
    """A migrated scratch database `engagements_ingest_<random>`, dropped at the end of the run."""
    problem = _postgres_problem()
    if problem is not None:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(f"REQUIRE_POSTGRES=1 but {problem}")
        pytest.skip(problem)
    name = f"engagements_ingest_{uuid.uuid4().hex[:10]}"
    admin = create_engine(make_url(INGEST_POSTGRES_URL).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = build_engine(make_url(INGEST_POSTGRES_URL).set(database=name).render_as_string(hide_password=False))
    try:
        ingest_migrate(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def ingest_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty migrated database of each kind."""
    if request.param == "sqlite":
        engine = build_engine(f"sqlite:///{tmp_path / 'ingest.db'}")
        ingest_migrate(engine)
        yield engine
        engine.dispose()
        return
    engine = request.getfixturevalue("ingest_postgres_engine")
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield engine


@pytest.fixture
def ingest_factory(ingest_engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=ingest_engine, expire_on_commit=False)


@pytest.fixture
def ingest_cli_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """DATABASE_URL pointed at a migrated temp SQLite file, with the cached settings/engine reset."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = build_engine(url)
    ingest_migrate(engine)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    _clear_caches()
    yield url
    if get_engine.cache_info().currsize:
        get_engine().dispose()  # release the file before tmp_path goes
    _clear_caches()


def _clear_caches() -> None:
    get_settings.cache_clear()
    get_engine.cache_clear()
    get_sessionmaker.cache_clear()
