"""The test databases' plumbing, shared by every suite: migrate, find PostgreSQL, make scratch databases."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from app import config, db
from app.models import Base

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("REQUIRE_POSTGRES") == "1"


def alembic_config() -> Config:
    alembic = Config(str(ROOT / "alembic.ini"))
    alembic.set_main_option("script_location", str(ROOT / "migrations"))
    alembic.attributes["configure_logger"] = False
    return alembic


def run_migration(engine: Engine, action: str = "upgrade", revision: str = "head") -> None:
    """Run an Alembic command on `engine`: the schema is always built by the migrations."""
    with engine.begin() as connection:
        alembic = alembic_config()
        alembic.attributes["connection"] = connection
        getattr(command, action)(alembic, revision)


def migrate(engine: Engine) -> None:
    run_migration(engine, "upgrade", "head")


def postgres_unavailable_reason() -> str | None:
    try:
        probe = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
        probe.dispose()
    except Exception as exc:  # any failure to connect means: no server here
        where = make_url(POSTGRES_URL).render_as_string(hide_password=True)
        return f"PostgreSQL not reachable at {where}: {exc.__class__.__name__}"
    return None


def skip_or_fail_without_postgres() -> None:
    reason = postgres_unavailable_reason()
    if reason is None:
        return
    if REQUIRE_POSTGRES:
        pytest.fail(f"REQUIRE_POSTGRES=1 but {reason}")
    pytest.skip(reason)


@contextmanager
def scratch_postgres_database(prefix: str) -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database named `<prefix>_<random>`, dropped afterwards."""
    skip_or_fail_without_postgres()
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def reset_cached_settings() -> None:
    """Forget the cached settings, engine and sessionmaker after DATABASE_URL changes."""
    config.get_settings.cache_clear()
    db.get_engine.cache_clear()
    db.get_sessionmaker.cache_clear()


def empty_database(request: pytest.FixtureRequest, sqlite_file: Path, postgres_fixture: str) -> Iterator[Engine]:
    """An empty migrated database of the kind `request.param` names, for a fixture to yield from.

    SQLite: a new file, migrated. PostgreSQL: the migrated engine of `postgres_fixture` (one per
    module, since migrating is slow there), emptied and its sequences restarted.
    """
    if request.param == "sqlite":
        engine = db.build_engine(f"sqlite:///{sqlite_file}")
        migrate(engine)
        yield engine
        engine.dispose()
        return
    engine = request.getfixturevalue(postgres_fixture)
    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield engine
