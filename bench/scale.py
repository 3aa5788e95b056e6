"""The service at scale: generated databases, the service under wrk, Datasette and raw SQL side by side.

For each scale (engagements; default 10,000 and 100,000, the headline) and each database
(SQLite, and PostgreSQL when its server answers), it generates the database through the
project's models (bench/synthetic.py; cached in bench/.data/ and by database name on
PostgreSQL), then asks eight questions (bench/scale_queries.py) of:

- the service, started as a user would: `engagements serve --workers <cores>`, rate limits
  off, driven over loopback by wrk for fixed durations after a warm-up (bench/load_tool.py);
- Datasette serving the same SQLite file, the same question as one SQL statement returning
  the same rows (checked: same ids, same order, same total) (SQLite only);
- the database directly: the service's own SQL replayed on the driver, the floor (bench/raw_sql.py);

and prints per question requests/s, p50, p99 and the ratios service/Datasette and
service/raw SQL; the memory of the service's process tree during the CSV export of every
engagement against its idle memory; seed throughput (bench/seed_throughput.py) on a
generated corpus; growth across scales; each target PASS or FAIL. Results go to
bench/results/scale.json and bench/results/scale.md; a run stopped with Ctrl-C or kill
writes what it measured and keeps the rest from the last results.

    python bench/scale.py [--scales 10000,100000] [--databases sqlite,postgresql] [--duration 10]
                          [--concurrency 4] [--articles 10000] [--no-datasette] [--keep-postgres]
"""

import argparse
import json
import logging
import os
import signal
import sys
import tempfile
import time
import traceback
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")

import load_tool  # noqa: E402
import scale_data  # noqa: E402
import scale_report  # noqa: E402
import scale_run  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scales", default="10000,100000", help="engagements per generated database, comma-separated (default 10000,100000)")
    parser.add_argument("--headline", type=int, default=100_000, help="the scale the targets are checked at (default 100000; else the largest in the results, kept ones included)")
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite, postgresql or both (default both; PostgreSQL is skipped with the reason when unreachable)")
    parser.add_argument("--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES),
                        help="a PostgreSQL server where it may create databases (BENCH_POSTGRES_URL)")
    parser.add_argument("--seed", type=int, default=7, help="the generator's random seed")
    parser.add_argument("--duration", type=float, default=10, help="seconds per measured figure (default 10)")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up per question (default 2)")
    parser.add_argument("--concurrency", type=int, default=4, help="connections of the throughput run (default 4; 1 skips it)")
    parser.add_argument("--workers", type=int, default=0, help="service workers (default: the number of cores)")
    parser.add_argument("--export-repeats", type=int, default=1, help="timed CSV exports per server after an untimed one (default 1; the best counts; 0: one download, timed cold)")
    parser.add_argument("--articles", type=int, default=10_000, help="generated articles for seed throughput (0 skips it)")
    parser.add_argument("--datasette-export-up-to", type=int, default=0,
                        help="time Datasette's CSV export only at scales up to this many engagements (default 0: every scale; at 1,000,000 on 2 cores it ran for more than 40 minutes without finishing, so pass 100000 there)")
    parser.add_argument("--no-datasette", dest="datasette", action="store_false", help="leave Datasette out")
    parser.add_argument("--keep-postgres", action="store_true", help="keep the generated PostgreSQL databases for the next run")
    parser.add_argument("--keep-previous", action="store_true",
                        help="keep the figures of scales, databases and seed throughput this run leaves out from the last scale.json (marked so)")
    parser.add_argument("--generate-only", action="store_true",
                        help="build the databases (cached for the next run, PostgreSQL's kept) and measure nothing: generation is CPU-bound and can run while the machine is busy, measurement needs it idle")
    parser.add_argument("--report-only", action="store_true", help="measure nothing: rebuild scale.md and the targets from scale.json")
    parser.add_argument("--readme", action="store_true", help="copy the Markdown table into README.md (between the scale-table markers)")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results", help="where scale.json and scale.md go")
    return parser.parse_args(argv)


def _shown(value: Any) -> Any:
    """An option as the results record it: paths relative to the repository, so no machine's layout leaks in."""
    if isinstance(value, Path):
        return str(value.resolve().relative_to(ROOT)) if value.resolve().is_relative_to(ROOT) else str(value)
    return value


