"""bench/scale.py end to end at a tiny scale: 200 engagements, SQLite, one-second figures.

Not a timing test: it proves the harness works (a database generated and cached, the
service started and driven by wrk, the raw-SQL floor, Datasette answering the same rows,
the CSV export's memory, seed throughput through bench/seed_throughput.py, both result
files and a verdict per target), not how fast anything is. Without wrk it skips, saying so;
without Datasette (the bench extra) only the Datasette test skips.
"""

import importlib.util
import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.databases import reset_cached_settings

REPO_ROOT = Path(__file__).resolve().parents[2]


def _load_script() -> ModuleType:
    # bench/ is not a package (and `bench` would clash with this folder's name): load by path.
    spec = importlib.util.spec_from_file_location("bench_scale", REPO_ROOT / "bench" / "scale.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_scale"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    pytest.importorskip("psutil", reason="psutil is needed for the service's memory (pip install -e '.[bench]')")
    if shutil.which("wrk") is None:
        pytest.skip("wrk is not installed (apt-get install wrk; `make bench` installs it when run as root)")
    scale = _load_script()
    folder = tmp_path_factory.mktemp("scale")
    datasette = scale.scale_run.servers.datasette_binary() is not None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys.modules["scale_data"], "CACHE", folder / "cache")
        patch.setenv("DATABASE_URL", f"sqlite:///{folder / 'unused.db'}")  # the harness repoints it; restored after
        patch.setenv("ENGAGEMENTS_LOG_LEVEL", "warning")
        try:
            result = scale.main([
                "--scales", "200", "--headline", "200", "--databases", "sqlite", "--duration", "1", "--warmup", "1",
                "--concurrency", "1", "--export-repeats", "1", "--articles", "20", "--results", str(folder / "results"),
                *([] if datasette else ["--no-datasette"]),
            ])
        finally:
            reset_cached_settings()
    result["_results_folder"] = folder / "results"
    result["_cache"] = folder / "cache"
    return result


def test_every_question_is_asked_of_the_service_and_the_raw_floor(run: dict[str, Any]) -> None:
    sqlite = run["runs"]["200"]["sqlite"]
    questions = set(sqlite["questions"])
    assert len(questions) == 8
    assert set(sqlite["raw_sql"]) == questions
    assert set(sqlite["service"]) == questions - {"csv_export"}
    for name, figures in sqlite["service"].items():
        assert figures["single"]["requests"] > 0 and figures["single"]["errors"] == 0, (name, figures)
        assert figures["single"]["p50_ms"] <= figures["single"]["p99_ms"], name
    export = sqlite["service_export"]
    assert export["rows"] > 0 and export["peak_rss_mb"] >= export["idle_rss_mb"] > 0
    # Each list question records how many engagements or people it matched (its answer's total),
    # which the growth table sets beside the latency.
    matches = {name: q.get("matches") for name, q in sqlite["questions"].items() if q["kind"] == "list"}
    assert len(matches) == 5 and all(isinstance(n, int) and n > 0 for n in matches.values()), matches


def test_results_are_written_with_the_machine_and_a_verdict_per_target(run: dict[str, Any]) -> None:
    written = json.loads((run["_results_folder"] / "scale.json").read_text(encoding="utf-8"))
    assert written["machine"]["cores"] and written["machine"]["sqlite"]
    table = (run["_results_folder"] / "scale.md").read_text(encoding="utf-8")
    assert "| engagement detail |" in table and "| target | result | figure |" in table
    assert {check["result"] for check in written["targets"]} <= {"PASS", "FAIL", "MISSING"}
    assert any(check["target"].startswith("detail: p99") for check in written["targets"])
    assert list(run["_cache"].glob("engagements_200_*.db"))  # the generated file is cached for the next run


def test_seed_throughput_comes_from_bench_seed_throughput(run: dict[str, Any]) -> None:
    figures = run["seed_throughput"]["sqlite"]
    assert figures.get("documents_per_second", 0) > 0, figures


