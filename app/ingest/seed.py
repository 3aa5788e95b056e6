"""Seeding: extract and load many files, one transaction per document, then the cross-document checks.

Heuristic: a file whose source_ref (file name) is stored with the same sha256 is skipped
before extraction, so a rerun costs one read and one hash per file (`force` re-extracts it
anyway, for a changed extractor: provenance keeps its rows and ids); anything else is
extracted and loaded inside its own session, committed on success and rolled back on any
error, so a failing document leaves nothing behind and the others still load. The same holds
for a kill at any moment: the document in flight never commits, and a rerun skips the ones
that did (tests/ingest/test_killed_import.py kills the real command to check it).
Known failure: two files with the same name in different directories are one source_ref:
the later one replaces the earlier.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.config import get_settings
from app.database_faults import database_fault
from app.db import session_scope
from app.extraction.records import ExtractionResult
from app.ingest import repository
from app.ingest.consistency import recompute_warnings
from app.ingest.load import Outcome, load_document, sha256_of
from app.ingest.sources import BadInput, discover, read_source
from app.models import Document

Extract = Callable[[str], ExtractionResult]


class ExtractorUnavailable(Exception):
    """The extraction pipeline cannot be imported."""


@dataclass
class SeedSummary:
    loaded: int = 0
    replaced: int = 0
    skipped: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, one-line reason)
    totals: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    forced: bool = False  # unchanged documents were re-extracted, so they count as replaced

    @property
    def failed(self) -> int:
        return len(self.failures)

    def lines(self) -> list[str]:
        """A human summary: what happened to the documents, then what the database holds."""
        processed = self.loaded + self.replaced + self.skipped + self.failed
        rate = processed / self.seconds if self.seconds > 0 else 0.0
        counts = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in self.totals.items())
        return [
            f"documents: {self.loaded} loaded, {self.replaced} {'re-extracted' if self.forced else 'replaced'},"
            f" {self.skipped} skipped, {self.failed} failed ({self.seconds:.2f}s, {rate:.0f}/s)",
            f"database: {counts}",
        ]


def default_extractor() -> Extract:
    """The extraction pipeline's `extract`, imported late so ingest works without it in tests."""
    try:
        from app.extraction.pipeline import extract
    except ImportError as exc:
        raise ExtractorUnavailable(f"the extractor cannot be imported: {exc}") from None
    return extract


def seed_paths(
    paths: list[Path],
    factory: sessionmaker[Session],
    extract: Extract,
    progress: Callable[[str], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    *,
    force: bool = False,
    max_bytes: int | None = None,
) -> SeedSummary:
    """Load every document the paths name, each in its own transaction, then recompute warnings.

    Files over `max_bytes` (default: the API's body limit) fail like any other bad file.
    """
    started = time.perf_counter()
    limit = max_bytes if max_bytes is not None else get_settings().max_body_bytes
    summary = SeedSummary(forced=force)
    files, problems = discover(paths)
    summary.failures += [(str(path), reason) for path, reason in problems]
    with session_scope(factory) as session:
        stored = {ref: sha for ref, sha in session.execute(select(Document.source_ref, Document.sha256))}
    if on_start is not None:
        on_start(len(files))
    for path in files:
        try:
            source = read_source(path, limit)
            if not force and stored.get(source.source_ref) == sha256_of(source.text):
                outcome = Outcome.skipped
            else:
                result = extract(source.text)
                # Write intent: on SQLite the write lock is taken at BEGIN and waited for, so
                # another writer (the API) makes this wait instead of failing "database is locked".
                with session_scope(factory, write=True) as session:
                    outcome = load_document(session, source.source_ref, source.text, result, force=force)
                stored[source.source_ref] = sha256_of(source.text)
            summary.loaded += outcome is Outcome.loaded
            summary.replaced += outcome is Outcome.replaced
            summary.skipped += outcome is Outcome.skipped
        except Exception as exc:  # one bad document must not stop the others...
            if database_fault(exc) is not None:
                raise  # ...but a database that went away fails every one after it: stop now
            summary.failures.append((str(path), describe(exc)))
        if progress is not None:
            progress(path.name)
    try:
        with session_scope(factory, write=True) as session:
            recompute_warnings(session)
    except SQLAlchemyError as exc:
        summary.failures.append(("cross-document checks", describe(exc)))
    with session_scope(factory) as session:
        summary.totals = repository.count_rows(session)
    summary.seconds = time.perf_counter() - started
    return summary


def describe(exc: BaseException) -> str:
    """One line: the database's own message for database errors, else the exception's."""
    if isinstance(exc, BadInput):
        return str(exc)
    detail = getattr(exc, "orig", None) or exc
    lines = str(detail).strip().splitlines()
    return f"{exc.__class__.__name__}: {lines[0] if lines else 'no details'}"
