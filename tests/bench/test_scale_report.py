"""The scale report's growth checks, from hand-made runs: how latency grows with the data."""

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import scale_report  # noqa: E402


def _run(p50_ms: float | None, matches: int) -> dict[str, Any]:
    question = {"label": "engagements ?official=x", "kind": "list", "path": "/engagements?official=x", "matches": matches}
    return {"questions": {"by_official": question}, "raw_sql": {},
            "service": {"by_official": {"single": {"requests_per_second": 1.0, "p50_ms": p50_ms, "p99_ms": p50_ms}}}}


def _growth_check(runs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    checks = scale_report.targets(runs, 10_000, None)
    return next(c for c in checks if c["target"] == "sqlite by_official: sub-linear growth")


def test_growth_beside_the_matches_passes_below_k_1() -> None:
    runs = {"10000": {"sqlite": _run(4.0, 100)}, "100000": {"sqlite": _run(8.0, 1_000)}}
    check = _growth_check(runs)
    assert check["result"] == "PASS"
    assert "k=0.3; matches 100→1,000" in check["figure"]


def test_growth_against_the_matches_is_given_when_they_grew_faster_than_the_data() -> None:
    # 10x the data, 40x the matches (each scale picks its own name), 16x the latency: k = 1.2
    # against the engagements (FAIL stays), 0.75 against the matches.
    runs = {"100000": {"sqlite": _run(10.0, 1_000)}, "1000000": {"sqlite": _run(160.0, 40_000)}}
    check = _growth_check(runs)
    assert check["result"] == "FAIL"
    assert "k=1.2; matches 1,000→40,000, k per match 0.75" in check["figure"]
    [step] = scale_report.growth(runs, "sqlite")["by_official"]
    assert (step["exponent"], step["exponent_per_match"]) == (1.2, 0.75)


def test_no_growth_against_the_matches_when_they_hardly_grew() -> None:
    # Matches 1.5x: a ratio of latencies over so small a ratio of matches is noise, so none is given.
    runs = {"10000": {"sqlite": _run(4.0, 100)}, "100000": {"sqlite": _run(8.0, 150)}}
    [step] = scale_report.growth(runs, "sqlite")["by_official"]
    assert "exponent_per_match" not in step
    assert _growth_check(runs)["figure"].endswith("matches 100→150)")


def test_a_step_between_two_runs_says_so() -> None:
    # The same processor at another hour: its speed may differ, so the step is labelled.
    runs = {
        "10000": {"sqlite": _run(4.0, 100)},
        "100000": {"sqlite": _run(8.0, 1_000)},
        "1000000": {"sqlite": {**_run(16.0, 10_000), "from_previous_run": "2026-12-01 10:00 UTC"}},
    }
    steps = scale_report.growth(runs, "sqlite")["by_official"]
    assert [step.get("across_runs", False) for step in steps] == [False, True]
    assert _growth_check(runs)["figure"].endswith("100,000->1,000,000 p50 x2.0 (k=0.3; matches 1,000→10,000, k per match 0.3; across two runs)")


def test_a_question_no_request_of_which_finished_at_the_larger_scale_fails() -> None:
    # Before, that step was left out and the smaller scales' growth alone said PASS.
    runs = {"10000": {"sqlite": _run(4.0, 100)}, "100000": {"sqlite": _run(5.0, 1_000)}, "1000000": {"sqlite": _run(None, 10_000)}}
    check = _growth_check(runs)
    assert check["result"] == "FAIL"
    assert check["figure"].endswith("100,000->1,000,000: no request finished at 1,000,000")
    table = scale_report.growth(runs, "sqlite")["by_official"]
    assert [step["exponent"] for step in table] == [0.1, None]


def test_no_growth_is_computed_to_a_scale_kept_from_another_machine() -> None:
    # 1,000,000 kept from a run on a faster processor would make the growth look smaller than it is.
    here, there = "AMD EPYC", "Intel(R) Xeon(R) Processor"
    runs = {
        "10000": {"sqlite": {**_run(4.0, 100), "machine_cpu": here}},
        "100000": {"sqlite": {**_run(8.0, 1_000), "machine_cpu": here}},
        "1000000": {"sqlite": {**_run(9.0, 10_000), "machine_cpu": there, "from_previous_run": "2026-12-01 10:00 UTC"}},
    }
    assert [(step["from"], step["to"]) for step in scale_report.growth(runs, "sqlite")["by_official"]] == [(10_000, 100_000)]
    assert _growth_check(runs)["result"] == "PASS"
    result = {"machine": {"cpu": here, "cores": 2, "ram_gib": 8, "os": "Linux", "python": "3.11", "sqlite": "3.40",
                          "postgresql": None, "wrk": None, "datasette": None},
              "started_at": "2026-12-06 18:00 UTC", "minutes": 1, "options": {"duration": 1, "concurrency": 1},
              "runs": runs, "targets": []}
    assert f"on another machine ({there}), left out of the growth table" in scale_report.markdown(result)
