"""The migrations build exactly the models' schema, and go down and up again, on both databases."""

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from app.db import build_engine
from app.models import Base
from app.schema_extras import include_name, is_extra_object
from tests.databases import run_migration, scratch_postgres_database


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = build_engine(f"sqlite:///{tmp_path / 'migrations.db'}")
        yield engine
        engine.dispose()
        return
    with scratch_postgres_database("engagements_migrations") as url:
        engine = build_engine(url)
        yield engine
        engine.dispose()


run = run_migration


def differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": include_name})
        return list(compare_metadata(context, Base.metadata))


def user_tables(engine: Engine) -> set[str]:
    names = set(inspect(engine).get_table_names()) - {"alembic_version"}
    return {name for name in names if not is_extra_object(name, "table")}


def test_migrations_match_the_models(empty_engine: Engine) -> None:
    run(empty_engine, "upgrade", "head")
    assert differences(empty_engine) == []
    assert user_tables(empty_engine) == set(Base.metadata.tables)


def test_upgrade_downgrade_upgrade(empty_engine: Engine) -> None:
    run(empty_engine, "upgrade", "head")
    run(empty_engine, "downgrade", "base")
    assert set(inspect(empty_engine).get_table_names()) - {"alembic_version"} == set()  # search tables too
    run(empty_engine, "upgrade", "head")
    assert user_tables(empty_engine) == set(Base.metadata.tables)
    assert differences(empty_engine) == []
