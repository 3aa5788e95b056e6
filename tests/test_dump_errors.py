"""Dumps that must not restore, and databases that must not take one: one line, non-zero exit, nothing changed.

Every refusal leaves the target exactly as it was, rows and id allocators alike: the import
is one transaction, and a bad last line undoes every row before it.
"""

import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from typer.testing import Result

from app.backup import sequences
from app.backup.atomic import atomic_output
from app.cli import cli
from app.db import build_engine
from app.models import Base
from tests.databases import empty_database, migrate, run_migration, scratch_postgres_database
from tests.dumps import (
    KINDS,
    build_rich_database,
    export_lines,
    fresh_database,
    invoke,
    rows_of_every_table,
    runner,
    without_export_time,
)

Lines = list[str]


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Lines:
    """A valid dump of a curated SQLite database (self-references, keys, audit and all)."""
    folder = tmp_path_factory.mktemp("dump-source")
    with fresh_database("sqlite", folder) as url:
        build_rich_database(url)
        return export_lines(url, folder / "dump.jsonl")


@pytest.fixture(scope="module")
def postgres_target() -> Iterator[Engine]:
    with scratch_postgres_database("engagements_dump_errors") as url:
        engine = build_engine(url)
        migrate(engine)
        yield engine
        engine.dispose()


@pytest.fixture(params=KINDS)
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty migrated database of each kind."""
    yield from empty_database(request, tmp_path / "target.db", "postgres_target")


@pytest.fixture
def sqlite_target(tmp_path: Path) -> Iterator[Engine]:
    """For refusals made before the database is touched: one kind is enough."""
    engine = build_engine(f"sqlite:///{tmp_path / 'target.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def state(engine: Engine) -> tuple[dict[str, Any], dict[str, int]]:
    """Every row and every id allocator: equal states mean the import changed nothing."""
    with engine.connect() as connection:
        return rows_of_every_table(engine), sequences.last_ids(connection, Base.metadata.sorted_tables)


def write(path: Path, lines: Lines | bytes) -> Path:
    path.write_bytes(lines if isinstance(lines, bytes) else ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def import_file(engine: Engine, path: Path | str, *options: str) -> Result:
    return invoke(url_of(engine), "import", str(path), *options)


def assert_one_line_error(result: Result, exit_code: int, *fragments: str) -> str:
    assert result.exit_code == exit_code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), lines
    assert all(fragment in lines[0] for fragment in fragments), lines[0]
    assert "Traceback" not in result.output and result.stdout == ""
    return lines[0]


def edit_row(dump: Lines, table: str, change: Callable[[dict[str, Any]], None], which: int = 0) -> tuple[Lines, int]:
    """The dump with the `which`-th row of `table` changed, and that row's line number."""
    numbers = [n for n, line in enumerate(dump) if n and json.loads(line)["table"] == table]
    index = numbers[which]
    record = json.loads(dump[index])
    change(record["row"])
    return [*dump[:index], json.dumps(record), *dump[index + 1 :]], index + 1


def edit_header(dump: Lines, **changes: Any) -> Lines:
    return [json.dumps({**json.loads(dump[0]), **changes}), *dump[1:]]


# Refused before the database is touched ------------------------------------------------------


def test_a_missing_file(sqlite_target: Engine, tmp_path: Path) -> None:
    assert_one_line_error(import_file(sqlite_target, tmp_path / "nowhere.jsonl"), 1, "nowhere.jsonl: file not found")


def test_a_directory(sqlite_target: Engine, tmp_path: Path) -> None:
    assert_one_line_error(import_file(sqlite_target, tmp_path), 1, "is a directory")


def test_an_empty_file(sqlite_target: Engine, tmp_path: Path) -> None:
    assert_one_line_error(import_file(sqlite_target, write(tmp_path / "d.jsonl", b"")), 1, "empty file")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b'{"documents": []}\n', "not an engagements dump"),
        (b"[1, 2, 3]\n", "not an engagements dump"),
        (b"engagement,date\nstaff talks,2025\n", "line 1: not valid JSON"),
        (b'\xff\xfe{"format": "engagements-dump"}\n', "line 1: not valid UTF-8 (byte 1)"),
        (b'{"format": "engagements-dump", "version": 2, "schema_revision": "0002", "tables": {}, "last_ids": {}}\n',
         "format version 2 is newer than this engagements reads (1): upgrade engagements"),
        (b'{"format": "engagements-dump", "version": "1"}\n', "line 1: invalid format version"),
        (b'{"format": "engagements-dump", "version": 1, "schema_revision": "0002", "tables": []}\n',
         'line 1: "tables" must map table names to counts'),
    ],
)
def test_a_file_that_is_not_a_dump(sqlite_target: Engine, tmp_path: Path, content: bytes, fragment: str) -> None:
    assert_one_line_error(import_file(sqlite_target, write(tmp_path / "d.jsonl", content)), 1, fragment)


def test_a_dump_from_a_newer_schema_says_to_upgrade(sqlite_target: Engine, dump: Lines, tmp_path: Path) -> None:
    path = write(tmp_path / "d.jsonl", edit_header(dump, schema_revision="9999"))
    assert_one_line_error(import_file(sqlite_target, path), 1, "newer", "`engagements db upgrade`")


