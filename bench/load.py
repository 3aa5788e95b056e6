"""A mixed read/write load held for a fixed time: throughput, latency per kind, errors, and no lost write.

By default it starts its own server, `engagements serve --workers 2`, on a scratch SQLite
database migrated and loaded with the seed documents, rate limits off (a load test from one
address would trip them). `--database-url` runs that server on another, empty database
(PostgreSQL: `createdb` one first); `--url` loads a server already running, with `--key` an
editor key for the writes (its rate limits, if on, will show as errors).

Each of `--workers` clients loops over a weighted mix until the time is up: lists with
filters, details, statistics, CSV downloads, GET /health, creates, and increments of a few
shared counters (`agreed_actions_reported` of engagements made for the run): read the
record, PATCH the value plus one with `If-Match`, and on 412 read again and retry. The
counters are shared on purpose: 412s are expected, counted apart, and not errors.

Errors are any 5xx, 429, transport failure, or status the kind does not expect. After the
run every write is checked: each counter must hold its start plus every increment answered
200 (a lost update would show as fewer), and every engagement answered 201 must exist.
GET /health, measured in the same run under the same load, is the floor: each kind's p99
is also given as a multiple of its p99.

    python bench/load.py [--duration 30] [--workers 8] [--server-workers 2] [--database-url URL | --url URL --key KEY]
"""

import argparse
import asyncio
import json
import math
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

MIX = {"list": 30, "detail": 20, "stats": 15, "csv": 5, "health": 10, "patch": 15, "create": 5}
LIST_QUERIES = (
    "", "?year=2025", "?country=PE", "?type=staff_talks&sort=-start_date", "?q=army", "?official=walrath",
    "?limit=20&offset=10", "?country=US&sort=title", "?date_from=2023&date_to=2025-06",
)
STATS_PATHS = (
    "/stats/engagements/by-year", "/stats/engagements/by-type", "/stats/engagements/by-country-pair",
    "/stats/engagements/by-location", "/stats/agreed-actions/by-status", "/stats/participants/by-engagements",
)
CSV_QUERIES = ("?format=csv", "?format=csv&country=US")
COUNTERS = 4  # engagements whose counter every worker increments: contention, hence 412s
MAX_ATTEMPTS = 50  # reads and PATCHes of one increment before giving up (counted)
EXPECTED = {"patch": {200, 412}, "create": {201}}  # every other kind expects 200