def test_datasette_answers_the_same_rows(run: dict[str, Any]) -> None:
    sqlite = run["runs"]["200"]["sqlite"]
    if "datasette" not in sqlite:
        pytest.skip("datasette is not installed (pip install -e '.[bench]'): the comparison was left out")
    assert sqlite["datasette_same_rows"] and all(sqlite["datasette_same_rows"].values()), sqlite["datasette_same_rows"]
    assert set(sqlite["datasette"]) == set(sqlite["service"])


@pytest.mark.parametrize(
    ("held", "wanted", "checked_at"),
    [
        (["10000", "100000", "1000000"], 100_000, 100_000),  # a run of 1,000,000 alone, 100,000 kept from before
        (["10000", "1000000"], 100_000, 1_000_000),  # not held: the largest
        ([], 100_000, 100_000),  # nothing measured yet
    ],
)
def test_targets_are_checked_at_the_headline_the_results_hold(held: list[str], wanted: int, checked_at: int) -> None:
    scale = sys.modules.get("bench_scale") or _load_script()
    assert scale.headline_scale(dict.fromkeys(held, {}), wanted) == checked_at


def test_a_stopped_run_writes_what_it_measured_and_keeps_the_rest(run: dict[str, Any], tmp_path: Path) -> None:
    # The last results hold a scale this run does not reach; the run is stopped (Ctrl-C) as the
    # service's CSV export begins, after every question was asked of the raw floor and the service.
    previous = json.loads((run["_results_folder"] / "scale.json").read_text(encoding="utf-8"))
    previous["runs"] = {"100": previous["runs"]["200"]}
    results = tmp_path / "results"
    results.mkdir()
    (results / "scale.json").write_text(json.dumps(previous), encoding="utf-8")
    scale = sys.modules["bench_scale"]

    def stopped_by_the_user(*_args: Any, **_kwargs: Any) -> None:
        raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys.modules["scale_data"], "CACHE", run["_cache"])
        patch.setattr(scale.scale_run, "export", stopped_by_the_user)
        patch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'unused.db'}")
        patch.setenv("ENGAGEMENTS_LOG_LEVEL", "warning")
        try:
            with pytest.raises(SystemExit) as stop:
                scale.main([
                    "--scales", "200", "--headline", "200", "--databases", "sqlite", "--duration", "1", "--warmup", "0",
                    "--concurrency", "1", "--articles", "20", "--no-datasette", "--results", str(results),
                ])
        finally:
            reset_cached_settings()
    assert stop.value.code == 130
    written = json.loads((results / "scale.json").read_text(encoding="utf-8"))
    measured = written["runs"]["200"]["sqlite"]
    assert measured["stopped"] is True
    questions = set(measured["questions"])
    assert set(measured["raw_sql"]) == questions and set(measured["service"]) == questions - {"csv_export"}
    assert "service_export" not in measured
    kept = written["runs"]["100"]["sqlite"]
    assert kept["from_previous_run"] == previous["started_at"] and kept["raw_sql"] == previous["runs"]["100"]["sqlite"]["raw_sql"]
    assert "seed_throughput" in written and written["seed_throughput"]["sqlite"]["from_previous_run"] == previous["started_at"]
    assert "the run was stopped before it finished" in (results / "scale.md").read_text(encoding="utf-8")
    export_target = next(c for c in written["targets"] if c["target"].startswith("CSV export of every engagement"))
    assert export_target["result"] == "MISSING"


def test_a_kill_stops_the_run_as_ctrl_c_does() -> None:
    # As a script, a SIGTERM (kill, a CI timeout) becomes the KeyboardInterrupt the run handles above.
    scale = sys.modules.get("bench_scale") or _load_script()
    before = signal.getsignal(signal.SIGTERM)
    try:
        scale._stop_on_sigterm()
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)  # the handler runs at the next bytecode; this is never reached
    finally:
        signal.signal(signal.SIGTERM, before)
