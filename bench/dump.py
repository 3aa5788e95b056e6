"""`engagements export` / `import` throughput on a synthetic database, against baselines measured in the same run.

The database has about 50,000 rows spread over every table like a grown one (evidence and
participations the most, a few long article texts). Baselines are the cheapest way to move
the same rows with SQLAlchemy: a plain `SELECT *` of every table for export, and a plain
executemany INSERT of the already-decoded rows for import. The ratios say what the dump
adds (JSON, checks, savepoints, the allocators), independent of the machine's speed.
Runs on SQLite, and on PostgreSQL when BENCH_POSTGRES_URL (default: the test server) answers.

    python bench/dump.py [--rows 50000]
"""

import argparse
import json
import os
import platform
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from alembic.script import ScriptDirectory  # noqa: E402
from sqlalchemy import Engine, create_engine, func, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app.backup.export import write_dump  # noqa: E402
from app.backup.reader import open_dump  # noqa: E402
from app.backup.restore import restore_dump  # noqa: E402
from app.backup.schema import SchemaHistory  # noqa: E402
from app.db import build_engine  # noqa: E402
from app.models import Base  # noqa: E402

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SHARES = {  # rows per 50,000
    "document": 500, "series": 100, "location": 400, "organization": 600, "person": 4000, "api_key": 20,
    "engagement": 4000, "agreed_action": 6000, "data_quality_warning": 380, "participation": 12000,
    "evidence": 18000, "audit_entry": 4000,
}
START = datetime(2024, 1, 1, tzinfo=UTC)


