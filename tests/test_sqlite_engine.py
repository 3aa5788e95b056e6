"""SQLite as the app configures it: WAL, a busy timeout, and readers and writers that never see "locked".

WAL lets readers read while one writer writes; the busy timeout makes a second writer wait
for the first. These tests run real threads against a real file, counting operations and
errors rather than timing anything.
"""

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.auth import service as key_service
from app.db import build_engine, get_engine, get_sessionmaker, session_scope
from app.ingest.seed import default_extractor, seed_paths
from app.main import create_app
from app.models.enums import Role
from tests.databases import migrate, reset_cached_settings
from tests.ingest.variants import write_corpus

READERS = 4
READS = ("/engagements?limit=50", "/documents?limit=20", "/participants?limit=50", "/locations")


@pytest.fixture
def sqlite_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """DATABASE_URL at a migrated SQLite file, so the app's own engine and sessions are used."""
    url = f"sqlite:///{tmp_path / 'wal.db'}"
    engine = build_engine(url)
    migrate(engine)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    reset_cached_settings()
    yield url
    get_engine().dispose()
    reset_cached_settings()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    write_corpus(tmp_path / "articles")
    return tmp_path / "articles"


def test_a_file_database_is_in_wal_mode_with_a_busy_timeout(sqlite_file: str) -> None:
    engine = build_engine(sqlite_file)
    with engine.connect() as connection:
        pragmas = {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in ("journal_mode", "busy_timeout", "foreign_keys", "synchronous")}
    engine.dispose()
    assert pragmas == {"journal_mode": "wal", "busy_timeout": 15000, "foreign_keys": 1, "synchronous": 1}  # 1: NORMAL


def test_the_pool_hands_out_the_connection_used_last_whose_cache_is_warm(sqlite_file: str) -> None:
    engine = build_engine(sqlite_file)
    first, second = engine.connect(), engine.connect()
    first_id, second_id = id(first.connection.dbapi_connection), id(second.connection.dbapi_connection)
    first.close()
    second.close()  # returned last
    with engine.connect() as again:
        assert id(again.connection.dbapi_connection) == second_id != first_id
    engine.dispose()


def test_an_in_memory_database_cannot_use_wal_but_still_connects() -> None:
    engine = build_engine("sqlite://")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "memory"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_readers_never_fail_while_the_seed_writes(sqlite_file: str, corpus: Path) -> None:
    failures: list[str] = []
    summaries = []

    def write() -> None:
        # Every article loaded, then every one re-extracted: 80 write transactions.
        for force in (False, True):
            summaries.append(seed_paths([corpus], get_sessionmaker(), default_extractor(), force=force))

    reads = _while_running(write, _api_reader(failures))
    assert failures == []
    assert [s.failures for s in summaries] == [[], []]
    assert [(s.loaded, s.replaced) for s in summaries] == [(40, 0), (0, 40)]
    assert len(reads) == READERS and all(n > 0 for n in reads), reads


def test_the_seed_waits_for_another_writer_instead_of_failing(sqlite_file: str, corpus: Path) -> None:
    """The seed next to the API's writes: each side queues for the write lock, nobody gets "database is locked"."""
    summaries = []
    failures: list[str] = []

    def other_writer(index: int, ready: threading.Barrier, stop: threading.Event) -> int:
        written = 0
        ready.wait()
        while not stop.is_set():
            try:
                with session_scope(write=True) as session:
                    key_service.create(session, f"concurrent-{index}-{written}", Role.reader)
                    stop.wait(0.005)  # hold the write lock a moment, as a slow request would
                written += 1
                # A pause between requests: SQLite's busy wait polls rather than queues, so a
                # writer that never lets go would starve the others whatever the timeout.
                stop.wait(0.01)
            except Exception as exc:
                failures.append(f"{exc.__class__.__name__}: {exc}")
                return written
        return written

    writes = _while_running(lambda: summaries.append(seed_paths([corpus], get_sessionmaker(), default_extractor())), other_writer, threads=1)
    assert failures == []
    assert summaries[0].failures == [] and summaries[0].loaded == 40
    assert all(n > 0 for n in writes), writes


def _api_reader(failures: list[str]) -> "Worker":
    def read(index: int, ready: threading.Barrier, stop: threading.Event) -> int:
        done = 0
        with TestClient(create_app(), raise_server_exceptions=False) as client:
            ready.wait()
            while not stop.is_set():
                path = READS[(index + done) % len(READS)]
                try:
                    response = client.get(path)
                except Exception as exc:
                    failures.append(f"{path}: {exc.__class__.__name__}: {exc}")
                    return done
                if response.status_code != 200:
                    failures.append(f"{path}: {response.status_code} {response.text[:200]}")
                done += 1
        return done

    return read


Worker = Callable[[int, threading.Barrier, threading.Event], int]


def _while_running(main: Callable[[], object], worker: Worker, threads: int = READERS) -> list[int]:
    """Run `threads` workers for as long as `main` runs in this thread; what each worker returned.

    `main` starts once every worker is ready, so they overlap it from its first write to its last.
    """
    ready, stop = threading.Barrier(threads + 1, timeout=60), threading.Event()
    results: list[int] = [0] * threads

    def run(index: int) -> None:
        results[index] = worker(index, ready, stop)

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for thread in workers:
        thread.start()
    try:
        ready.wait()
        main()
    finally:
        stop.set()
        for thread in workers:
            thread.join(timeout=60)
    return results