def test_a_dump_from_an_older_schema_is_refused_with_the_way_forward(sqlite_target: Engine, dump: Lines, tmp_path: Path) -> None:
    path = write(tmp_path / "d.jsonl", edit_header(dump, schema_revision="0001"))
    assert_one_line_error(import_file(sqlite_target, path), 1, "older", "release that made it", "`engagements db upgrade`")


def test_a_database_behind_the_dump_says_to_upgrade(dump: Lines, tmp_path: Path) -> None:
    engine = build_engine(f"sqlite:///{tmp_path / 'old.db'}")
    run_migration(engine, "upgrade", "0001")
    before = table_names(engine)
    result = import_file(engine, write(tmp_path / "d.jsonl", dump))
    assert_one_line_error(result, 2, "database is at schema revision 0001", "run `engagements db upgrade`")
    assert table_names(engine) == before
    engine.dispose()


def table_names(engine: Engine) -> list[str]:
    """The tables of a SQLite database (one at an old revision has no api_key table to count)."""
    with engine.connect() as connection:
        return sorted(row[0] for row in connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")))


def test_a_database_never_migrated(dump: Lines, tmp_path: Path) -> None:
    engine = build_engine(f"sqlite:///{tmp_path / 'blank.db'}")
    assert_one_line_error(import_file(engine, write(tmp_path / "d.jsonl", dump)), 2, "run `engagements db upgrade` first")
    engine.dispose()


# Refused line by line, inside the transaction: everything before is undone ---------------------


def _set(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda row: row.__setitem__(name, value)


def _drop(name: str) -> Callable[[dict[str, Any]], None]:
    return lambda row: row.pop(name)


@pytest.mark.parametrize(
    ("table", "change", "fragment"),
    [
        ("person", _set("nickname", "Pepe"), "unknown column nickname"),
        ("person", _drop("name_key"), "missing column name_key"),
        ("engagement", _set("edition", "sixth"), "column edition: expected an integer, got 'sixth'"),
        ("engagement", _set("version", True), "column version: expected an integer, got True"),
        ("engagement", _set("type", "party"), "column type: expected one of staff_talks"),
        ("engagement", _set("start_date", "May 20, 2021"), "column start_date: expected an ISO date"),
        ("person", _set("deleted_at", "yesterday"), "column deleted_at: expected an ISO 8601 moment"),
        ("location", _set("latitude", "12.0"), "column latitude: expected a number"),
        ("person", _set("name", 12), "column name: expected text, got 12"),
    ],
)
def test_a_row_that_does_not_fit_its_table(
    sqlite_target: Engine, dump: Lines, tmp_path: Path, table: str, change: Callable[[dict[str, Any]], None], fragment: str
) -> None:
    lines, number = edit_row(dump, table, change)
    before = state(sqlite_target)
    assert_one_line_error(import_file(sqlite_target, write(tmp_path / "d.jsonl", lines)), 1, f"line {number}: {table}: {fragment}")
    assert state(sqlite_target) == before


@pytest.mark.parametrize(
    ("replacement", "fragment"),
    [
        ('{"table": "person", "row": {"id": 1', "not valid JSON"),
        ('{"table": "person", "row": {"id": NaN}}', "not valid JSON: NaN is not a JSON value"),
        ('{"table": "person"}', 'expected {"table": "<name>", "row": {...}}'),
        ('{"table": "people", "row": {"id": 1}}', "unknown table 'people'"),
        ("", "empty line"),
    ],
)
def test_a_broken_line(sqlite_target: Engine, dump: Lines, tmp_path: Path, replacement: str, fragment: str) -> None:
    lines = [*dump[:5], replacement, *dump[6:]]
    assert_one_line_error(import_file(sqlite_target, write(tmp_path / "d.jsonl", lines)), 1, f"line 6: {fragment}")


def test_invalid_utf8_inside_the_file(sqlite_target: Engine, dump: Lines, tmp_path: Path) -> None:
    content = ("\n".join(dump[:3]) + "\n").encode() + b'{"table": "\xc3\x28"}\n'
    assert_one_line_error(import_file(sqlite_target, write(tmp_path / "d.jsonl", content)), 1, "line 4: not valid UTF-8 (byte 12)")


def test_a_broken_last_line_leaves_the_target_as_it_was(target: Engine, dump: Lines, tmp_path: Path) -> None:
    before = state(target)
    lines = [*dump[:-1], dump[-1][: len(dump[-1]) // 2]]
    result = import_file(target, write(tmp_path / "d.jsonl", lines))
    assert_one_line_error(result, 1, f"line {len(dump)}: not valid JSON")
    assert state(target) == before  # every row before the last line was inserted, and rolled back


def test_a_file_cut_short_is_refused(target: Engine, dump: Lines, tmp_path: Path) -> None:
    before = state(target)
    last_table = json.loads(dump[-1])["table"]
    result = import_file(target, write(tmp_path / "d.jsonl", dump[:-3]))
    assert_one_line_error(result, 1, "the dump ends early: the header promises", f"{last_table} rows")
    assert state(target) == before


def test_more_rows_than_the_header_promises(target: Engine, dump: Lines, tmp_path: Path) -> None:
    header = json.loads(dump[0])
    header["tables"]["evidence"] -= 1
    lines = [json.dumps(header), *dump[1:]]
    assert_one_line_error(import_file(target, write(tmp_path / "d.jsonl", lines)), 1, "more than the", "evidence")


@pytest.mark.parametrize(
    ("table", "change", "which", "fragment"),
    [
        ("participation", _set("person_id", 999_999), 0, "the database refused the row"),  # no such person
        ("evidence", _set("id", 1), 3, "the database refused the row"),  # a duplicate id, in the same batch
        ("engagement", _set("country_b", "AA"), 0, "the database refused the row"),  # CHECK country_a < country_b
        ("organization", lambda row: row.__setitem__("parent_id", row["id"]), 0, "the database refused the row"),  # own parent, 2nd pass
    ],
)
def test_a_row_the_database_refuses_is_named_by_its_line(
    target: Engine, dump: Lines, tmp_path: Path, table: str, change: Callable[[dict[str, Any]], None], which: int, fragment: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    lines, number = edit_row(dump, table, change, which)
    before = state(target)
    assert_one_line_error(import_file(target, write(tmp_path / "d.jsonl", lines)), 1, f"line {number}: {fragment}")
    assert state(target) == before
    # Nothing else on stderr either: psycopg warns when it drops the failed batch's pipeline.
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING] == []


# The target must be empty, unless --replace ---------------------------------------------------


def test_a_database_with_data_is_refused_unless_replace(target: Engine, dump: Lines, tmp_path: Path) -> None:
    path = write(tmp_path / "d.jsonl", dump)
    assert import_file(target, path).exit_code == 0
    restored = state(target)
    assert_one_line_error(import_file(target, path), 2, "the database is not empty", "--replace")
    assert state(target) == restored

    replaced = import_file(target, path, "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert f"replacing {len(dump) - 1} rows" in replaced.stderr
    assert without_export_time(export_lines(url_of(target), tmp_path / "again.jsonl")) == without_export_time(dump)


def test_a_failed_replace_keeps_the_old_data(target: Engine, dump: Lines, tmp_path: Path) -> None:
    assert import_file(target, write(tmp_path / "d.jsonl", dump)).exit_code == 0
    before = state(target)
    broken = write(tmp_path / "broken.jsonl", [*dump[:-1], "{"])
    assert_one_line_error(import_file(target, broken, "--replace"), 1, f"line {len(dump)}")
    assert state(target) == before


def test_standard_input_is_read_with_a_dash(target: Engine, dump: Lines) -> None:
    result = invoke(url_of(target), "import", "-", stdin=("\n".join(dump) + "\n").encode())
    assert result.exit_code == 0, result.output
    broken = invoke(url_of(target), "import", "-", "--replace", stdin=b"nonsense\n")
    assert_one_line_error(broken, 1, "standard input: line 1: not valid JSON")


# Export: the output file is whole or absent ---------------------------------------------------


def test_export_to_standard_output_is_the_same_dump(target: Engine, dump: Lines, tmp_path: Path) -> None:
    assert import_file(target, write(tmp_path / "d.jsonl", dump)).exit_code == 0
    result = invoke(url_of(target), "export")
    assert result.exit_code == 0, result.output
    assert without_export_time(result.stdout.splitlines()) == without_export_time(dump)


@pytest.mark.parametrize(("output", "fragment"), [("missing-folder/dump.jsonl", "no such file or directory"), (".", "is a directory")])
def test_export_to_an_impossible_place(sqlite_target: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str, fragment: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(invoke(url_of(sqlite_target), "export", "--output", output), 1, fragment)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["target.db", "target.db-shm", "target.db-wal"]


def test_export_of_an_unmigrated_database_writes_nothing(tmp_path: Path) -> None:
    output = tmp_path / "out" / "dump.jsonl"
    output.parent.mkdir()
    result = invoke(f"sqlite:///{tmp_path / 'blank.db'}", "export", "--output", str(output))
    assert_one_line_error(result, 2, "run `engagements db upgrade` first")
    assert list(output.parent.iterdir()) == []


def test_an_interrupted_write_keeps_the_previous_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text("the previous, complete dump\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), atomic_output(path) as handle:
        handle.write('{"format": "engagements-dump"}\n')
        raise KeyboardInterrupt
    assert path.read_text(encoding="utf-8") == "the previous, complete dump\n"
    assert [p.name for p in tmp_path.iterdir()] == ["dump.jsonl"]
    with atomic_output(path) as handle:
        handle.write("the new one\n")
    assert path.read_text(encoding="utf-8") == "the new one\n"
    assert [p.name for p in tmp_path.iterdir()] == ["dump.jsonl"] and path.stat().st_mode & 0o077 == 0


def test_both_commands_are_listed_in_the_help() -> None:
    listed = runner.invoke(cli, ["--help"])
    assert "export" in listed.output and "import" in listed.output
    assert "--replace" in runner.invoke(cli, ["import", "--help"]).output
