"""`engagements seed` in-process: bad input is one line per file, the rest still loads."""

import shutil
from pathlib import Path

import pytest
import typer
from sqlalchemy import create_engine, select
from typer.testing import CliRunner

from app.commands.seed import seed_command
from app.models import Document
from tests.databases import reset_cached_settings

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "seeds" / "documents" / "000_0d7b7ca61619be98.txt"

app = typer.Typer()
app.command()(seed_command)


def _documents(url: str) -> list[str]:
    engine = create_engine(url)
    with engine.connect() as connection:
        refs = list(connection.scalars(select(Document.source_ref).order_by(Document.source_ref)))
    engine.dispose()
    return refs


@pytest.fixture
def ingest_inputs(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "empty_dir").mkdir()
    inputs = {
        "missing": tmp_path / "nope.txt",
        "empty_dir": tmp_path / "empty_dir",
        "latin1": tmp_path / "latin1.txt",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.txt",
        "good": tmp_path / GOOD.name,
    }
    inputs["latin1"].write_bytes("Lima, Perú".encode("latin-1"))
    inputs["empty"].write_bytes(b"  \n")
    inputs["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    shutil.copy(GOOD, inputs["good"])
    return inputs


def test_bad_input_gives_one_line_per_file_and_a_non_zero_exit(ingest_cli_database: str, ingest_inputs: dict[str, Path]) -> None:
    outcome = CliRunner().invoke(app, [str(p) for p in ingest_inputs.values()])
    assert outcome.exit_code == 1, outcome.output
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit)
    errors = outcome.stderr.strip().splitlines()
    assert "Traceback" not in outcome.output
    reasons = {
        "missing": "no such file or directory",
        "empty_dir": "no .txt files",
        "latin1": "not valid UTF-8",
        "empty": "empty file",
        "binary": "binary file",
    }
    for key, reason in reasons.items():
        [line] = [e for e in errors if str(ingest_inputs[key]) in e]
        assert line.startswith("error: ") and reason in line
    assert len(errors) == len(reasons)
    assert "1 loaded" in outcome.stdout and "5 failed" in outcome.stdout
    assert _documents(ingest_cli_database) == [GOOD.name]


def test_default_path_comes_from_settings_and_reruns_skip(
    ingest_cli_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(GOOD, folder / GOOD.name)
    monkeypatch.setenv("ENGAGEMENTS_SEEDS_PATH", str(folder))
    first = CliRunner().invoke(app, [])
    second = CliRunner().invoke(app, [])
    assert (first.exit_code, second.exit_code) == (0, 0), first.output + second.output
    assert "1 loaded" in first.stdout and "1 skipped" in second.stdout
    assert "engagements" in second.stdout and "warnings" in second.stdout
    assert "\x1b[" not in first.output  # no progress bar when stderr is not a terminal


def test_an_unmigrated_database_is_one_line_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'blank.db'}")
    reset_cached_settings()
    try:
        outcome = CliRunner().invoke(app, [str(GOOD)])
    finally:
        reset_cached_settings()
    assert outcome.exit_code == 2
    assert outcome.stderr.count("\n") == 1 and outcome.stderr.startswith("error: database:")


def test_force_re_extracts_unchanged_files(ingest_cli_database: str, tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(GOOD, folder / GOOD.name)
    first = CliRunner().invoke(app, [str(folder)])
    forced = CliRunner().invoke(app, [str(folder), "--force"])
    assert (first.exit_code, forced.exit_code) == (0, 0), first.output + forced.output
    assert "1 loaded" in first.stdout and "1 re-extracted" in forced.stdout and "0 skipped" in forced.stdout
    assert _documents(ingest_cli_database) == [GOOD.name]
