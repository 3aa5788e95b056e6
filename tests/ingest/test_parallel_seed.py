"""Seeding with extraction in worker processes: same database as one process, same failure rules.

`workers=2` (and 1) with the threshold lowered to one file, so a handful of articles take the
path `engagements seed` takes on a large batch (spawned workers, a window of extractions ahead
of the single loading process); `workers=0` extracts in the loading process.
"""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.db import build_engine, session_scope
from app.extraction.pipeline import extract
from app.extraction.records import ExtractionResult
from app.ingest import batches, seed
from app.ingest.seed import default_extractor, seed_paths
from app.models import Document, Evidence
from tests.databases import migrate

ROOT = Path(__file__).resolve().parents[2]
# The seeds and a few test articles: enough for several documents in flight at once.
ARTICLES = sorted([*(ROOT / "seeds" / "documents").glob("*.txt"), *sorted((ROOT / "tests" / "extraction" / "articles").glob("*.txt"))[:3]])
BROKEN_MARK = "THIS ARTICLE BREAKS THE EXTRACTOR"


def extract_or_break(text: str) -> ExtractionResult:
    """The pipeline, except on the marked article (module level: workers import it by name)."""
    if BROKEN_MARK in text:
        raise ValueError("extractor failed on purpose\nsecond line")
    return extract(text)


@pytest.fixture(autouse=True)
def parallel_from_one_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seed, "PARALLEL_MIN_FILES", 1)


def _corpus(folder: Path, extra: dict[str, str | bytes] | None = None) -> Path:
    folder.mkdir()
    for path in ARTICLES:
        shutil.copy(path, folder / path.name)
    for name, content in (extra or {}).items():
        target = folder / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return folder


def _contents(factory: sessionmaker[Session]) -> list[tuple[str, int, int]]:
    """(source_ref, id, evidence rows) per document, in id order."""
    with session_scope(factory) as session:
        documents = session.scalars(select(Document).order_by(Document.id)).all()
        counts = dict(session.execute(select(Evidence.document_id, func.count()).group_by(Evidence.document_id)).all())
        return [(d.source_ref, d.id, counts.get(d.id, 0)) for d in documents]


def test_parallel_seed_loads_in_file_order_and_matches_one_process(ingest_factory: sessionmaker[Session], tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "articles")
    parallel = seed_paths([folder], ingest_factory, default_extractor(), workers=2)
    assert (parallel.loaded, parallel.failed) == (len(ARTICLES), 0)
    loaded = _contents(ingest_factory)
    assert [name for name, _, _ in loaded] == sorted(path.name for path in ARTICLES)  # ids follow file order

    serial_engine = build_engine(f"sqlite:///{tmp_path / 'serial.db'}")
    migrate(serial_engine)
    serial_factory = sessionmaker(bind=serial_engine, expire_on_commit=False)
    try:
        serial = seed_paths([folder], serial_factory, default_extractor(), workers=0)
        assert serial.totals == parallel.totals
        assert [(n, e) for n, _, e in _contents(serial_factory)] == [(n, e) for n, _, e in loaded]
    finally:
        serial_engine.dispose()


def test_a_bad_file_and_a_failing_extraction_are_one_line_each_and_the_rest_load(
    ingest_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    folder = _corpus(tmp_path / "articles", {
        "0_binary.txt": b"\x00\x01 not text",
        "5_breaks.txt": f"WASHINGTON - {BROKEN_MARK}. Col. Ana Torres met her counterpart.",
        "zz_empty.txt": "   \n",
    })
    summary = seed_paths([folder], ingest_factory, extract_or_break, workers=2)
    assert summary.loaded == len(ARTICLES)
    reasons = dict(summary.failures)
    assert reasons == {
        str(folder / "0_binary.txt"): "binary file (contains NUL bytes)",
        str(folder / "5_breaks.txt"): "ValueError: extractor failed on purpose",
        str(folder / "zz_empty.txt"): "only whitespace, no text",
    }
    # A rerun skips what loaded, and reports the same failures again (one extraction process now).
    again = seed_paths([folder], ingest_factory, extract_or_break, workers=1)
    assert (again.loaded, again.skipped, sorted(dict(again.failures))) == (0, len(ARTICLES), sorted(reasons))


def test_a_database_fault_stops_the_parallel_seed(
    ingest_factory: sessionmaker[Session], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After two documents the database cannot be opened: the fault is raised, nothing else is tried."""
    monkeypatch.setattr(batches, "COMMIT_EVERY_SECONDS", 0)  # each document commits: a session each
    folder = _corpus(tmp_path / "articles")
    unreachable = create_engine(f"sqlite:///{tmp_path / 'no-such-directory' / 'gone.db'}")
    sessions: list[int] = []

    def factory() -> Session:
        sessions.append(1)
        # 1: the stored hashes; 2, 3: two documents; then the database is gone
        return ingest_factory() if len(sessions) <= 3 else Session(bind=unreachable)

    try:
        with pytest.raises(OperationalError):
            seed_paths([folder], factory, default_extractor(), workers=2)  # type: ignore[arg-type]
    finally:
        unreachable.dispose()
    assert len(sessions) == 4  # the first failing document stopped it
    assert [name for name, _, _ in _contents(ingest_factory)] == sorted(path.name for path in ARTICLES)[:2]


def test_a_seed_extracts_on_every_core_but_the_loaders(monkeypatch: pytest.MonkeyPatch) -> None:
    # The loading process is the slower stage: it keeps a core to itself; one core extracts inline.
    for cores, workers in ((1, 0), (2, 1), (8, 7)):
        monkeypatch.setattr(seed, "usable_cores", lambda cores=cores: cores)
        assert seed.default_workers() == workers
