"""SQLite's quote index keyed by engagement (migration 0010): a row's rowid is
`(engagement_id << 32) + evidence_id`, written for the rows already there, kept exact by the
triggers whoever writes, and read by the search without a lookup in `evidence`."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import build_engine
from tests.databases import run_migration
from tests.factories import make_document, make_engagement, make_evidence, make_location
from tests.searching import engagements_found

# What the index must hold: one row per quote that supports an engagement, under its key.
EXPECTED_KEYS = "SELECT (engagement_id << 32) + id FROM evidence WHERE engagement_id IS NOT NULL"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = build_engine(f"sqlite:///{tmp_path / 'keys.db'}")
    yield engine
    engine.dispose()


def _fill(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        talks = make_engagement(session, title="Army Staff Talks")
        other = make_engagement(session, title="Bilateral meeting", countries=("KE", "US"))
        document = make_document(session, text="Officers discussed counternarcotics cooperation. Unrelated wolverine.")
        start = document.text.index("counternarcotics")
        quote = make_evidence(session, document, start, start + 16, engagement_id=other.id)
        start = document.text.index("wolverine")
        place = make_location(session)
        unindexed = make_evidence(session, document, start, start + 9, location_id=place.id)  # supports no engagement
        session.commit()
        return {"talks": talks.id, "other": other.id, "place": place.id, "quote": quote.id, "unindexed": unindexed.id}


def _keys(connection: Connection) -> set[int]:
    # A contentless FTS5 table still lists its rowids.
    return set(connection.execute(text("SELECT rowid FROM evidence_search")).scalars())


def _expected(connection: Connection) -> set[int]:
    return set(connection.execute(text(EXPECTED_KEYS)).scalars())


def _copy_row(connection: Connection, table: str, source_id: int, new_id: int, **changes: str) -> None:
    """Write a copy of a row under an id of our choosing, as a restore or another tool may."""
    columns = [row[1] for row in connection.exec_driver_sql(f"PRAGMA table_info({table})") if row[1] != "id"]
    values = [f":{name}" if name in changes else name for name in columns]
    connection.execute(
        text(f"INSERT INTO {table} (id, {', '.join(columns)}) SELECT :new_id, {', '.join(values)} FROM {table} WHERE id = :source_id"),
        {"new_id": new_id, "source_id": source_id, **changes},
    )


def test_upgrade_keys_existing_quotes_by_engagement_and_downgrade_keys_them_by_evidence(engine: Engine) -> None:
    run_migration(engine, "upgrade", "head")
    made = _fill(engine)
    run_migration(engine, "downgrade", "0009")
    with engine.connect() as connection:
        assert _keys(connection) == {made["quote"]}  # migration 0003's key: the evidence id
        assert connection.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'ix_evidence_id_engagement'")).scalar() == 1
    run_migration(engine, "upgrade", "head")
    with engine.connect() as connection:
        assert _keys(connection) == {(made["other"] << 32) + made["quote"]}
        assert connection.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'ix_evidence_id_engagement'")).scalar() == 0
    assert engagements_found(engine, "counternarc") == {made["other"]}
    assert engagements_found(engine, "wolverine") == set()
    assert engagements_found(engine, "staff talks") == {made["talks"]}


def test_keys_follow_writes_that_bypass_the_application(engine: Engine) -> None:
    run_migration(engine, "upgrade", "head")
    made = _fill(engine)
    with engine.begin() as connection:
        # Evidence moved to another engagement, and evidence moved onto one.
        connection.execute(text("UPDATE evidence SET engagement_id = :talks WHERE id = :quote"), made)
        connection.execute(text("UPDATE evidence SET engagement_id = :other, location_id = NULL WHERE id = :unindexed"), made)
        assert _keys(connection) == _expected(connection) == {
            (made["talks"] << 32) + made["quote"], (made["other"] << 32) + made["unindexed"],
        }
    assert engagements_found(engine, "counternarcotics") == {made["talks"]}
    assert engagements_found(engine, "wolverine") == {made["other"]}
    with engine.begin() as connection:
        # A hard delete of an engagement takes its evidence by cascade, and the cascade its keys.
        connection.execute(text("DELETE FROM engagement WHERE id = :talks"), made)
        assert _keys(connection) == _expected(connection) == {(made["other"] << 32) + made["unindexed"]}
        # An engagement given the deleted one's id (a restore writes ids) inherits nothing.
        _copy_row(connection, "engagement", made["other"], made["talks"], title="Harbour dialogue")
    assert engagements_found(engine, "counternarcotics") == set()
    assert engagements_found(engine, "harbour") == {made["talks"]}


def test_an_evidence_id_too_large_for_the_key_is_refused_and_nothing_is_written(engine: Engine) -> None:
    run_migration(engine, "upgrade", "head")
    made = _fill(engine)
    with pytest.raises(IntegrityError, match="do not fit the search index"), engine.begin() as connection:
        _copy_row(connection, "evidence", made["quote"], 2**32)
    with engine.begin() as connection:
        assert connection.execute(text("SELECT count(*) FROM evidence")).scalar() == 2
        _copy_row(connection, "evidence", made["quote"], 2**32 - 1)  # the largest that fits
        assert _keys(connection) == _expected(connection)
        assert len(_keys(connection)) == 2
