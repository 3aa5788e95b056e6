"""`engagements seed` with bad input: one line per bad file naming it and why, the rest still loads."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from sqlalchemy import create_engine, select
from typer.testing import CliRunner

from app.commands.seed import seed_command
from app.models import Document
from tests.databases import reset_cached_settings

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds" / "documents"
GOOD = SEEDS / "000_0d7b7ca61619be98.txt"
ALSO_GOOD = SEEDS / "002_3469103f209e3a35.txt"
LONG = SEEDS / "003_dd991823d8bbf8c9.txt"  # 9,842 bytes: the longest seed
DEFAULT_LIMIT = 1_000_000  # ENGAGEMENTS_MAX_BODY_BYTES' default

app = typer.Typer()
app.command()(seed_command)


def _documents(url: str) -> list[str]:
    engine = create_engine(url)
    with engine.connect() as connection:
        refs = list(connection.scalars(select(Document.source_ref).order_by(Document.source_ref)))
    engine.dispose()
    return refs


# name -> (what goes in the folder, the reason its line must give); None: not created at all.
BAD_FILES: dict[str, tuple[bytes | None, str]] = {
    "missing.txt": (None, "no such file or directory"),
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b"  \n\t\r\n\xc2\xa0\n", "only whitespace"),  # NBSP is whitespace too
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00IHDR", "binary file"),
    "latin1.txt": ("Lima, Perú: the staff talks".encode("latin-1"), "not valid UTF-8 (byte 0xfa at offset 9)"),
    "huge.txt": (b"Lima staff talks. " * (DEFAULT_LIMIT // 18 + 1), f"file too large: over {DEFAULT_LIMIT} bytes"),
}


@pytest.fixture
def mixed_inputs(tmp_path: Path) -> tuple[list[Path], dict[Path, str]]:
    """Two good articles among every kind of bad path: (arguments in order, bad path -> expected reason)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (tmp_path / "no_articles").mkdir()
    (tmp_path / "no_articles" / "notes.md").write_text("not an article", encoding="utf-8")
    expected = {tmp_path / "no_articles": "directory has no .txt files"}
    arguments = [tmp_path / "no_articles"]
    for name, (content, reason) in BAD_FILES.items():
        path = folder / name
        if content is not None:
            path.write_bytes(content)
        expected[path] = reason
        arguments.append(path)
    for good in (GOOD, ALSO_GOOD):
        shutil.copy(good, folder / good.name)
        arguments.insert(len(arguments) // 2, folder / good.name)
    return arguments, expected


def test_each_bad_path_is_one_line_and_the_good_files_still_load(
    ingest_cli_database: str, mixed_inputs: tuple[list[Path], dict[Path, str]]
) -> None:
    arguments, expected = mixed_inputs
    outcome = CliRunner().invoke(app, [str(p) for p in arguments])
    assert outcome.exit_code == 1, outcome.output
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit)
    assert "Traceback" not in outcome.output
    errors = outcome.stderr.strip().splitlines()
    for path, reason in expected.items():
        [line] = [e for e in errors if e.startswith(f"error: {path}: ")]
        assert reason in line, line
    assert len(errors) == len(expected)
    assert "2 loaded" in outcome.stdout and f"{len(expected)} failed" in outcome.stdout
    assert _documents(ingest_cli_database) == sorted([GOOD.name, ALSO_GOOD.name])


def test_a_directory_of_good_and_bad_articles_loads_the_good_ones(
    ingest_cli_database: str, mixed_inputs: tuple[list[Path], dict[Path, str]]
) -> None:
    _, expected = mixed_inputs
    folder = next(path.parent for path in expected if path.name == "empty.txt")
    outcome = CliRunner().invoke(app, [str(folder)])
    assert outcome.exit_code == 1, outcome.output
    errors = outcome.stderr.splitlines()
    bad_files = {path: reason for path, reason in expected.items() if path.parent == folder and path.exists()}
    for path, reason in bad_files.items():
        [line] = [e for e in errors if e.startswith(f"error: {path}: ")]
        assert reason in line, line
    assert len(errors) == len(bad_files) == len(BAD_FILES) - 1  # all but the missing one
    assert "2 loaded" in outcome.stdout
    assert _documents(ingest_cli_database) == sorted([GOOD.name, ALSO_GOOD.name])


def test_the_size_limit_is_the_body_limit_setting(
    ingest_cli_database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENGAGEMENTS_MAX_BODY_BYTES", "5000")
    reset_cached_settings()
    folder = tmp_path / "seeds"
    folder.mkdir()
    for source in (GOOD, LONG):
        shutil.copy(source, folder / source.name)
    outcome = CliRunner().invoke(app, [str(folder)])
    assert outcome.exit_code == 1, outcome.output
    assert outcome.stderr.splitlines() == [f"error: {folder / LONG.name}: file too large: over 5000 bytes (ENGAGEMENTS_MAX_BODY_BYTES)"]
    assert _documents(ingest_cli_database) == [GOOD.name]


def test_all_good_files_exit_zero_with_nothing_on_stderr(ingest_cli_database: str, tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(GOOD, folder / GOOD.name)
    outcome = CliRunner().invoke(app, [str(folder)])
    assert outcome.exit_code == 0, outcome.output
    assert outcome.stderr == ""
    assert _documents(ingest_cli_database) == [GOOD.name]


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes in a name")
def test_the_real_command_names_odd_files_on_one_line_each(ingest_cli_database: str, tmp_path: Path) -> None:
    """A subprocess, so stderr is the real stream: undecodable and multi-line names stay one line each."""
    folder = tmp_path / "odd"
    folder.mkdir()
    shutil.copy(GOOD, folder / GOOD.name)
    (folder / "two\nlines.txt").write_bytes(b"\n\n")
    undecodable = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(undecodable, "wb") as file:
        file.write(GOOD.read_bytes())
    completed = subprocess.run(
        [sys.executable, "-m", "app.cli", "seed", str(folder)],
        env={**os.environ, "DATABASE_URL": ingest_cli_database},
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )
    assert completed.returncode == 1, completed.stderr
    assert sorted(completed.stderr.splitlines()) == [
        f"error: '{folder}/caf\\udce9.txt': file name is not valid UTF-8",
        f"error: '{folder}/two\\nlines.txt': only whitespace, no text",
    ]
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