def seed_throughput(databases: list[str], options: argparse.Namespace, say: Any) -> dict[str, Any]:
    """bench/seed_throughput.py's measure(), on a scratch database of each kind; a missing or failing one is a reported gap."""
    if options.articles <= 0:
        return {}
    try:
        import seed_throughput as module  # bench/seed_throughput.py
    except ImportError as exc:
        return {database: {"gap": f"bench/seed_throughput.py cannot be imported: {exc}"} for database in databases}
    out: dict[str, Any] = {}
    for database in databases:
        say(f"seed throughput on {database}: {options.articles:,} generated articles")
        started = time.perf_counter()
        try:
            with tempfile.TemporaryDirectory() as folder:
                if database == "sqlite":
                    figures = module.measure(f"sqlite:///{Path(folder) / 'seed.db'}", options.articles, options.seed)
                else:
                    figures = _on_scratch_postgres(options.postgres_url, lambda url: module.measure(url, options.articles, options.seed))
        except NotImplementedError:
            figures = {"gap": "bench/seed_throughput.py's measure() is not implemented yet"}
        except Exception as exc:  # noqa: BLE001 - a failing measurement is a reported gap, not a lost run
            figures = {"gap": f"measure() failed: {exc.__class__.__name__}: {exc}"}
            traceback.print_exc()
        figures = dict(figures)
        figures["harness_seconds"] = round(time.perf_counter() - started, 1)
        figures.setdefault("articles", options.articles)
        say(f"  {figures.get('documents_per_second', figures.get('gap'))}")
        out[database] = figures
    return out


def _on_scratch_postgres(admin_url: str, work: Any) -> Any:
    name = f"engagements_bench_seed_{os.getpid()}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    from sqlalchemy.engine import make_url

    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        return work(make_url(admin_url).set(database=name).render_as_string(hide_password=False))
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def keep_previous(result: dict[str, Any], path: Path) -> None:
    """Fill what this run did not measure from the previous results, each marked with the run it comes from."""
    if not path.exists():
        return
    previous = json.loads(path.read_text(encoding="utf-8"))
    when = previous.get("started_at", "?")
    for scale, by_db in previous.get("runs", {}).items():
        for database, run in by_db.items():
            if database not in result["runs"].get(scale, {}):
                run.setdefault("from_previous_run", when)
                run.setdefault("machine_cpu", previous.get("machine", {}).get("cpu"))
                result["runs"].setdefault(scale, {})[database] = run
    for database, figures in (previous.get("seed_throughput") or {}).items():
        if database not in (result.get("seed_throughput") or {}):
            figures.setdefault("from_previous_run", when)
            result.setdefault("seed_throughput", {})[database] = figures


def headline_scale(runs: dict[str, Any], wanted: int) -> int:
    """The scale the targets are checked at: `wanted` when the results hold it (measured now or
    kept from a previous run), else the largest they hold."""
    held = [int(scale) for scale in runs]
    return wanted if wanted in held else max(held, default=wanted)


def update_readme(table: str) -> None:
    readme = ROOT / "README.md"
    start, end = "<!-- scale-table:start -->\n", "<!-- scale-table:end -->"
    text_ = readme.read_text(encoding="utf-8")
    before, rest = text_.split(start, 1)
    readme.write_text(before + start + table + rest[rest.index(end):], encoding="utf-8")


