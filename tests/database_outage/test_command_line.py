"""The `engagements` command when the database is down, unreadable in the settings, or refuses: one line, exit 2."""

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker
from typer.testing import CliRunner

from app.cli import cli
from app.db import build_engine
from app.extraction.records import ExtractionResult
from app.ingest.seed import default_extractor, seed_paths
from tests.database_outage.tcp_proxy import tcp_proxy
from tests.databases import POSTGRES_URL, migrate, reset_cached_settings, scratch_postgres_database

ARTICLE = "ACCRA, Ghana – The Ghana Navy and the German Navy held staff talks in Accra on March 3, 2026.\n"


@pytest.fixture(scope="module")
def migrated_url() -> Iterator[str]:
    with scratch_postgres_database("engagements_cli_down") as url:
        engine = build_engine(url)
        migrate(engine)
        engine.dispose()
        yield url


def run(url: str, *args: str) -> tuple[int, str]:
    """The command in-process with DATABASE_URL=url: exit code and stderr."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        reset_cached_settings()
        try:
            result = CliRunner().invoke(cli, list(args))
        finally:
            reset_cached_settings()
    return result.exit_code, result.stderr


@pytest.mark.postgres
@pytest.mark.parametrize("command", [["seed", "{article}"], ["db", "upgrade"], ["keys", "list"]])
def test_a_database_that_went_away_is_one_line_and_exit_2(migrated_url: str, tmp_path: Path, command: list[str]) -> None:
    article = tmp_path / "staff-talks.txt"
    article.write_text(ARTICLE)
    server = make_url(migrated_url)
    with tcp_proxy((server.host or "127.0.0.1", server.port or 5432)) as proxy:
        url = server.set(host="127.0.0.1", port=proxy.port, password="s3cret").render_as_string(hide_password=False)
        proxy.cut()
        code, stderr = run(url, *(part.format(article=article) for part in command))
    assert code == 2
    assert stderr.count("\n") == 1 and stderr.startswith("error: cannot reach the database: "), stderr
    assert "Connection refused" in stderr and "s3cret" not in stderr


@pytest.mark.parametrize("password", ["p@ss:w0rd", "p@ssw0rd"])
def test_a_password_with_an_unencoded_at_sign_is_one_line_and_exit_2(password: str) -> None:
    env = {**os.environ, "DATABASE_URL": f"postgresql://engagements:{password}@127.0.0.1:5432/engagements"}
    completed = subprocess.run(
        [sys.executable, "-m", "app.cli", "db", "upgrade"], env=env, capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 2
    [line] = completed.stderr.strip().splitlines()
    assert line.startswith("error: invalid setting DATABASE_URL:") and "percent-encode" in line
    assert "w0rd" not in completed.stderr + completed.stdout


@pytest.mark.postgres
def test_a_role_without_rights_on_the_tables_is_one_line_and_exit_2(migrated_url: str) -> None:
    role = f"engagements_no_rights_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE ROLE "{role}" LOGIN'))
    try:
        code, stderr = run(make_url(migrated_url).set(username=role).render_as_string(hide_password=False), "db", "upgrade")
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()
    assert code == 2
    assert stderr == "error: database: permission denied for table alembic_version\n"


@pytest.mark.postgres
def test_a_seed_stops_at_the_first_document_after_the_database_went_away(migrated_url: str, tmp_path: Path) -> None:
    """Every later document would fail the same way (3 s each against a hung server): stop and say so once."""
    for day in (3, 4, 5, 6):
        (tmp_path / f"talks-{day}.txt").write_text(ARTICLE.replace("March 3", f"March {day}"))
    real_extract = default_extractor()
    extracted: list[str] = []
    server = make_url(migrated_url)
    with tcp_proxy((server.host or "127.0.0.1", server.port or 5432)) as proxy:
        engine = build_engine(server.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False))

        def extract_then_cut_after_the_first(text: str) -> ExtractionResult:
            extracted.append(text)
            if len(extracted) == 2:
                proxy.cut()
            return real_extract(text)

        try:
            with pytest.raises(OperationalError):
                seed_paths([tmp_path], sessionmaker(engine), extract_then_cut_after_the_first)
        finally:
            engine.dispose()
    assert len(extracted) == 2  # the third and fourth were never tried
