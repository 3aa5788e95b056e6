"""Seeding: extract and load many files, one savepoint per document, then the cross-document checks.

Heuristic: a file whose source_ref (file name) is stored with the same sha256 is skipped
before extraction, so a rerun costs one read and one hash per file (`force` re-extracts it
anyway, for a changed extractor: provenance keeps its rows and ids); anything else is
extracted and loaded inside a SAVEPOINT of its own, released on success and rolled back on any
error, so a failing document leaves nothing behind and the others still load. Documents are
committed in batches about half a second long (app/ingest/batches.py). A kill at any moment
loses the batch not yet committed and nothing else, and a rerun skips the documents that
committed (tests/ingest/test_killed_import.py kills the real command to check it).
With `workers` >= 1 (what `engagements seed` asks for on a large batch) the pure extraction
runs in that many worker processes, a bounded window ahead of the one loading process;
results are still loaded one by one, in file order, each in its own savepoint, so every
guarantee above holds: the workers never touch the database, and a kill loses at most
extractions nobody committed.
Known failure: two files with the same name in different directories are one source_ref:
the later one replaces the earlier.
"""

import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
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
from app.ingest.batches import Batches
from app.ingest.consistency import recompute_warnings
from app.ingest.extract_workers import extraction_pool
from app.ingest.known import Known
from app.ingest.load import Outcome, load_document, sha256_of
from app.ingest.sources import BadInput, Source, discover, read_source
from app.models import Document

Extract = Callable[[str], ExtractionResult]
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 32
# Extractions queued per worker ahead of the loader: enough to never starve it, little memory.
AHEAD_PER_WORKER = 8


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


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def default_workers() -> int:
    """Extraction processes for a large seed: one per core but the loading process's own.

    The loader is one process and the slower stage (bench/seed_throughput.py): with as many
    extraction processes as cores it shared a core with them, and on 2 cores one extraction
    process seeded 327 documents/s where two seeded 305. One core: extraction runs inline.
    """
    return usable_cores() - 1


def seed_paths(
    paths: list[Path],
    factory: sessionmaker[Session],
    extract: Extract,
    progress: Callable[[str], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    *,
    force: bool = False,
    max_bytes: int | None = None,
    workers: int = 0,
) -> SeedSummary:
    """Load every document the paths name, each in its own savepoint, then recompute warnings.

    Files over `max_bytes` (default: the API's body limit) fail like any other bad file.
    `workers` >= 1 extracts in that many processes beside this one (`extract` must then be
    picklable, as the pipeline's function is) when there are at least PARALLEL_MIN_FILES
    files; 0 extracts in this process.
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

    def prepare(path: Path) -> tuple[Source, bool]:
        source = read_source(path, limit)
        return source, not force and stored.get(source.source_ref) == sha256_of(source.text)

    known = Known()
    parallel = workers if len(files) >= PARALLEL_MIN_FILES else 0
    with extraction_pool(extract, parallel) as submit, Batches(factory) as batches:
        for path, work in _ahead(files, prepare, submit, parallel * AHEAD_PER_WORKER):
            try:
                source, skip, result = work()
                if skip:
                    outcome = Outcome.skipped
                else:
                    # `stored` and `known` hold what the batch's transaction sees: this process is the only writer.
                    new = source.source_ref not in stored
                    with known.document(), batches.document() as session:
                        outcome = load_document(session, source.source_ref, source.text, result, force=force, new=new, known=known)
                    stored[source.source_ref] = sha256_of(source.text)
                summary.loaded += outcome is Outcome.loaded
                summary.replaced += outcome is Outcome.replaced
                summary.skipped += outcome is Outcome.skipped
            except BrokenProcessPool as exc:  # a worker died (killed, out of memory): all later ones fail too
                raise ExtractorUnavailable(f"an extraction worker died: {exc}") from None
            except Exception as exc:  # one bad document must not stop the others...
                if database_fault(exc) is not None:
                    raise  # ...but a database that went away fails every one after it: stop now
                summary.failures.append((str(path), describe(exc)))
            batches.commit_if_due()  # outside the try: a failed COMMIT loses the batch, so it stops the seed
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


Work = Callable[[], tuple[Source, bool, ExtractionResult | None]]  # (source, skip, extraction); raises what failed
Submit = Callable[[str], Callable[[], ExtractionResult]]


def _ahead(
    files: list[Path], prepare: Callable[[Path], tuple[Source, bool]], submit: Submit, window: int
) -> Iterator[tuple[Path, Work]]:
    """Each file with its work, in order; extraction is submitted up to `window` files ahead of the consumer."""
    pending: deque[tuple[Path, Work]] = deque()
    for path in files:
        pending.append((path, _work(path, prepare, submit)))
        if len(pending) >= window:
            yield pending.popleft()
    while pending:
        yield pending.popleft()


def _work(path: Path, prepare: Callable[[Path], tuple[Source, bool]], submit: Submit) -> Work:
    try:
        source, skip = prepare(path)
    except BadInput as exc:
        error = exc  # reported in order, when the loader reaches this file

        def failed() -> tuple[Source, bool, ExtractionResult | None]:
            raise error

        return failed
    if skip:
        return lambda: (source, True, None)
    result = submit(source.text)
    return lambda: (source, False, result())


def describe(exc: BaseException) -> str:
    """One line: the database's own message for database errors, else the exception's."""
    if isinstance(exc, BadInput):
        return str(exc)
    detail = getattr(exc, "orig", None) or exc
    lines = str(detail).strip().splitlines()
    return f"{exc.__class__.__name__}: {lines[0] if lines else 'no details'}"
