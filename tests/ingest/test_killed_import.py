"""`engagements seed` killed with SIGKILL, then run again: never half a document, never a duplicate.

The real command runs as a subprocess over 40 articles (the seeds and their variants, see
`variants.py`) and is killed two ways, each several times on one database, run after run:
after K documents are committed (seen by polling the document count), and inside an open
write transaction: the process is frozen with SIGSTOP, the database confirms that the frozen
process holds one (PostgreSQL: its session has a transaction id, given at the first write;
SQLite: nobody else can BEGIN IMMEDIATE), then SIGKILL. After every kill the database must be
consistent: the documents present are exactly the first ones in load order, each with all its
evidence (as many rows as a clean run gives it), nothing dangling or unsupported. A final run
must then leave exactly what one clean, uninterrupted run leaves.
"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, func, select, text

from app.db import build_engine
from app.models import Base, Document
from tests.databases import migrate, scratch_postgres_database
from tests.ingest.database_state import (
    Fingerprint,
    consistency_problems,
    duplicates,
    fingerprint,
    own_evidence_counts,
    table_counts,
)
from tests.ingest.variants import write_corpus

KILLED_AFTER = (1, 20, 36)  # documents committed before each kill, one run after another
KILLS_INSIDE = 4  # kills inside an open write transaction, one after another on the same database
TIMEOUT = 120.0


@dataclass
class Scratch:
    """One database to seed again and again: `empty()` makes it empty and migrated."""

    url: str
    empty: Callable[[], None]
    writing: Callable[[str], bool]  # does the seeder called <name> hold an open write transaction now?


@dataclass(frozen=True)
class Reference:
    """What one clean, uninterrupted run leaves."""

    fingerprint: Fingerprint
    counts: dict[str, int]
    evidence: dict[str, int]  # source_ref -> the document's own evidence rows


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "articles")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def scratch(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scratch]:
    if request.param == "sqlite":
        yield _sqlite_scratch(tmp_path_factory.mktemp("killed") / "seed.db")
        return
    with scratch_postgres_database("engagements_killed") as url:
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        try:
            yield _postgres_scratch(url, admin)
        finally:
            admin.dispose()


@pytest.fixture(scope="module")
def reference(scratch: Scratch, corpus: list[Path]) -> Reference:
    scratch.empty()
    _run_to_completion(scratch, corpus)
    with _reading(scratch) as engine, engine.connect() as connection:
        assert consistency_problems(connection) == []
        state = Reference(fingerprint(connection), table_counts(connection), own_evidence_counts(connection))
    assert state.counts["document"] == len(corpus) and state.counts["engagement"] >= 30
    assert duplicates(state.fingerprint) == {}
    return state


def test_killed_after_some_documents_then_rerun_matches_one_clean_run(
    scratch: Scratch, corpus: list[Path], reference: Reference, record_property: Callable[[str, object], None]
) -> None:
    scratch.empty()
    committed_at_kills = []
    with _reading(scratch) as engine:
        for committed in KILLED_AFTER:
            with _seeding(scratch, corpus, "seed-between") as process:
                reached = _poll(process, lambda: _document_count(engine) >= committed)  # noqa: B023 (called at once)
                assert reached, f"the seed finished before {committed} documents were committed"
                process.kill()
                assert process.wait(TIMEOUT) == -signal.SIGKILL
            committed_at_kills.append(_assert_consistent(scratch, corpus, reference))
    assert all(loaded >= wanted for loaded, wanted in zip(committed_at_kills, KILLED_AFTER)), committed_at_kills
    _run_to_completion(scratch, corpus)
    _assert_matches(scratch, reference)
    record_property("documents_committed_at_kills", committed_at_kills)


def test_killed_inside_write_transactions_then_rerun_matches_one_clean_run(
    scratch: Scratch, corpus: list[Path], reference: Reference, record_property: Callable[[str, object], None]
) -> None:
    scratch.empty()
    choose = random.Random(20250505)
    committed_at_kills: list[int] = []
    for _ in range(3 * KILLS_INSIDE):
        if len(committed_at_kills) == KILLS_INSIDE:
            break
        if _kill_inside_a_write(scratch, corpus, skip=choose.randrange(5)):
            committed_at_kills.append(_assert_consistent(scratch, corpus, reference))
        else:  # the job finished before the chosen transaction came: check it, start again
            _assert_matches(scratch, reference)
            scratch.empty()
    assert len(committed_at_kills) == KILLS_INSIDE, committed_at_kills
    _run_to_completion(scratch, corpus)
    _assert_matches(scratch, reference)
    record_property("documents_committed_at_kills", committed_at_kills)


def _kill_inside_a_write(scratch: Scratch, corpus: list[Path], skip: int) -> bool:
    """Start the seed; SIGKILL it the (skip + 1)th time it is caught, frozen, inside a write transaction."""
    name = f"seed-{uuid.uuid4().hex[:8]}"
    caught = 0
    with _seeding(scratch, corpus, name) as process:
        while process.poll() is None:
            if scratch.writing(name):
                process.send_signal(signal.SIGSTOP)
                # Frozen: if the transaction is still open now, it can only end by the kill.
                frozen_inside = scratch.writing(name)
                if frozen_inside and caught == skip:
                    process.kill()
                    assert process.wait(TIMEOUT) == -signal.SIGKILL
                    return True
                process.send_signal(signal.SIGCONT)
                if frozen_inside:
                    caught += 1
                    _poll(process, lambda: not scratch.writing(name))  # let this one commit; count the next
            time.sleep(0.001)
        assert process.returncode == 0, process.communicate()
    return False


def _assert_consistent(scratch: Scratch, corpus: list[Path], reference: Reference) -> int:
    """The invariant after a kill; returns how many documents are loaded."""
    with _reading(scratch) as engine, engine.connect() as connection:
        assert consistency_problems(connection) == []
        present = own_evidence_counts(connection)
    names = [path.name for path in corpus]
    # Documents load in name order, one transaction each: what survives is a prefix, each one whole.
    assert sorted(present) == names[: len(present)]
    assert present == {name: reference.evidence[name] for name in present}
    return len(present)


def _assert_matches(scratch: Scratch, reference: Reference) -> None:
    with _reading(scratch) as engine, engine.connect() as connection:
        assert consistency_problems(connection) == []
        assert table_counts(connection) == reference.counts
        assert fingerprint(connection) == reference.fingerprint


@contextmanager
def _seeding(scratch: Scratch, corpus: list[Path], name: str) -> Iterator[subprocess.Popen[bytes]]:
    """`engagements seed` on the corpus, as a subprocess that is never left running (or stopped) after."""
    # PGAPPNAME names the seeder's PostgreSQL session, so it can be told from everyone else's.
    env = {**os.environ, "DATABASE_URL": scratch.url, "PGAPPNAME": name}
    command = [sys.executable, "-m", "app.cli", "seed", str(corpus[0].parent)]
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    with subprocess.Popen(command, env=env, cwd=corpus[0].parent.parent, **pipes) as process:  # waits on exit
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()


def _run_to_completion(scratch: Scratch, corpus: list[Path]) -> None:
    with _seeding(scratch, corpus, "seed-complete") as process:
        out, err = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 0, (out + err).decode()
    assert b"0 failed" in out


def _poll(process: subprocess.Popen[bytes], condition: Callable[[], bool]) -> bool:
    """Wait until `condition` holds (True) or the process exits first (False)."""
    deadline = time.monotonic() + TIMEOUT
    while process.poll() is None and time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.002)
    return False


def _document_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(Document)) or 0


class _reading:
    """An engine for the test's own reads, disposed after (a SQLite file must not stay open across `empty`)."""

    def __init__(self, scratch: Scratch) -> None:
        self.engine = build_engine(scratch.url)

    def __enter__(self) -> Engine:
        return self.engine

    def __exit__(self, *_: object) -> None:
        self.engine.dispose()


def _sqlite_scratch(path: Path) -> Scratch:
    url = f"sqlite:///{path}"

    def empty() -> None:
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        engine = build_engine(url)
        migrate(engine)
        engine.dispose()

    def writing(_name: str) -> bool:
        # Only a connection inside a write transaction can make BEGIN IMMEDIATE fail at once.
        probe = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc):
                raise
            return True
        finally:
            probe.close()

    return Scratch(url, empty, writing)


def _postgres_scratch(url: str, admin: Engine) -> Scratch:
    engine = build_engine(url)
    migrate(engine)
    engine.dispose()
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)

    def empty() -> None:
        with admin.connect() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))

    def writing(name: str) -> bool:
        # backend_xid is assigned at a transaction's first write; AUTOCOMMIT reads a fresh snapshot each time.
        statement = text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name AND backend_xid IS NOT NULL")
        with admin.connect() as connection:
            return bool(connection.scalar(statement, {"name": name}))

    return Scratch(url, empty, writing)
