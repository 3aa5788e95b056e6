"""The `engagements` command, in-process: database commands and clear one-line failures."""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect
from typer.testing import CliRunner

from app.cli import cli
from tests.databases import reset_cached_settings

runner = CliRunner()


@pytest.fixture
def database_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "cli.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    reset_cached_settings()
    yield path
    reset_cached_settings()


def tables(path: Path) -> set[str]:
    engine = create_engine(f"sqlite:///{path}")
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version", "sqlite_sequence"}
    finally:
        engine.dispose()


def test_upgrade_then_downgrade_to_base(database_file: Path) -> None:
    upgraded = runner.invoke(cli, ["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    assert {"engagement", "person", "evidence"} <= tables(database_file)
    downgraded = runner.invoke(cli, ["db", "downgrade", "base"])
    assert downgraded.exit_code == 0, downgraded.output
    assert tables(database_file) == set()


def test_unknown_revision_is_one_line_and_exit_2(database_file: Path) -> None:
    result = runner.invoke(cli, ["db", "upgrade", "nonsense"])
    assert result.exit_code == 2
    assert result.output.strip().startswith("error:") and len(result.output.strip().splitlines()) == 1


def test_unreachable_database_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    reset_cached_settings()
    try:
        result = runner.invoke(cli, ["db", "upgrade"])
    finally:
        reset_cached_settings()
    assert result.exit_code == 2
    assert "cannot reach the database" in result.output
    assert "Traceback" not in result.output


def test_no_arguments_shows_help() -> None:
    result = runner.invoke(cli, [])
    assert "serve" in result.output and "seed" in result.output and "extract" in result.output


def test_seed_offers_force() -> None:
    result = runner.invoke(cli, ["seed", "--help"])
    assert result.exit_code == 0 and "--force" in result.output


def test_invalid_setting_is_one_line_and_exit_2() -> None:
    env = {**os.environ, "DATABASE_URL": "mysql://somewhere/db"}
    completed = subprocess.run(
        [sys.executable, "-m", "app.cli", "db", "upgrade"], env=env, capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 2
    assert completed.stderr.strip().splitlines() == [
        "error: invalid setting DATABASE_URL: Value error, DATABASE_URL must be a sqlite:/// or postgresql:// URL"
    ]
