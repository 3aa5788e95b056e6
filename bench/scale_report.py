"""The scale benchmark's report: the machine, per-question tables, growth across scales, targets.

Targets (the issue's, for SQLite at the headline scale, 2 cores): every list and detail
question p99 < 20 ms with one client and >= 1.5x Datasette's requests/s on the same
question (one client each: both answer one request at a time, so worker counts do not
decide it); statistics p99 < 50 ms; the CSV export of every engagement with the service's
whole process tree under 250 MB RSS; seed throughput >= 300 documents/s; latency growing
sub-linearly with the number of engagements (growth exponent < 1: p50 multiplies by less
than the data does). Beside a question's matches, the growth also gives k against them (p50 ∝
matches^k), which tells a cost that follows the answer from one that follows the table.
"""

import math
import os
import platform
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import psutil

LIST_P99_MS, STATS_P99_MS, DATASETTE_RATIO, EXPORT_RSS_MB, SEED_DOCS_PER_SECOND = 20.0, 50.0, 1.5, 250.0, 300.0
MATCHES_GROWTH_SHOWN = 2  # k against the matches is shown only when they at least doubled: below that it is noise


def machine(postgres_version: str | None, wrk: str | None) -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
    os_name = next((line.split("=", 1)[1].strip().strip('"') for line in _lines("/etc/os-release") if line.startswith("PRETTY_NAME=")), platform.system())
    wrk_version = None
    if wrk:
        wrk_version = subprocess.run([wrk, "--version"], capture_output=True, text=True).stdout.split(" [")[0].strip().removeprefix("wrk ")
    try:
        from importlib.metadata import version

        datasette = version("datasette")
    except Exception:  # noqa: BLE001 - not installed
        datasette = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "os": f"{os_name} ({platform.system()} {platform.release()})",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": postgres_version,
        "wrk": wrk_version,
        "datasette": datasette,
        "load_average_before": round(os.getloadavg()[0], 2),
    }


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def rows(run: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per question: service, Datasette and raw figures side by side, with the ratios."""
    table = []
    for name, question in run["questions"].items():
        raw = run["raw_sql"].get(name, {})
        if question["kind"] == "export":
            service, datasette = run.get("service_export", {}), run.get("datasette_export", {})
            row = {"question": name, "label": question["label"], "kind": "export",
                   "rps": _ratio(1, service.get("seconds")), "p50_ms": round(service["seconds"] * 1000) if service else None,
                   "p99_ms": None, "datasette_rps": _ratio(1, datasette.get("seconds")), "raw_rps": raw.get("requests_per_second")}
        else:
            service = run.get("service", {}).get(name, {})
            datasette = run.get("datasette", {}).get(name, {})
            single = service.get("single", {})
            row = {"question": name, "label": question["label"], "kind": question["kind"],
                   "rps": single.get("requests_per_second"), "p50_ms": single.get("p50_ms"), "p99_ms": single.get("p99_ms"),
                   "rps_concurrent": service.get("concurrent", {}).get("requests_per_second"),
                   "p99_concurrent_ms": service.get("concurrent", {}).get("p99_ms"),
                   "datasette_rps": datasette.get("single", {}).get("requests_per_second"),
                   "datasette_p99_ms": datasette.get("single", {}).get("p99_ms"),
                   "datasette_rps_concurrent": datasette.get("concurrent", {}).get("requests_per_second"),
                   "same_rows_as_datasette": run.get("datasette_same_rows", {}).get(name),
                   "raw_rps": raw.get("requests_per_second"), "raw_p50_ms": raw.get("p50_ms"), "raw_p99_ms": raw.get("p99_ms"),
                   "errors": single.get("errors", 0) + service.get("concurrent", {}).get("errors", 0)}
        row["service_vs_datasette"] = _ratio(row["rps"], row["datasette_rps"])
        row["service_vs_raw"] = _ratio(row["rps"], row["raw_rps"])
        if question["kind"] != "export":
            row["service_vs_datasette_concurrent"] = _ratio(row.get("rps_concurrent"), row.get("datasette_rps_concurrent"))
        table.append(row)
    return table


def growth(runs: dict[str, dict[str, Any]], database: str) -> dict[str, list[dict[str, Any]]]:
    """Per question, p50 from each scale to the next, and the exponent k in latency ~ engagements^k.

    Only between runs on the same processor (`machine_cpu`, stamped on every run): a scale kept
    from a run on another machine has no step to or from it.
    """
    scales = sorted(int(s) for s, by_db in runs.items() if database in by_db)
    out: dict[str, list[dict[str, Any]]] = {}
    for small, large in zip(scales, scales[1:]):
        a, b = runs[str(small)][database], runs[str(large)][database]
        if a.get("machine_cpu") != b.get("machine_cpu"):
            continue  # kept from a run on another processor: milliseconds across machines say nothing of growth
        for row_a, row_b in zip(rows(a), rows(b)):
            p_a, p_b = row_a["p50_ms"], row_b["p50_ms"]
            if not p_a:
                continue
            if not p_b:  # asked at the larger scale, and no request finished within the measured time
                out.setdefault(row_a["question"], []).append(
                    {"from": small, "to": large, "p50_from_ms": p_a, "p50_to_ms": None, "p50_ratio": None, "exponent": None}
                )
                continue
            exponent = math.log(p_b / p_a) / math.log(large / small)
            step = {"from": small, "to": large, "p50_from_ms": p_a, "p50_to_ms": p_b, "p50_ratio": round(p_b / p_a, 2), "exponent": round(exponent, 2)}
            if a.get("from_previous_run") != b.get("from_previous_run"):
                # Same processor, another hour: a shared machine's speed varies between runs by
                # more than some steps grow, so the reader is told which steps span two runs.
                step["across_runs"] = True
            # A question whose matches grow with the data (a common name or word) must count them
            # all for an exact total: its latency follows the matches rather than the data.
            m_a, m_b = (run["questions"][row_a["question"]].get("matches") for run in (a, b))
            if m_a and m_b:
                step["matches_from"], step["matches_to"] = m_a, m_b
                # Each scale picks its own name or word, so the matches may grow much faster than
                # the data (42x for 10x). k against the matches says whether the cost follows the
                # answer (k <= 1: the index finds the matches without reading the rest) or the table.
                if m_b >= MATCHES_GROWTH_SHOWN * m_a:
                    step["exponent_per_match"] = round(math.log(p_b / p_a) / math.log(m_b / m_a), 2)
            out.setdefault(row_a["question"], []).append(step)
    return out


def targets(runs: dict[str, dict[str, Any]], headline: int, seed: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Each target of the issue, PASS or FAIL (or MISSING when its figure was not measured), with the figure."""
    checks: list[dict[str, Any]] = []
    run = runs.get(str(headline), {}).get("sqlite")

    def check(name: str, ok: bool | None, figure: str) -> None:
        checks.append({"target": name, "result": "MISSING" if ok is None else ("PASS" if ok else "FAIL"), "figure": figure})

    if run is None:
        check(f"SQLite at {headline:,} engagements", None, "not run")
    else:
        for row in rows(run):
            if row["kind"] in ("list", "detail"):
                p99 = row["p99_ms"]
                check(f"{row['question']}: p99 < {LIST_P99_MS:g} ms (1 client)", _under(p99, row, LIST_P99_MS), _latency(p99, row))
                ratio = row["service_vs_datasette"]
                same = "" if row["same_rows_as_datasette"] else " (rows differ!)"
                figure = f"{ratio}x{same}"
                if ratio is None and row.get("datasette_rps") == 0:
                    figure = f"Datasette finished no request within the measured time (service {row['rps']} req/s)"
                check(f"{row['question']}: >= {DATASETTE_RATIO}x Datasette req/s (1 client)",
                      None if ratio is None else ratio >= DATASETTE_RATIO and bool(row["same_rows_as_datasette"]), figure)
            elif row["kind"] == "stats":
                p99 = row["p99_ms"]
                check(f"{row['question']}: p99 < {STATS_P99_MS:g} ms", _under(p99, row, STATS_P99_MS), _latency(p99, row))
        export = run.get("service_export")
        check(f"CSV export of every engagement: service RSS < {EXPORT_RSS_MB:g} MB (all processes)",
              None if not export else export["peak_rss_mb"] < EXPORT_RSS_MB,
              f"peak {export['peak_rss_mb']} MB (idle {export['idle_rss_mb']} MB)" if export else "not measured")
        check(f"CSV export: the largest single process (the worker streaming it) < {EXPORT_RSS_MB:g} MB",
              None if not export else export["peak_largest_process_mb"] < EXPORT_RSS_MB,
              f"peak {export['peak_largest_process_mb']} MB (idle {export['idle_largest_process_mb']} MB)" if export else "not measured")
        flat = [(int(s), by_db["sqlite"]["service_export"]["peak_rss_growth_mb"]) for s, by_db in sorted(runs.items(), key=lambda x: int(x[0]))
                if "sqlite" in by_db and "service_export" in by_db["sqlite"]]
        if len(flat) > 1:
            check("CSV export memory flat across scales (growth over idle, MB)",
                  flat[-1][1] < max(2 * flat[0][1], 30), ", ".join(f"{s:,}: +{g} MB" for s, g in flat))
    for database in ("sqlite", "postgresql"):
        for question, steps in growth(runs, database).items():
            kind = next(iter(runs.values()))[database]["questions"][question]["kind"] if database in next(iter(runs.values())) else "list"
            if kind not in ("list", "detail"):
                continue
            sub_linear = all(step["exponent"] is not None and step["exponent"] < 1 for step in steps)
            check(f"{database} {question}: sub-linear growth", sub_linear, "; ".join(_step(s) for s in steps))
    for database, figures in (seed or {}).items():
        rate = figures.get("documents_per_second") if isinstance(figures, dict) else None
        check(f"seed throughput on {database} >= {SEED_DOCS_PER_SECOND:g} documents/s", None if rate is None else rate >= SEED_DOCS_PER_SECOND,
              f"{rate} documents/s" if rate is not None else str(figures.get("gap", "not measured")))
    if not seed:
        check(f"seed throughput >= {SEED_DOCS_PER_SECOND:g} documents/s", None, "not measured")
    return checks


def _growth_cell(step: dict[str, Any]) -> str:
    if step["exponent"] is None:
        return f"{step['p50_from_ms']} ms→no request finished"
    return f"{step['p50_from_ms']}→{step['p50_to_ms']} ms (k={step['exponent']}){_matches(step)}{_across(step)}"


def _step(step: dict[str, Any]) -> str:
    if step["exponent"] is None:
        return f"{step['from']:,}->{step['to']:,}: no request finished at {step['to']:,}"
    return f"{step['from']:,}->{step['to']:,} p50 x{step['p50_ratio']} (k={step['exponent']}{_matches(step)}{_across(step)})"


def _across(step: dict[str, Any]) -> str:
    return "; across two runs" if step.get("across_runs") else ""


def _matches(step: dict[str, Any]) -> str:
    """`; matches 1,234→12,345` when both scales recorded how many records the question matched."""
    if "matches_from" not in step:
        return ""
    per_match = f", k per match {step['exponent_per_match']}" if "exponent_per_match" in step else ""
    return f"; matches {step['matches_from']:,}→{step['matches_to']:,}{per_match}"


def _under(p99: float | None, row: dict[str, Any], limit: float) -> bool | None:
    if p99 is None:
        return False if row.get("rps") == 0 else None  # measured, and not one request finished in time
    return p99 < limit


def _latency(p99: float | None, row: dict[str, Any]) -> str:
    return "no request finished within the measured time" if p99 is None and row.get("rps") == 0 else f"{p99} ms"


def _fmt(value: Any, suffix: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        value = f"{value:,.2f}" if value < 10 else f"{value:,.1f}" if value < 100 else f"{value:,.0f}"
    elif isinstance(value, int):
        value = f"{value:,}"
    return f"{value}{suffix}"


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gib']} GiB RAM; {m['os']}; Python {m['python']}; "
        f"SQLite {m['sqlite']}; PostgreSQL {m['postgresql'] or '–'}; wrk {(m['wrk'] or '–').removeprefix('wrk ')}; Datasette {m['datasette'] or '–'}. "
        f"Run {result['started_at']}, {result['minutes']} min.",
        "",
    ]
    for scale, by_db in sorted(result["runs"].items(), key=lambda x: int(x[0])):
        for database, run in by_db.items():
            made = run.get("database", {})
            generated = "database cached from an earlier run" if made.get("cached") else f"generated in {_fmt(made.get('seconds'))} s"
            if run.get("from_previous_run"):
                generated += f"; figures kept from the run of {run['from_previous_run']}"
                if run.get("machine_cpu") not in (None, m["cpu"]):
                    generated += f" on another machine ({run['machine_cpu']}), left out of the growth table"
            if run.get("stopped"):
                generated += "; the run was stopped before it finished: a dash is a figure it did not reach"
            lines += [
                f"**{database}, {int(scale):,} engagements** (service: {run.get('service_workers', '–')} workers; "
                f"{result['options']['duration']:g} s per figure; {generated}; load average {run.get('load_average_before')} before, "
                f"{run.get('load_average_after')} after; {run.get('seconds')} s)",
                "",
                "| question | req/s | p50 ms | p99 ms | req/s ×" + str(result["options"]["concurrency"]) + " | Datasette req/s | service/Datasette | raw SQL calls/s | service/raw |",
                "| --- | --: | --: | --: | --: | --: | --: | --: | --: |",
            ]
            for row in rows(run):
                same = "" if row.get("same_rows_as_datasette") in (None, True) else " ≠"
                lines.append(
                    f"| {row['label']} | {_fmt(row['rps'])} | {_fmt(row['p50_ms'])} | {_fmt(row['p99_ms'])} | {_fmt(row.get('rps_concurrent'))} | "
                    f"{_fmt(row['datasette_rps'])} | {_fmt(row['service_vs_datasette'], '×')}{same} | {_fmt(row['raw_rps'])} | {_fmt(row['service_vs_raw'], '×')} |"
                )
            export = run.get("service_export")
            if export:
                lines.append("")
                lines.append(
                    f"CSV export: {export['rows']:,} rows, {export['megabytes']} MB in {export['seconds']} s ({export['rows_per_second']:,} rows/s); "
                    f"service RSS (all processes) {run.get('service_rss_after_start_mb', '–')} MB after start, "
                    f"{export['idle_rss_mb']} MB idle before the export, peak {export['peak_rss_mb']} MB during it"
                    + (f"; Datasette {run['datasette_export']['seconds']} s" if run.get("datasette_export") else "")
                    + "."
                )
            lines.append("")
    for database in ("sqlite", "postgresql"):
        steps = growth(result["runs"], database)
        if steps:
            lines += [f"**Growth, {database}** (p50 at one client; k in p50 ∝ engagements^k, k < 1 is sub-linear; k per match in p50 ∝ matches^k)", "",
                      "| question | " + " | ".join(f"{s['from']:,}→{s['to']:,}" for s in next(iter(steps.values()))) + " |",
                      "| --- |" + " --: |" * len(next(iter(steps.values())))]
            for question, row in steps.items():
                lines.append(f"| {question} | " + " | ".join(_growth_cell(s) for s in row) + " |")
            lines.append("")
    seed = result.get("seed_throughput") or {}
    for database, figures in seed.items():
        if "documents_per_second" in figures:
            lines.append(f"Seed throughput ({database}, {figures.get('articles', '?'):,} generated articles): "
                         f"{figures['documents_per_second']} documents/s through extraction and loading.")
        else:
            lines.append(f"Seed throughput ({database}): not measured: {figures.get('gap')}.")
    lines += ["", "| target | result | figure |", "| --- | --- | --- |"]
    lines += [f"| {c['target']} | {c['result']} | {c['figure']} |" for c in result["targets"]]
    return "\n".join(lines) + "\n"