def synthetic_rows(total: int) -> dict[str, list[dict[str, Any]]]:
    """Valid rows for every table (every CHECK and reference holds), parents first."""
    n = {table: max(1, share * total // 50_000) for table, share in SHARES.items()}
    moment = lambda i: START + timedelta(seconds=i)  # noqa: E731
    curated = lambda i: {"version": 1 + i % 3, "origin": "extracted", "review_state": ("pending", "accepted", "corrected")[i % 3],  # noqa: E731
                         "curated_fields": ["title"] if i % 3 == 2 else [], "deleted_at": moment(i) if i % 50 == 0 else None,
                         "created_at": moment(i), "updated_at": moment(i + 1)}
    text_of = "General Example met his counterpart to discuss cooperation. " * 40
    rows: dict[str, list[dict[str, Any]]] = {
        "document": [{"id": i, "source_ref": f"article-{i}.txt", "sha256": f"{i:064x}", "title": f"Article {i}", "publisher": "Army",
                      "published_date": date(2024, 1, 1) + timedelta(days=i % 700), "text": text_of,
                      "created_at": moment(i), "updated_at": moment(i)} for i in range(1, n["document"] + 1)],
        "series": [{"id": i, "name": f"Staff Talks {i}", "name_key": f"staff talks {i}", "created_at": moment(i), "updated_at": moment(i)}
                   for i in range(1, n["series"] + 1)],
        "location": [{"id": i, "name": f"Fort {i}", "name_key": f"fort {i}", "kind": "installation", "country_code": "US",
                      "latitude": 10 + i / 1000, "longitude": -70 - i / 1000, "merged_into_id": None, **curated(i)}
                     for i in range(1, n["location"] + 1)],
        "organization": [{"id": i, "name": f"Command {i}", "name_key": f"command {i}", "acronym": f"C{i}", "country_code": "US",
                          # every tenth names a parent further on: the import's second pass
                          "parent_id": i + 1 if i % 10 == 0 and i < n["organization"] else None, "merged_into_id": None, **curated(i)}
                         for i in range(1, n["organization"] + 1)],
        "person": [{"id": i, "name": f"Official {i}", "name_key": f"official {i}", "country_code": "PE", "merged_into_id": None, **curated(i)}
                   for i in range(1, n["person"] + 1)],
        "api_key": [{"id": i, "name": f"key-{i}", "role": "editor", "key_hash": f"{i:064x}", "key_prefix": "eng_abcdef",
                     "revoked_at": None, "created_at": moment(i), "updated_at": moment(i)} for i in range(1, n["api_key"] + 1)],
    }
    day = lambda i: date(2020, 1, 1) + timedelta(days=i % 2000)  # noqa: E731
    rows["engagement"] = [
        {"id": i, "title": f"Staff Talks {i}", "type": "staff_talks", "status": "held", "mode": "in_person", "summary": "Talks.",
         "country_a": "PE", "country_b": "US", "start_date": day(i), "start_precision": "day", "end_date": None, "end_precision": None,
         "earliest_date": day(i), "latest_date": day(i), "location_id": 1 + i % n["location"], "series_id": None, "edition": None,
         "agreed_actions_reported": 3, **curated(i)} for i in range(1, n["engagement"] + 1)]
    rows["agreed_action"] = [
        {"id": i, "engagement_id": 1 + i % n["engagement"], "description": f"Exchange instructors ({i}).", "topic": "training",
         "status": "agreed", "horizon": None, "target_date": None, "target_precision": None, **curated(i)}
        for i in range(1, n["agreed_action"] + 1)]
    rows["data_quality_warning"] = [
        {"id": i, "code": "edition_year", "message": "Editions disagree.", "engagement_id": 1 + i % n["engagement"],
         "document_id": 1 + i % n["document"], "created_at": moment(i), "updated_at": moment(i)} for i in range(1, n["data_quality_warning"] + 1)]
    per_engagement = max(1, n["participation"] // n["engagement"])
    rows["participation"] = [
        {"id": i, "engagement_id": 1 + (i - 1) // per_engagement % n["engagement"],
         "person_id": 1 + ((i - 1) % per_engagement * 997 + (i - 1) // per_engagement) % n["person"],
         "organization_id": 1 + i % n["organization"], "rank": "Col.", "title": "director", "role": "attendee", "country_code": "PE", **curated(i)}
        for i in range(1, n["participation"] + 1)]
    rows["evidence"] = [
        {"id": i, "document_id": 1 + i % n["document"], "char_start": i % 500, "char_end": i % 500 + 40, "quote": "met his counterpart",
         "rule": "trigger", "confidence": 0.9, "engagement_id": 1 + i % n["engagement"], "participation_id": None, "location_id": None,
         "agreed_action_id": None, "data_quality_warning_id": None, "created_at": moment(i), "updated_at": moment(i)}
        for i in range(1, n["evidence"] + 1)]
    rows["audit_entry"] = [
        {"id": i, "at": moment(i), "actor": "key-1", "api_key_id": 1, "action": "update", "record_type": "engagement",
         "record_id": 1 + i % n["engagement"], "before": {"title": "Old"}, "after": {"title": "New"}}
        for i in range(1, n["audit_entry"] + 1)]
    _distinct_participants(rows["participation"])
    return {table.name: rows[table.name] for table in Base.metadata.sorted_tables}


def _distinct_participants(participations: list[dict[str, Any]]) -> None:
    seen: set[tuple[int, int]] = set()
    for row in participations:
        while (row["engagement_id"], row["person_id"]) in seen:
            row["person_id"] += 1
        seen.add((row["engagement_id"], row["person_id"]))


def migrated(url: str) -> Engine:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.attributes["configure_logger"] = False
    engine = build_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return engine


def history() -> SchemaHistory:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    return SchemaHistory.of(ScriptDirectory.from_config(config))


def insert_all(engine: Engine, rows: dict[str, list[dict[str, Any]]]) -> None:
    with engine.begin() as connection:
        for table in Base.metadata.sorted_tables:
            batch = rows[table.name]
            links = [{"pk": row["id"], "parent": row["parent_id"]} for row in batch if row.get("parent_id")]
            connection.execute(insert(table), [{**row, "parent_id": None} if "parent_id" in row else row for row in batch])
            if links:
                connection.execute(text("UPDATE organization SET parent_id = :parent WHERE id = :pk"), links)


def fetch_all(engine: Engine) -> int:
    with engine.connect() as connection:
        return sum(len(connection.execute(select(table)).all()) for table in Base.metadata.sorted_tables)


def peak_megabytes(work: Callable[[], Any]) -> float:
    """The most memory Python held at once while `work` ran: flat means far below the dump's size."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def timed(work: Callable[[], Any], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


@contextmanager
def databases(kind: str, folder: Path) -> Iterator[Callable[[], str]]:
    """Hands out URLs of fresh, empty databases of `kind`; drops them afterwards."""
    made: list[str] = []

    def fresh() -> str:
        if kind == "sqlite":
            url = f"sqlite:///{folder / f'{uuid.uuid4().hex}.db'}"
        else:
            name = f"engagements_bench_{uuid.uuid4().hex[:10]}"
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
        made.append(url)
        return url

    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT") if kind == "postgresql" else None
    try:
        yield fresh
    finally:
        if admin is not None:
            with admin.connect() as connection:
                for url in made:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
            admin.dispose()


def measure(kind: str, rows: dict[str, list[dict[str, Any]]], rounds: int, folder: Path) -> dict[str, Any]:
    total = sum(map(len, rows.values()))
    schema = history()
    with databases(kind, folder) as fresh:
        source = migrated(fresh())
        insert_all(source, rows)
        with source.connect() as connection:
            assert sum(connection.execute(select(func.count()).select_from(t)).scalar_one() for t in Base.metadata.sorted_tables) == total
        dump = folder / f"{kind}.jsonl"

        def export() -> None:
            with dump.open("w", encoding="utf-8") as out:
                write_dump(source, out, schema)

        select_all = timed(lambda: fetch_all(source), rounds)
        exporting = timed(export, rounds)
        export_peak = peak_megabytes(export)
        targets = [migrated(fresh()) for _ in range(2 * rounds + 1)]
        plain_targets, import_targets = targets[:rounds], targets[rounds:]

        def restore() -> None:
            with open_dump(str(dump)) as lines:
                restore_dump(import_targets.pop(), lines, schema)

        plain_insert = timed(lambda: insert_all(plain_targets.pop(), rows), rounds)
        importing = timed(restore, rounds)
        import_peak = peak_megabytes(restore)
        for engine in (source, *targets):
            engine.dispose()
    return {
        "rows": total,
        "dump_megabytes": round(dump.stat().st_size / 1e6, 1),
        "export_rows_per_second": round(total / exporting),
        "baseline_select_rows_per_second": round(total / select_all),
        "ratio_export_to_select": round(exporting / select_all, 1),
        "import_rows_per_second": round(total / importing),
        "baseline_insert_rows_per_second": round(total / plain_insert),
        "ratio_import_to_insert": round(importing / plain_insert, 1),
        "export_peak_python_megabytes": round(export_peak, 1),
        "import_peak_python_megabytes": round(import_peak, 1),
    }


def postgres_reachable() -> bool:
    try:
        probe = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
        probe.dispose()
    except Exception:  # noqa: BLE001 - no server: the PostgreSQL half is left out, and said so
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3, help="best of N for every figure")
    args = parser.parse_args()
    rows = synthetic_rows(args.rows)
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        result["sqlite"] = measure("sqlite", rows, args.rounds, Path(folder))
        if postgres_reachable():
            result["postgresql"] = measure("postgresql", rows, args.rounds, Path(folder))
        else:
            result["postgresql"] = f"skipped: no server at {make_url(POSTGRES_URL).render_as_string(hide_password=True)}"
    result["machine"] = f"{platform.machine()} {platform.python_implementation()} {platform.python_version()}"
    out = ROOT / "bench" / "results" / "dump.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
