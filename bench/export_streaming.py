"""Memory and speed of streamed CSV exports, against baselines measured in the same run.

Two SQLite files hold N engagements each (N = 2,000 and 20,000, a tenth of them without a
place). Through the whole ASGI app, in process:

- peak memory (tracemalloc) of `GET /engagements?format=csv` for each N, against the peak
  of one JSON page of 200 (the baseline). Streamed, the two exports' peaks stay near the
  baseline and near each other: the ratio 20,000 : 2,000 should be close to 1;
- for contrast, the peak of holding every row at once (what an export without streaming
  would do): it grows with N;
- rows per second of the CSV export against rows per second of paging through the JSON
  list 200 at a time.

    python bench/export_streaming.py [--small N] [--large N]
"""

import argparse
import asyncio
import json
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alembic import command  # noqa: E402
from sqlalchemy import insert  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from app import config, db  # noqa: E402
from app.commands.database import alembic_config  # noqa: E402
from app.engagements import service as engagement_service  # noqa: E402
from app.engagements.filters import EngagementFilters  # noqa: E402
from app.main import create_app  # noqa: E402
from app.models import Engagement, Location  # noqa: E402
from app.models.enums import DatePrecision, EngagementType, LocationKind  # noqa: E402
from app.pagination import MAX_LIMIT  # noqa: E402
from app.text_keys import fold_key  # noqa: E402

TYPES = list(EngagementType)


def use_database(path: Path) -> None:
    """Point the app's settings, engine and sessions at `path`."""
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    if db.get_engine.cache_info().currsize:
        db.get_engine().dispose()
    config.get_settings.cache_clear()
    db.get_engine.cache_clear()
    db.get_sessionmaker.cache_clear()


def fill(path: Path, count: int) -> None:
    """A migrated database with `count` engagements over 50 places (every tenth one unplaced)."""
    use_database(path)
    command.upgrade(alembic_config(), "head")
    with Session(db.get_engine()) as session:
        locations = [
            {"name": f"Place {n}", "name_key": fold_key(f"Place {n}"), "kind": LocationKind.city, "country_code": "PE",
             "latitude": -12.0 + n / 100, "longitude": -77.0 - n / 100}
            for n in range(50)
        ]
        session.execute(insert(Location), locations)
        first = date(2000, 1, 1)
        rows = []
        for n in range(count):
            day = first + timedelta(days=n % 9000)
            rows.append(
                {"title": f"Staff talks, round {n}: \"interoperability\" and =logistics", "type": TYPES[n % len(TYPES)],
                 "country_a": "PE", "country_b": "US", "start_date": day, "start_precision": DatePrecision.day,
                 "earliest_date": day, "latest_date": day, "location_id": None if n % 10 == 0 else 1 + n % 50,
                 "edition": None, "agreed_actions_reported": n % 7}
            )
        session.execute(insert(Engagement), rows)
        session.commit()


async def _get(app: Any, path: str, query: str) -> tuple[int, int]:
    """One GET through the ASGI app; the body is counted and dropped, as a socket would send it."""
    scope = {
        "type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
        "headers": [(b"host", b"bench")], "client": ("127.0.0.1", 50000), "server": ("bench", 80),
    }
    status, size = 0, 0
    requested = False

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # never disconnects
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status, size
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            size += len(message.get("body", b""))

    await app(scope, receive, send)
    return status, size


def get(app: Any, path: str, query: str = "") -> int:
    status, size = asyncio.run(_get(app, path, query))
    assert status == 200, (path, query, status)
    return size


def peak_bytes(work: Callable[[], object]) -> int:
    tracemalloc.start()
    tracemalloc.reset_peak()
    baseline, _ = tracemalloc.get_traced_memory()
    work()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak - baseline


def hold_every_row() -> int:
    """What an export without streaming holds: every row, read into a list at once."""
    with db.get_sessionmaker()() as session:
        return len(list(engagement_service.stream(session, EngagementFilters())))


def measure(path: Path, count: int) -> dict[str, float]:
    use_database(path)
    app = create_app()
    get(app, "/engagements", "format=csv")  # warm: imports, schema builds, SQLite page cache
    get(app, "/engagements", f"limit={MAX_LIMIT}")
    figures: dict[str, float] = {
        "json_page_peak": peak_bytes(lambda: get(app, "/engagements", f"limit={MAX_LIMIT}")),
        "csv_peak": peak_bytes(lambda: get(app, "/engagements", "format=csv")),
        "held_rows_peak": peak_bytes(hold_every_row),
    }
    started = time.perf_counter()
    figures["csv_bytes"] = get(app, "/engagements", "format=csv")
    figures["csv_rows_per_second"] = count / (time.perf_counter() - started)
    pages = min(count // MAX_LIMIT, 20)
    started = time.perf_counter()
    for page in range(pages):
        get(app, "/engagements", f"limit={MAX_LIMIT}&offset={page * MAX_LIMIT}")
    figures["json_paging_rows_per_second"] = pages * MAX_LIMIT / (time.perf_counter() - started)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=2_000)
    parser.add_argument("--large", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        small_db, large_db = Path(folder) / "small.db", Path(folder) / "large.db"
        fill(small_db, args.small)
        fill(large_db, args.large)
        small = measure(small_db, args.small)
        large = measure(large_db, args.large)
        db.get_engine().dispose()
    kib = 1024
    result = {
        "engagements": [args.small, args.large],
        "json_page_of_200_peak_kib": round(large["json_page_peak"] / kib),
        "csv_peak_kib": [round(small["csv_peak"] / kib), round(large["csv_peak"] / kib)],
        "ratio_csv_peak_large_to_small": round(large["csv_peak"] / small["csv_peak"], 2),
        "ratio_csv_peak_large_to_json_page": round(large["csv_peak"] / large["json_page_peak"], 2),
        "all_rows_held_peak_kib": [round(small["held_rows_peak"] / kib), round(large["held_rows_peak"] / kib)],
        "ratio_all_rows_held_large_to_small": round(large["held_rows_peak"] / small["held_rows_peak"], 2),
        "csv_megabytes_large": round(large["csv_bytes"] / kib / kib, 1),
        "csv_rows_per_second": round(large["csv_rows_per_second"]),
        "json_paging_rows_per_second": round(large["json_paging_rows_per_second"]),
        "ratio_csv_to_json_paging_speed": round(large["csv_rows_per_second"] / large["json_paging_rows_per_second"], 2),
        "machine": f"{platform.machine()} {platform.python_implementation()} {platform.python_version()}",
    }
    out = ROOT / "bench" / "results" / "export_streaming.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
