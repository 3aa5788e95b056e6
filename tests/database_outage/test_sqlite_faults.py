"""SQLite when the file misbehaves: locked by another writer, read-only, full, unopenable; 503s with reasons, then recovery.

Every fault is SQLite's own (a real lock held by another connection, a real read-only
open, a real page limit reached mid-transaction, a path that cannot be a file), met by the
app's own engine and sessions.
"""

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from app import db
from app.db import build_engine
from tests.database_outage.service import Service, assert_health_unavailable, assert_unavailable, editor_key, service_at
from tests.databases import migrate

ARTICLE = """Ghana, Germany Navies Hold First Staff Talks

ACCRA, Ghana – The Ghana Navy and the German Navy held their first navy staff talks in Accra on March 3, 2026.

Rear Adm. Issah Adam Yakubu, chief of the naval staff of Ghana, met Vice Adm. Jan Christian Kaack, chief of the German Navy.
"""
TABLES = ("document", "evidence", "engagement", "person", "audit_entry")


def migrate_file(path: Path) -> None:
    engine = build_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "faults.db"
    migrate_file(path)
    return path


def row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


@pytest.fixture
def service(database: Path) -> Iterator[Service]:
    with service_at(f"sqlite:///{database}?timeout=0.5") as running:
        yield running


def test_a_writer_holding_the_lock_past_the_busy_timeout_makes_writes_503_while_reads_go_on(service: Service, database: Path) -> None:
    assert service.create_engagement("Before the lock").status_code == 201
    other = sqlite3.connect(database, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process's long write transaction
        other.execute("DELETE FROM engagement")

        response, seconds = service.timed("POST", "/engagements", json={"title": "Blocked", "type": "meeting", "countries": ["DE", "GH"]}, headers=service.editor)
        assert_unavailable(response, "locked", seconds)
        assert response.headers["Retry-After"] == "1"
        # WAL: readers read the last committed state while the lock is held.
        listed = service.client.get("/engagements")
        assert listed.status_code == 200 and [item["title"] for item in listed.json()["items"]] == ["Before the lock"]
        assert service.client.get("/health").json() == {"status": "ok", "database": "sqlite"}
    finally:
        other.execute("ROLLBACK")
        other.close()

    assert service.create_engagement("After the lock").status_code == 201


def test_a_read_only_database_serves_reads_and_answers_writes_503(database: Path) -> None:
    editor = editor_key(f"sqlite:///{database}")
    with service_at(f"sqlite:///{database}", editor) as writable:
        assert writable.create_engagement("Written before").status_code == 201
    before = row_counts(database)

    # As an operator serves a snapshot; and as root, whom file permissions do not stop.
    with service_at(f"sqlite:///file:{database}?mode=ro&uri=true", editor) as service:
        assert [item["title"] for item in service.client.get("/engagements").json()["items"]] == ["Written before"]
        assert service.client.get("/health").json() == {"status": "ok", "database": "sqlite"}
        assert_unavailable(service.create_engagement("Refused"), "read_only")
        assert_unavailable(service.client.post("/documents", json={"text": ARTICLE}, headers=editor), "read_only")
    assert row_counts(database) == before


def test_a_disk_that_fills_up_mid_write_leaves_nothing_half_written(tmp_path: Path) -> None:
    # Small pages, so the rows of one article need new pages as they are written.
    path = tmp_path / "small-pages.db"
    with sqlite3.connect(path) as creating:
        creating.execute("PRAGMA page_size=512")
        creating.execute("VACUUM")
    migrate_file(path)
    with sqlite3.connect(path) as compacting:
        compacting.execute("VACUUM")  # no free pages left over by the migrations: every new page grows the file
        assert compacting.execute("PRAGMA freelist_count").fetchone()[0] == 0
    before = row_counts(path)
    inserts = 0

    def disk_full_after_the_first_insert(connection, cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        # From the second INSERT on the file may not grow: SQLite's own "database or disk is full".
        nonlocal inserts
        if statement.lstrip().upper().startswith("INSERT"):
            inserts += 1
            if inserts == 2:
                pages = cursor.connection.execute("PRAGMA page_count").fetchone()[0]
                cursor.connection.execute(f"PRAGMA max_page_count={pages}")

    with service_at(f"sqlite:///{path}") as service:
        engine = db.get_engine()
        event.listen(engine, "before_cursor_execute", disk_full_after_the_first_insert)
        try:
            response = service.client.post("/documents", json={"text": ARTICLE, "title": "Staff talks"}, headers=service.editor)
        finally:
            event.remove(engine, "before_cursor_execute", disk_full_after_the_first_insert)

        assert_unavailable(response, "disk_full")
        assert inserts >= 3  # rows were written before the disk filled: the failure was mid-transaction
        assert row_counts(path) == before

        engine.dispose()  # the limit lives on the connection; a new one has room again
        again = service.client.post("/documents", json={"text": ARTICLE, "title": "Staff talks"}, headers=service.editor)
        assert again.status_code == 201, again.text
        assert all(count > before[table] for table, count in row_counts(path).items()), row_counts(path)


def test_a_database_file_that_cannot_be_opened_is_a_503_until_it_can(tmp_path: Path, database: Path) -> None:
    folder = tmp_path / "data"
    folder.write_text("a file where the database's directory should be")
    path = folder / "engagements.db"
    with service_at(f"sqlite:///{path}", editor={}) as service:
        assert_unavailable(service.client.get("/engagements"), "cannot_open")
        assert_health_unavailable(service.client.get("/health"), "cannot_open", "sqlite")

        folder.unlink()
        folder.mkdir()
        path.write_bytes(database.read_bytes())  # the operator puts the database back
        assert service.client.get("/engagements").status_code == 200
        assert service.client.get("/health").json() == {"status": "ok", "database": "sqlite"}
