"""Server-side time of the reads users make, in-process, against a generated database.

    python bench/synthetic.py --database-url sqlite:///data/synthetic.db       # once
    python bench/query_timings.py --database-url sqlite:///data/synthetic.db [--runs 40] [--only official]

Each request goes through the whole app (routing, validation, queries, JSON) with the
in-process test client, no network; the median and p99 wall time of `--runs` calls after two
warm-ups are printed, with the median CPU time of the process (on a busy machine the wall
time also counts waiting for a core), beside a baseline: fetching one engagement by primary
key with raw SQL, the cheapest read the database can answer. The test client itself costs
about 5-7 ms of CPU per request (`/health` measures it).
"""

import argparse
import logging
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The questions the issue lists: path, and the target p99 in milliseconds.
QUERIES: list[tuple[str, str, float]] = [
    ("health (client overhead)", "/health", 10),
    ("first page", "/engagements", 10),
    ("by year", "/engagements?year=2015", 10),
    ("by year, page 20", "/engagements?year=2015&offset=950", 10),
    ("by official (common)", "/engagements?official=garcia", 10),
    ("by official (rare)", "/engagements?official=hegseth", 10),
    ("country+type+dates", "/engagements?country=PE&type=staff_talks&date_from=2015&date_to=2020", 10),
    ("q one word", "/engagements?q=interoperability", 10),
    ("q two words", "/engagements?q=cyber%20defense", 10),
    ("q rare word", "/engagements?q=tradewinds", 10),
    ("sort by title", "/engagements?sort=title", 10),
    ("detail", "/engagements/{engagement_id}", 10),
    ("participants by name", "/participants?name=kim", 10),
    ("participants first page", "/participants", 10),
    ("participant detail", "/participants/{person_id}", 10),
    ("participations first page", "/participations", 10),
    ("locations first page", "/locations", 10),
    ("organizations first page", "/organizations", 10),
    ("agreed-actions first page", "/agreed-actions", 10),
    ("agreed-actions by year", "/agreed-actions?year=2020", 10),
    ("documents first page", "/documents", 10),
    ("documents q", "/documents?q=staff", 10),
    ("stats by year", "/stats/engagements/by-year", 50),
    ("stats by type, country", "/stats/engagements/by-type?country=US", 50),
    ("stats by month", "/stats/engagements/by-month", 50),
    ("stats by mode", "/stats/engagements/by-mode", 50),
    ("stats by country pair", "/stats/engagements/by-country-pair", 50),
    ("stats by location", "/stats/engagements/by-location", 50),
    ("stats actions by status", "/stats/agreed-actions/by-status", 50),
    ("stats actions by year", "/stats/agreed-actions/by-year", 50),
    ("stats top participants", "/stats/participants/by-engagements", 50),
    ("stats top participants, one year", "/stats/participants/by-engagements?year=2015", 50),
]


def _timings(call: Callable[[], Any], runs: int) -> tuple[float, float, float]:
    """Median and p99 wall time, and median CPU time of this process (what a busy machine does not inflate), in ms."""
    for _ in range(2):
        call()
    samples, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, round(0.99 * (len(samples) - 1)))], statistics.median(cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--only", help="only the queries whose label contains this")
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["ENGAGEMENTS_RATE_LIMIT_ANONYMOUS"] = "0"

    logging.getLogger("httpx").setLevel(logging.WARNING)
    from fastapi.testclient import TestClient
    from sqlalchemy import text

    from app.db import get_engine
    from app.main import create_app

    engine = get_engine()
    with engine.connect() as connection:
        engagement_id = connection.execute(text(
            "SELECT engagement_id FROM participation GROUP BY engagement_id ORDER BY count(*) DESC LIMIT 1")).scalar()
        # A typical official (the median number of engagements), not the busiest one.
        person_id = connection.execute(text(
            "SELECT person_id FROM participation GROUP BY person_id ORDER BY count(*), person_id"
            " LIMIT 1 OFFSET (SELECT count(DISTINCT person_id) / 2 FROM participation)")).scalar()

    def raw() -> None:
        with engine.connect() as connection:
            connection.execute(text("SELECT * FROM engagement WHERE id = :id"), {"id": engagement_id}).all()

    base_median, base_p99, base_cpu = _timings(raw, args.runs)
    print(f"{engine.dialect.name}: {args.database_url}")
    print(f"{'query':28} {'median ms':>10} {'p99 ms':>8} {'cpu ms':>8} {'target':>7} {'total':>8}")
    print(f"{'baseline: raw SQL by id':28} {base_median:10.2f} {base_p99:8.2f} {base_cpu:8.2f}")
    with TestClient(create_app()) as client:
        for label, path, target in QUERIES:
            if args.only and args.only not in label:
                continue
            url = path.format(engagement_id=engagement_id, person_id=person_id)
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.text[:300])
            body = response.json()
            total = len(body) if isinstance(body, list) else body.get("total", "")
            median, p99, cpu = _timings(lambda url=url: client.get(url), args.runs)
            mark = "" if p99 <= target else "  SLOW"
            print(f"{label:28} {median:10.2f} {p99:8.2f} {cpu:8.2f} {target:7.0f} {total!s:>8}{mark}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
