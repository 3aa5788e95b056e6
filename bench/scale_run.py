"""One scale on one database: the service, Datasette (SQLite only) and the raw-SQL floor.

Order matters on a small machine: the floor is measured with no server running, then the
service alone, then Datasette alone, so no side competes with another for the cores. Each
HTTP question is warmed up, then held for a fixed time with one connection (the p99 target)
and with several (throughput). The CSV export is timed whole, a few times, while the
server's process tree is sampled for memory, against its idle memory just before.
"""

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import load_tool
import raw_sql
import scale_queries
import servers
from fastapi.testclient import TestClient
from scale_data import reset_app_settings

from app import db
from app.main import create_app

MB = 1024 * 1024


def capture(database_url: str, questions: list[scale_queries.Question]) -> dict[str, Any]:
    """For each question: the SQL the app runs and its JSON answer (in process, same database)."""
    reset_app_settings(database_url)
    os.environ["ENGAGEMENTS_LOG_LEVEL"] = "warning"  # create_app configures logging: no line per request
    caught: dict[str, Any] = {}
    with TestClient(create_app()) as client:
        engine = db.get_engine()
        for question in questions:
            statements = raw_sql.capture(engine, client, question.path)
            answer = None if question.kind == "export" else client.get(question.path).json()
            caught[question.name] = {"statements": statements, "answer": answer}
    db.get_engine().dispose()
    return caught


def export(base: str, path: str, pid: int, repeats: int) -> dict[str, Any]:
    """The whole CSV download, once to warm up and `repeats` times timed (0: the one download is timed, cold),
    streamed and dropped; the tree's memory throughout.

    The idle memory is taken first, so a download that leaves memory behind shows as growth.
    """
    servers.wait_idle(pid)
    time.sleep(1.0)
    idle_total, idle_single = servers.tree_memory(pid)
    timings, rows, size = [], 0, 0
    with servers.MemorySampler(pid) as sampler, httpx.Client(timeout=600) as client:
        for attempt in range(1 + repeats):
            started = time.perf_counter()
            rows = size = 0
            with client.stream("GET", base + path) as response:
                response.raise_for_status()
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    rows += chunk.count(b"\n")
            if attempt or not repeats:
                timings.append(time.perf_counter() - started)
    best = min(timings)
    return {
        "seconds": round(best, 2),
        "rows": rows - 1,  # the header; a quoted newline inside a field would count too (there are none)
        "rows_per_second": round((rows - 1) / best),
        "megabytes": round(size / 1e6, 1),
        "idle_rss_mb": round(idle_total / MB, 1),
        "peak_rss_mb": round(sampler.peak_total / MB, 1),
        "peak_rss_growth_mb": round((sampler.peak_total - idle_total) / MB, 1),
        "idle_largest_process_mb": round(idle_single / MB, 1),
        "peak_largest_process_mb": round(sampler.peak_single / MB, 1),
    }


