"""`engagements extract --json` contract, run in-process through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from app.commands.extract import extract_command

SEED = next((Path(__file__).resolve().parents[2] / "seeds" / "documents").glob("001_*.txt"))


@pytest.fixture()
def app() -> typer.Typer:
    application = typer.Typer()
    application.command("extract")(extract_command)

    @application.command("version")
    def version() -> None:  # a second command keeps "extract" a real sub-command
        pass

    return application


def _run(app: typer.Typer, *args: str) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    result = CliRunner().invoke(app, ["extract", "--json", *args])
    assert "Traceback" not in result.stdout
    return result.exit_code, json.loads(result.stdout), result.stderr


def test_shape_of_output(app: typer.Typer) -> None:
    code, payload, _ = _run(app, str(SEED))
    assert code == 0
    [document] = payload["documents"]
    assert document["file"] == SEED.name
    assert document["published"] == "2025-05-12"
    [engagement] = document["engagements"]
    for key in ("title", "type", "start_date", "end_date", "mode", "location", "countries", "participants",
                "agreed_actions_reported", "evidence"):
        assert key in engagement
    assert engagement["location"]["name"] == "Lima" and engagement["location"]["country"] == "PE"
    for person in engagement["participants"]:
        assert set(person) >= {"name", "rank", "title", "organization", "country"}
    assert all(set(span) == {"start", "end"} for span in engagement["evidence"])


@pytest.mark.parametrize(
    ("name", "content"),
    [("empty.txt", b""), ("blank.txt", b"  \n\n"), ("latin1.txt", "Peru\xe9".encode("latin-1"))],
)
def test_unreadable_files_get_error_entries(app: typer.Typer, tmp_path: Path, name: str, content: bytes) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    code, payload, stderr = _run(app, str(bad), str(SEED))
    assert code == 1
    first, second = payload["documents"]
    assert first["file"] == name and "error" in first
    assert "error" not in second and second["engagements"]
    assert name in stderr and len(stderr.strip().splitlines()) == 1


def test_missing_file_and_directory(app: typer.Typer, tmp_path: Path) -> None:
    code, payload, stderr = _run(app, str(tmp_path / "nope.txt"), str(tmp_path))
    assert code == 1
    assert [("error" in d) for d in payload["documents"]] == [True, True]
    assert len(stderr.strip().splitlines()) == 2


def test_all_good_exit_zero(app: typer.Typer, tmp_path: Path) -> None:
    other = tmp_path / "note.txt"
    other.write_text("Nothing happened here.", encoding="utf-8")
    code, payload, _ = _run(app, str(other))
    assert code == 0
    assert payload["documents"][0]["engagements"] == []