def report(result: dict[str, Any], options: argparse.Namespace) -> None:
    """Targets, scale.json, scale.md (and README.md with --readme); prints the table and the verdicts."""
    result["targets"] = scale_report.targets(result["runs"], result["headline_scale"], result.get("seed_throughput"))
    for scale_runs in result["runs"].values():
        for run in scale_runs.values():
            run["table"] = scale_report.rows(run)
    options.results.mkdir(parents=True, exist_ok=True)
    (options.results / "scale.json").write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    table = scale_report.markdown(result)
    (options.results / "scale.md").write_text(table, encoding="utf-8")
    if options.readme:
        update_readme(table)
    print()
    print(table)
    for check in result["targets"]:
        print(f"{check['result']:<8} {check['target']}: {check['figure']}")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    options = parse(argv)
    if options.report_only:
        result = json.loads((options.results / "scale.json").read_text(encoding="utf-8"))
        report(result, options)
        return result
    logging.getLogger("httpx").setLevel(logging.WARNING)
    started, started_at = time.perf_counter(), datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")

    def say(message: str) -> None:
        print(f"[{time.perf_counter() - started:7.1f}s] {message}", flush=True)

    stopped = False
    scales = [int(s) for s in options.scales.split(",") if s.strip()]
    databases = [d.strip() for d in options.databases.split(",") if d.strip()]
    skipped: dict[str, str] = {}
    postgres_version = None
    if "postgresql" in databases:
        reason = scale_data.postgres_reachable(options.postgres_url)
        if reason:
            skipped["postgresql"] = f"PostgreSQL at {options.postgres_url.split('@')[-1]} did not answer: {reason}"
            databases.remove("postgresql")
            say(f"skipping PostgreSQL: {skipped['postgresql']}")
        else:
            engine = create_engine(options.postgres_url)
            with engine.connect() as connection:
                postgres_version = connection.execute(text("SHOW server_version")).scalar_one()
            engine.dispose()
    wrk = load_tool.find_wrk()
    if wrk is None:
        skipped["wrk"] = "wrk is not installed (apt-get install wrk, as root): HTTP figures left out"
        say(skipped["wrk"])
    result: dict[str, Any] = {
        "started_at": started_at,
        "machine": scale_report.machine(postgres_version, wrk),
        "options": {k: _shown(v) for k, v in vars(options).items() if k != "postgres_url"},
        "skipped": skipped,
        "runs": {},
        "stage_seconds": {},
    }
    result["options"]["duration"] = options.duration
    made_postgres: list[str] = []
    try:
        for scale in scales:
            for database in databases:
                stage = time.perf_counter()
                say(f"{database}, {scale:,} engagements: database")
                if database == "sqlite":
                    url, path, made = scale_data.sqlite_database(scale, options.seed, lambda m: say(f"  generate: {m}"))
                else:
                    url, made = scale_data.postgres_database(options.postgres_url, scale, options.seed, lambda m: say(f"  generate: {m}"))
                    path = None
                    made_postgres.append(url)
                say("  cached" if made.get("cached") else f"  generated in {made.get('seconds')} s")
                if options.generate_only:
                    continue
                limit = options.datasette_export_up_to
                run = result["runs"].setdefault(str(scale), {})[database] = {"database": made, "machine_cpu": result["machine"]["cpu"], "stopped": True}
                scale_run.run(database, url, path, options, wrk, say, datasette_export=not limit or scale <= limit, result=run)
                del run["stopped"]
                run["seconds"] = round(time.perf_counter() - stage, 1)
                result["stage_seconds"][f"{database} {scale}"] = run["seconds"]
        if options.generate_only:
            return result
        stage = time.perf_counter()
        result["seed_throughput"] = seed_throughput(databases, options, say)
        result["stage_seconds"]["seed throughput"] = round(time.perf_counter() - stage, 1)
    except KeyboardInterrupt:
        stopped = True
    finally:
        if not (options.keep_postgres or options.generate_only):
            for url in made_postgres:
                scale_data.drop_postgres(options.postgres_url, url)
    if stopped and options.generate_only:
        raise SystemExit(130)
    if stopped:
        # A stage measured even in part replaces the last results' one; every other figure is kept from them.
        say("stopped: writing the figures measured so far; the others are kept from the last results")
        _drop_unmeasured(result)
    if options.keep_previous or stopped:
        keep_previous(result, options.results / "scale.json")
    result["headline_scale"] = headline_scale(result["runs"], options.headline)
    result["minutes"] = round((time.perf_counter() - started) / 60, 1)
    report(result, options)
    if stopped:
        raise SystemExit(130)
    return result


def _drop_unmeasured(result: dict[str, Any]) -> None:
    """Forget a stage stopped before its first figure (while it picked its questions or caught the service's statements)."""
    for scale in list(result["runs"]):
        for database, run in list(result["runs"][scale].items()):
            if run.get("stopped") and not run.get("raw_sql"):
                del result["runs"][scale][database]
        if not result["runs"][scale]:
            del result["runs"][scale]


def _stop_on_sigterm() -> None:
    """A `kill` stops the run like Ctrl-C does: servers are stopped and the figures so far are written."""
    def interrupt(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


if __name__ == "__main__":
    _stop_on_sigterm()
    main()