@dataclass
class Tally:
    """What the clients saw: latencies per kind, errors, conflicts, and the writes acknowledged."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    error_samples: list[str] = field(default_factory=list)
    conflicts: int = 0
    gave_up: int = 0
    increments: Counter[int] = field(default_factory=Counter)  # counter engagement id -> PATCHes answered 200
    created: dict[int, str] = field(default_factory=dict)  # id -> title, for every 201

    def error(self, kind: str, what: str) -> None:
        self.errors[kind] += 1
        if len(self.error_samples) < 20:
            self.error_samples.append(f"{kind}: {what}")


class Load:
    """The clients, the records they work on, and what they saw."""

    def __init__(self, client: httpx.AsyncClient, key: str, run_id: str) -> None:
        self.client = client
        self.editor = {"Authorization": f"Bearer {key}"}
        self.run_id = run_id
        self.tally = Tally()
        self.detail_ids: list[int] = []
        self.counters: dict[int, int] = {}  # id -> value before the run

    async def request(self, kind: str, method: str, url: str, **kwargs: Any) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = await self.client.request(method, url, **kwargs)  # reads the whole body
        except httpx.HTTPError as exc:
            self.tally.error(kind, f"{method} {url}: {exc.__class__.__name__} {exc}")
            return None
        self.tally.latencies[kind].append(time.perf_counter() - started)
        if response.status_code not in EXPECTED.get(kind, {200}):
            self.tally.error(kind, f"{method} {url}: {response.status_code} {response.text[:200]}")
        return response

    async def prepare(self) -> None:
        """Find records to read and make the counters (outside the measured time)."""
        listing = await self.client.get("/engagements", params={"limit": 200})
        listing.raise_for_status()
        self.detail_ids = [item["id"] for item in listing.json()["items"]]
        for n in range(COUNTERS):
            made = await self.client.post("/engagements", headers=self.editor, json={
                "title": f"Load counter {self.run_id} #{n}", "type": "meeting", "countries": ["PE", "US"],
                "start_date": "2025-05", "agreed_actions_reported": 0,
            })
            made.raise_for_status()
            self.counters[made.json()["id"]] = 0
        self.detail_ids += list(self.counters)

    async def run(self, duration: float, workers: int, seed: int = 0) -> float:
        """Every worker loops over the mix until `duration` seconds have passed; returns the time taken."""
        started = time.monotonic()
        deadline = started + duration
        await asyncio.gather(*(self._worker(random.Random(seed + n), deadline) for n in range(workers)))
        return time.monotonic() - started

    async def _worker(self, rng: random.Random, deadline: float) -> None:
        kinds, weights = list(MIX), list(MIX.values())
        # One of each kind first, deadline or not: a short run on a slow or busy machine still
        # covers them all (a 2 s run once spent its time on reads and never reached a PATCH).
        first = rng.sample(kinds, len(kinds))
        while first or time.monotonic() < deadline:
            kind = first.pop() if first else rng.choices(kinds, weights)[0]
            if kind == "list":
                await self.request(kind, "GET", "/engagements" + rng.choice(LIST_QUERIES))
            elif kind == "detail":
                await self.request(kind, "GET", f"/engagements/{rng.choice(self.detail_ids)}")
            elif kind == "stats":
                await self.request(kind, "GET", rng.choice(STATS_PATHS) + rng.choice(("", "?country=PE")))
            elif kind == "csv":
                await self.request(kind, "GET", "/engagements" + rng.choice(CSV_QUERIES))
            elif kind == "health":
                await self.request(kind, "GET", "/health")
            elif kind == "patch":
                await self._increment(rng.choice(list(self.counters)))
            else:
                await self._create(rng)

    async def _increment(self, engagement_id: int) -> None:
        """Read, PATCH the value plus one with If-Match; on 412 someone else won: read again."""
        for _ in range(MAX_ATTEMPTS):
            read = await self.request("detail", "GET", f"/engagements/{engagement_id}")
            if read is None or read.status_code != 200:
                return
            value = read.json()["agreed_actions_reported"]
            headers = {**self.editor, "If-Match": read.headers["etag"]}
            write = await self.request(
                "patch", "PATCH", f"/engagements/{engagement_id}", json={"agreed_actions_reported": value + 1}, headers=headers
            )
            if write is None or write.status_code not in (200, 412):
                return  # counted as an error; whether it landed is unknown, so it is not an acknowledgement
            if write.status_code == 200:
                self.tally.increments[engagement_id] += 1
                return
            self.tally.conflicts += 1
        self.tally.gave_up += 1

    async def _create(self, rng: random.Random) -> None:
        title = f"Load create {self.run_id} {uuid.uuid4().hex[:8]}"
        body = {"title": title, "type": rng.choice(["meeting", "staff_talks", "visit"]), "countries": ["CL", "US"], "start_date": "2026-01"}
        made = await self.request("create", "POST", "/engagements", json=body, headers=self.editor)
        if made is not None and made.status_code == 201:
            self.tally.created[made.json()["id"]] = title

    async def check_writes(self) -> dict[str, int]:
        """Every acknowledged write must be there: counters hold start + increments, created records exist."""
        acknowledged = sum(self.tally.increments.values())
        landed = lost = 0
        for engagement_id, start in self.counters.items():
            final = (await self.client.get(f"/engagements/{engagement_id}")).json()["agreed_actions_reported"]
            landed += final - start
            lost += max(0, start + self.tally.increments[engagement_id] - final)
        found = 0
        for engagement_id, title in self.tally.created.items():
            answer = await self.client.get(f"/engagements/{engagement_id}")
            found += answer.status_code == 200 and answer.json()["title"] == title
        return {
            "increments_acknowledged": acknowledged,
            "increments_landed": landed,
            "lost_increments": lost,
            "creates_acknowledged": len(self.tally.created),
            "creates_found": found,
            "lost_creates": len(self.tally.created) - found,
        }


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def report(load: Load, elapsed: float, writes: dict[str, int]) -> dict[str, Any]:
    tally = load.tally
    health_p99 = percentile(tally.latencies["health"], 99) if tally.latencies["health"] else float("nan")
    kinds = {}
    for kind in MIX:
        values = tally.latencies.get(kind, [])
        if not values:
            continue
        p99 = percentile(values, 99)
        kinds[kind] = {
            "requests": len(values),
            "errors": tally.errors[kind],
            "p50_ms": round(percentile(values, 50) * 1000, 1),
            "p95_ms": round(percentile(values, 95) * 1000, 1),
            "p99_ms": round(p99 * 1000, 1),
            "p99_vs_health": round(p99 / health_p99, 1),
        }
    requests = sum(len(values) for values in tally.latencies.values())
    return {
        "requests": requests,
        "errors": sum(tally.errors.values()),
        "conflicts_412": tally.conflicts,
        "increments_given_up": tally.gave_up,
        "seconds": round(elapsed, 1),
        "requests_per_second": round(requests / elapsed, 1),
        "kinds": kinds,
        "writes": writes,
        "error_samples": tally.error_samples,
    }


async def measure(base_url: str, key: str, duration: float, workers: int) -> dict[str, Any]:
    """The whole run against `base_url`: prepare, load for `duration` seconds, check every write."""
    limits = httpx.Limits(max_connections=workers, max_keepalive_connections=workers)
    async with httpx.AsyncClient(base_url=base_url, timeout=60, limits=limits) as client:
        load = Load(client, key, uuid.uuid4().hex[:8])
        await load.prepare()
        elapsed = await load.run(duration, workers)
        writes = await load.check_writes()
    return report(load, elapsed, writes)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def own_server(database_url: str | None, server_workers: int) -> Iterator[tuple[str, str]]:
    """`engagements serve` on a migrated, seeded database (scratch SQLite by default): yields its URL and an editor key."""
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DATABASE_URL": database_url or f"sqlite:///{Path(folder) / 'load.db'}",
            "ENGAGEMENTS_RATE_LIMIT_ANONYMOUS": "0",
            "ENGAGEMENTS_RATE_LIMIT_KEYED": "0",
            "ENGAGEMENTS_LOG_LEVEL": "warning",  # no access log line per request
        }
        command = [sys.executable, "-m", "app.cli"]

        def run(*args: str) -> str:
            return subprocess.run([*command, *args], env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout

        run("db", "upgrade")
        run("seed")
        key = run("keys", "create", "--name", f"load-{uuid.uuid4().hex[:8]}", "--role", "editor").strip()
        port = _free_port()
        server = subprocess.Popen([*command, "serve", "--port", str(port), "--workers", str(server_workers)], env=env, cwd=ROOT)
        base_url = f"http://127.0.0.1:{port}"
        try:
            _wait_for_health(base_url, server)
            yield base_url, key
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def _wait_for_health(base_url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            if httpx.get(f"{base_url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer /health within 60 s")


def _database_kind(url: str | None) -> str:
    return "sqlite" if url is None or url.startswith("sqlite") else "postgresql"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=30, help="seconds of load (default 30)")
    parser.add_argument("--workers", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--server-workers", type=int, default=2, help="uvicorn worker processes of the server it starts (default 2)")
    parser.add_argument("--database-url", help="run the server it starts on this empty database (default: scratch SQLite)")
    parser.add_argument("--url", help="load this running server instead of starting one")
    parser.add_argument("--key", default=os.environ.get("ENGAGEMENTS_LOAD_KEY"), help="an editor key for --url (or ENGAGEMENTS_LOAD_KEY)")
    args = parser.parse_args()
    busy = round(os.getloadavg()[0], 1)  # other work on the machine skews every figure: say how much there was
    if args.url and not args.key:
        parser.error("--url needs --key (an editor key) for the writes")

    if args.url:
        result = asyncio.run(measure(args.url.rstrip("/"), args.key, args.duration, args.workers))
        name, setup = "url", {"url": args.url}
    else:
        with own_server(args.database_url, args.server_workers) as (base_url, key):
            result = asyncio.run(measure(base_url, key, args.duration, args.workers))
        name = _database_kind(args.database_url)
        setup = {"database": name, "server_workers": args.server_workers}
    result = {
        **setup,
        "workers": args.workers,
        "duration_seconds": args.duration,
        "machine": f"{platform.machine()} {os.cpu_count()} cpus, {platform.python_implementation()} {platform.python_version()}",
        "load_average_before": busy,
        **result,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"load-{name}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    writes = result["writes"]
    if result["errors"] or writes["lost_increments"] or writes["lost_creates"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