def drive(
    wrk: str, base_url: Callable[[scale_queries.Question], str], questions: list[scale_queries.Question],
    pid: int, options: Any, say: Callable[[str], None], processes: int = 1, figures: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """wrk on every HTTP question: a warm-up of every serving process, one connection, then
    `concurrency` connections; idle server between runs. Each question's figures go into
    `figures` as soon as they are measured, so a run stopped halfway keeps them."""
    figures = {} if figures is None else figures
    for question in questions:
        if question.kind == "export":
            continue
        url = base_url(question)
        if options.warmup > 0:
            # Two connections per process: each worker (its own SQLite page cache, its own
            # compiled statements) serves the question before the measured connection, which
            # may land on any of them. With one warm-up connection, the measured one could meet
            # a cold worker, whose first requests (120-290 ms at 100,000) were then the p99.
            load_tool.run(wrk, url, options.warmup, connections=2 * processes)
            servers.wait_idle(pid)
        single = load_tool.run(wrk, url, options.duration, connections=1)
        single["waited_for_idle_s"] = round(servers.wait_idle(pid), 1)
        figures[question.name] = {"single": single}
        if options.concurrency > 1:
            concurrent = load_tool.run(wrk, url, options.duration, connections=options.concurrency)
            concurrent["waited_for_idle_s"] = round(servers.wait_idle(pid), 1)
            figures[question.name]["concurrent"] = concurrent
        say(f"    {question.name:<22} {single['requests_per_second']:>8.1f} req/s  p50 {_ms(single['p50_ms'])} ms  p99 {_ms(single['p99_ms'])} ms"
            + (f"  errors {single['errors']}" if single["errors"] else ""))
    return figures


def _ms(value: float | None) -> str:
    """A latency for the log; none when no request finished within the duration."""
    return f"{value:>7.2f}" if value is not None else "   none"


def run(
    database: str, database_url: str, sqlite_path: Path | None, options: Any, wrk: str | None, say: Callable[[str], None],
    datasette_export: bool = True, result: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Every figure for one generated database; `datasette_export=False` leaves out Datasette's CSV download.

    Figures go into `result` as each is measured: when the run is stopped (Ctrl-C), the
    caller still holds everything measured before it.
    """
    result = {} if result is None else result
    params = scale_queries.pick(_engine(database_url))
    questions = scale_queries.questions(params)
    caught = capture(database_url, questions)
    result.update({"load_average_before": round(os.getloadavg()[0], 2), "parameters": params,
                   "questions": {q.name: {"label": q.label, "kind": q.kind, "path": q.path} for q in questions}})
    for question in questions:  # how many records a list question matches: what an exact total must count
        answer = caught[question.name]["answer"]
        if question.kind == "list" and isinstance(answer, dict) and "total" in answer:
            result["questions"][question.name]["matches"] = answer["total"]

    say("  raw SQL (the service's own statements, replayed on the driver)")
    raw = result["raw_sql"] = {}
    for question in questions:
        raw[question.name] = raw_sql.measure(database_url, caught[question.name]["statements"], options.duration, warmup=min(1.0, options.warmup))
        say(f"    {question.name:<22} {raw[question.name]['requests_per_second']:>8.1f} calls/s p50 {raw[question.name]['p50_ms']:>7.2f} ms"
            f"  p99 {raw[question.name]['p99_ms']:>7.2f} ms  ({raw[question.name]['statements']} statements)")

    csv = next(q for q in questions if q.kind == "export")
    workers = options.workers or os.cpu_count() or 1
    if wrk is None:
        say("  service: skipped (no wrk)")
    else:
        say(f"  service: engagements serve --workers {workers}")
        with servers.service(database_url, workers) as (base, pid):
            result["service_rss_after_start_mb"] = round(servers.tree_memory(pid)[0] / MB, 1)
            result["service_workers"] = workers
            drive(wrk, lambda q: base + q.path, questions, pid, options, say, processes=workers, figures=result.setdefault("service", {}))
            result["service_export"] = export(base, csv.path, pid, options.export_repeats)
            say(f"    csv_export             {result['service_export']['seconds']} s, {result['service_export']['rows']} rows,"
                f" RSS idle {result['service_export']['idle_rss_mb']} MB -> peak {result['service_export']['peak_rss_mb']} MB")

    if sqlite_path is not None and wrk is not None and options.datasette:
        if servers.datasette_binary() is None:
            result["datasette_skipped"] = "datasette is not installed"
            say("  datasette: skipped (not installed)")
        else:
            say("  datasette serve -i (same file)")
            _datasette(sqlite_path, questions, caught, wrk, options, say, datasette_export, result)
    result["load_average_after"] = round(os.getloadavg()[0], 2)
    return result


def _datasette(path: Path, questions: list[scale_queries.Question], caught: dict[str, Any], wrk: str, options: Any,
               say: Callable[[str], None], export_csv: bool, result: dict[str, Any]) -> None:
    """Datasette's figures, its same-rows checks and the questions it could not answer, into `result` as measured."""
    name = path.stem
    csv = next(q for q in questions if q.kind == "export")
    same: dict[str, bool] = result.setdefault("datasette_same_rows", {})
    gaps: dict[str, str] = result.setdefault("datasette_gaps", {})
    with servers.datasette(path) as (base, pid):
        answered = []
        for question in questions:
            if question.kind == "export":
                continue
            try:
                answer = httpx.get(question.datasette_url(base, name), timeout=120)
                answer.raise_for_status()
            except httpx.HTTPError as exc:
                # At a million engagements some equivalents outlast Datasette's 30 s limit (a 400):
                # that question gets no Datasette figure, and the run goes on.
                detail = exc.response.text[:200] if isinstance(exc, httpx.HTTPStatusError) else str(exc)
                gaps[question.name] = f"{exc.__class__.__name__}: {detail}"
                say(f"    {question.name}: Datasette did not answer ({gaps[question.name][:100]})")
                continue
            answered.append(question)
            same[question.name] = scale_queries.same_answer(question, caught[question.name]["answer"], answer.json())
            if not same[question.name]:
                say(f"    {question.name}: Datasette's rows differ from the service's (see {question.name} in the JSON)")
        drive(wrk, lambda q: q.datasette_url(base, name), answered, pid, options, say, figures=result.setdefault("datasette", {}))
        exported = result["datasette_export"] = export(base, f"/{name}{csv.datasette_path}", pid, options.export_repeats) if export_csv else {}
        if exported:
            say(f"    csv_export             {exported['seconds']} s, {exported['rows']} rows")


def _engine(database_url: str) -> Any:
    reset_app_settings(database_url)
    return db.get_engine()


def dump(value: Any) -> str:
    return json.dumps(value, indent=2, default=str)
