"""The migrations build exactly the models' schema, and go down and up again, on both databases."""

import uuid
from collections.abc import Iterator

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url

from app.db import build_engine
from app.models import Base
from tests.conftest import POSTGRES_URL, alembic_config, skip_or_fail_without_postgres


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = build_engine(f"sqlite:///{tmp_path / 'migrations.db'}")
        yield engine
        engine.dispose()
        return
    skip_or_fail_without_postgres()
    name = f"engagements_migrations_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = build_engine(make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False))
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def run(engine: Engine, action: str, revision: str) -> None:
    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)


def differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def user_tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def test_migrations_match_the_models(empty_engine: Engine) -> None:
    run(empty_engine, "upgrade", "head")
    assert differences(empty_engine) == []
    assert user_tables(empty_engine) == set(Base.metadata.tables)


def test_upgrade_downgrade_upgrade(empty_engine: Engine) -> None:
    run(empty_engine, "upgrade", "head")
    run(empty_engine, "downgrade", "base")
    assert user_tables(empty_engine) == set()
    run(empty_engine, "upgrade", "head")
    assert user_tables(empty_engine) == set(Base.metadata.tables)
    assert differences(empty_engine) == []
