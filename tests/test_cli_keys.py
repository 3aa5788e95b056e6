"""`engagements keys`, in-process: the printed key works, mistakes are one line and a non-zero exit."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from app.auth import service as key_service
from app.auth.keys import hash_key
from app.cli import cli
from app.db import build_engine
from app.main import create_app
from app.models import ApiKey, AuditEntry
from tests.databases import migrate, reset_cached_settings

runner = CliRunner()


@pytest.fixture
def database_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty (not migrated) SQLite file that DATABASE_URL points at."""
    path = tmp_path / "keys.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    reset_cached_settings()
    yield path
    reset_cached_settings()


@pytest.fixture
def migrated(database_file: Path) -> Path:
    engine = build_engine(f"sqlite:///{database_file}")
    migrate(engine)
    engine.dispose()
    return database_file


def stored_keys(path: Path) -> list[ApiKey]:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with Session(engine) as session:
            return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))
    finally:
        engine.dispose()


def audit_actions(path: Path) -> list[tuple[str, str, str]]:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with Session(engine) as session:
            return [(e.actor, e.action, e.record_type) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    finally:
        engine.dispose()


def create_key(name: str, role: str) -> str:
    result = runner.invoke(cli, ["keys", "create", "--name", name, "--role", role])
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def assert_one_line_error(result: object, exit_code: int, fragment: str) -> None:
    assert result.exit_code == exit_code, result.output  # type: ignore[attr-defined]
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1 and lines[0].startswith("error:") and fragment in lines[0], lines
    assert "Traceback" not in result.output  # type: ignore[attr-defined]


def test_create_prints_the_key_once_and_it_authenticates(migrated: Path) -> None:
    result = runner.invoke(cli, ["keys", "create", "--name", "desk-officer-1", "--role", "editor"])
    assert result.exit_code == 0, result.output
    plain = result.stdout.strip()
    assert plain.startswith("eng_") and len(plain.splitlines()) == 1
    assert "will not be shown again" in result.stderr

    [stored] = stored_keys(migrated)
    assert (stored.name, stored.role.value, stored.revoked_at) == ("desk-officer-1", "editor", None)
    assert stored.key_hash == hash_key(plain) and plain not in (stored.key_hash, stored.key_prefix)
    assert audit_actions(migrated) == [("command-line", "create", "api_key")]

    # The key works against the real app, on the same database, with no test overrides.
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        forbidden = client.get("/api-keys", headers={"Authorization": f"Bearer {plain}"})
        assert forbidden.status_code == 403  # authenticated as an editor: known, but not an admin
        admin = create_key("root", "admin")
        listed = client.get("/api-keys", headers={"Authorization": f"Bearer {admin}"})
        assert listed.status_code == 200
        assert [key["name"] for key in listed.json()] == ["desk-officer-1", "root"]
        assert plain not in listed.text and admin not in listed.text


def test_list_shows_every_key_without_the_keys(migrated: Path) -> None:
    reader = create_key("analyst", "reader")
    create_key("curator", "editor")
    assert runner.invoke(cli, ["keys", "revoke", "analyst"]).exit_code == 0

    result = runner.invoke(cli, ["keys", "list"])
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.strip().splitlines()
    assert header.split() == ["id", "name", "role", "prefix", "created", "revoked"]
    assert [row.split()[:3] for row in rows] == [["1", "analyst", "reader"], ["2", "curator", "editor"]]
    assert rows[0].split()[3] == reader[:10] + "…"
    assert rows[0].split()[5] != "-" and rows[1].split()[5] == "-"
    assert reader not in result.output


def test_revoke_by_name_or_id_stops_the_key(migrated: Path) -> None:
    first = create_key("first", "editor")
    second = create_key("second", "admin")

    by_name = runner.invoke(cli, ["keys", "revoke", "first"])
    assert by_name.exit_code == 0 and "revoked key 1 'first'" in by_name.stdout
    by_id = runner.invoke(cli, ["keys", "revoke", "2"])
    assert by_id.exit_code == 0 and "revoked key 2 'second'" in by_id.stdout
    again = runner.invoke(cli, ["keys", "revoke", "first"])
    assert again.exit_code == 0 and "already revoked" in again.stdout

    engine = build_engine(f"sqlite:///{migrated}")
    with Session(engine) as session:
        assert key_service.authenticate(session, first) is None
        assert key_service.authenticate(session, second) is None
    engine.dispose()
    assert [a for a in audit_actions(migrated) if a[1] == "revoke"] == [("command-line", "revoke", "api_key")] * 2


def test_a_name_made_of_digits_wins_over_an_id(migrated: Path) -> None:
    create_key("ops", "reader")
    create_key("1", "reader")  # id 2, named "1"
    assert runner.invoke(cli, ["keys", "revoke", "1"]).exit_code == 0
    revoked = {key.name: key.revoked_at is not None for key in stored_keys(migrated)}
    assert revoked == {"ops": False, "1": True}


def test_duplicate_name_is_one_line_and_exit_1(migrated: Path) -> None:
    create_key("twice", "reader")
    result = runner.invoke(cli, ["keys", "create", "--name", "twice", "--role", "admin"])
    assert_one_line_error(result, 1, "already exists")
    assert result.stdout == ""
    assert len(stored_keys(migrated)) == 1


@pytest.mark.parametrize("target", ["nobody", "99", "99999999999999"])
def test_unknown_key_is_one_line_and_exit_1(migrated: Path, target: str) -> None:
    assert_one_line_error(runner.invoke(cli, ["keys", "revoke", target]), 1, "does not exist")


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        (["--name", "x", "--role", "superuser"], "role"),
        (["--name", "has space", "--role", "reader"], "name"),
        (["--name", "", "--role", "reader"], "name"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(migrated: Path, arguments: list[str], fragment: str) -> None:
    assert_one_line_error(runner.invoke(cli, ["keys", "create", *arguments]), 2, fragment)
    assert stored_keys(migrated) == []


@pytest.mark.parametrize("command", [["keys", "list"], ["keys", "create", "--name", "a", "--role", "admin"], ["keys", "revoke", "a"]])
def test_unmigrated_database_is_one_line_and_exit_2(database_file: Path, command: list[str]) -> None:
    assert_one_line_error(runner.invoke(cli, command), 2, "engagements db upgrade")


def test_keys_without_a_subcommand_shows_help() -> None:
    result = runner.invoke(cli, ["keys"])
    assert "create" in result.output and "revoke" in result.output and "list" in result.output
