"""Seed throughput: documents per second through extraction and loading, against a same-run baseline.

The corpus is generated (bench/corpus.py: ~2,600-character articles, dozens of country
pairs, deterministic for a seed) and written to a temporary directory; `measure` migrates the
database, then seeds the directory through `seed_paths` with the settings `engagements seed`
uses (the same function, the same extraction workers, one savepoint per document, then
the cross-document checks). The baseline is the cheapest pass over the same files with
the same database: read every file, split it into words and INSERT its document row
(one executemany in one transaction, rolled back), so the ratio says what extraction and
loading add to merely reading and storing the text, independent of the machine's speed.

    python bench/seed_throughput.py [--articles 10000] [--seed 7] [--database-url URL]

Without --database-url it measures a scratch SQLite file, and PostgreSQL too when
BENCH_POSTGRES_URL (default: the test server) answers, in a scratch database dropped afterwards.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from sqlalchemy import Engine, create_engine, func, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.orm import sessionmaker  # noqa: E402

from app.db import build_engine  # noqa: E402
from app.ingest.seed import default_extractor, default_workers, seed_paths, usable_cores  # noqa: E402
from app.models import Document  # noqa: E402
from bench import corpus  # noqa: E402

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
RESULTS = ROOT / "bench" / "results" / "seed_throughput.json"
WORD = re.compile(r"\w+")


def measure(database_url: str, articles: int = 10_000, seed: int = 7) -> dict[str, Any]:
    """Seed `articles` generated articles into the database at `database_url` (migrated here); figures as a dict.

    The database should hold no documents of the generated names (they would be skipped as
    unchanged): an empty database, or one filled by other means.
    """
    engine = build_engine(database_url)
    try:
        _migrate(engine)
        with tempfile.TemporaryDirectory(prefix="seed-corpus-") as folder:
            paths = corpus.write(Path(folder), articles, seed)
            characters = sum(path.stat().st_size for path in paths)
            baseline = _baseline(engine, paths)
            factory = sessionmaker(bind=engine, expire_on_commit=False)
            with engine.connect() as connection:
                before = connection.scalar(select(func.count()).select_from(Document))
            workers = default_workers()
            before_cpu, started = os.times(), time.perf_counter()
            summary = seed_paths([Path(folder)], factory, default_extractor(), workers=workers)
            seconds, after_cpu = time.perf_counter() - started, os.times()
    finally:
        engine.dispose()
    # CPU time: this process (reading, loading, the database driver; SQLite runs in-process) and
    # the extraction workers (its children, counted once they exit). PostgreSQL's own is not counted.
    loader_cpu = (after_cpu.user + after_cpu.system) - (before_cpu.user + before_cpu.system)
    workers_cpu = (after_cpu.children_user + after_cpu.children_system) - (before_cpu.children_user + before_cpu.children_system)
    rate = articles / seconds
    cores = usable_cores()
    per_document = (loader_cpu + workers_cpu) / articles
    return {
        "database": make_url(database_url).get_backend_name(),
        "articles": articles,
        "seed": seed,
        "mean_bytes": round(characters / articles),
        "documents_before": before,
        "loaded": summary.loaded,
        "skipped": summary.skipped,
        "failed": summary.failed,
        "extraction_workers": workers,
        "seconds": round(seconds, 2),
        "documents_per_second": round(rate, 1),
        "baseline_seconds": round(baseline, 3),
        "baseline_documents_per_second": round(articles / baseline, 1),
        "ratio_seed_to_baseline": round(seconds / baseline, 1),
        "loader_cpu_ms_per_document": round(loader_cpu / articles * 1000, 2),
        "extraction_workers_cpu_ms_per_document": round(workers_cpu / articles * 1000, 2),
        # What the CPU time allows on otherwise idle cores: the loader is one process, and
        # every document's CPU shares the cores. Measured seconds count others' load too.
        "idle_machine_documents_per_second": round(min(articles / loader_cpu, cores / per_document), 1),
        "load_average_at_end": round(os.getloadavg()[0], 2),
        "database_rows": summary.totals,
        "cores": cores,
        "machine": f"{platform.machine()} {platform.python_implementation()} {platform.python_version()}",
    }


def _baseline(engine: Engine, paths: list[Path]) -> float:
    """Seconds to read, tokenise and INSERT every document row (rolled back: nothing stays)."""
    started = time.perf_counter()
    rows = []
    for path in paths:
        body = path.read_text(encoding="utf-8")
        WORD.findall(body)
        rows.append({"source_ref": f"baseline-{path.name}", "sha256": hashlib.sha256(body.encode()).hexdigest(), "text": body})
    with engine.connect() as connection:
        transaction = connection.begin()
        connection.execute(insert(Document), rows)
        seconds = time.perf_counter() - started
        transaction.rollback()
    return seconds


def _migrate(engine: Engine) -> None:
    alembic = Config(str(ROOT / "alembic.ini"))
    alembic.set_main_option("script_location", str(ROOT / "migrations"))
    alembic.attributes["configure_logger"] = False
    with engine.begin() as connection:
        alembic.attributes["connection"] = connection
        command.upgrade(alembic, "head")


@contextmanager
def scratch_postgres() -> Iterator[str | None]:
    """A fresh PostgreSQL database's URL (dropped afterwards), or None when no server answers."""
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    name = f"bench_seed_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # no server: measure SQLite only
        print(f"PostgreSQL skipped: {exc.__class__.__name__}", file=sys.stderr)
        admin.dispose()
        yield None
        return
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", help="measure this database only (it is migrated; use an empty one)")
    args = parser.parse_args()
    results: list[dict[str, Any]] = []
    if args.database_url:
        results.append(measure(args.database_url, args.articles, args.seed))
    else:
        with tempfile.TemporaryDirectory(prefix="seed-bench-") as folder:
            results.append(measure(f"sqlite:///{Path(folder) / 'bench.db'}", args.articles, args.seed))
        with scratch_postgres() as url:
            if url is not None:
                results.append(measure(url, args.articles, args.seed))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    for result in results:
        print(f"{result['database']}: {result['documents_per_second']} documents/s ({result['articles']} articles in {result['seconds']} s,"
              f" {result['failed']} failed, {result['extraction_workers']} extraction workers); baseline"
              f" {result['baseline_documents_per_second']} documents/s; seeding costs {result['ratio_seed_to_baseline']}x the baseline")


if __name__ == "__main__":
    main()
