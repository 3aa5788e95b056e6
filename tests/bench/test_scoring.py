"""Unit tests for the pure matching/scoring functions in bench/scoring.py."""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def _load(name: str, path: Path) -> ModuleType:
    # bench/ is not a package (and `bench` would clash with this test folder's name),
    # so load the module from its path.
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


scoring = _load("bench_scoring", REPO_ROOT / "bench" / "scoring.py")


def person(name: str, rank: str | None = None, title: str | None = None, org: str | None = None,
           country: str | None = None) -> dict[str, Any]:
    return {"name": name, "rank": rank, "title": title, "organization": org, "country": country}


def engagement(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "title": "4th Colombia-Chile Army Staff Talks",
        "type": "staff_talks",
        "start_date": "2025-03-03",
        "end_date": "2025-03-07",
        "mode": "in_person",
        "location": {"name": "Santiago", "country": "CL"},
        "countries": ["CO", "CL"],
        "participants": [
            person("Andrés Felipe Rojas Quintero", "Maj. Gen.", "chief of staff", "Colombian Army", "CO"),
            person("Cristián Muñoz Sepúlveda", "Brig. Gen.", "director of international relations", "Chilean Army", "CL"),
        ],
        "agreed_actions_reported": 27,
    }
    base.update(overrides)
    return base


def document(*engagements: dict[str, Any], published: str | None = "2025-03-10", **extra: Any) -> dict[str, Any]:
    return {"file": "a.txt", "published": published, "engagements": list(engagements), **extra}


GOLD = document(engagement(), not_participants=["Valentina Ortiz Reyes"])


def metric(pred: dict[str, Any], gold: dict[str, Any], name: str) -> Any:
    return scoring.score_document(pred, gold).metrics[name]


# --------------------------------------------------------------------------- text helpers


@pytest.mark.parametrize(
    ("predicted", "expected", "matches"),
    [
        ("José Vizcarra Álvarez", "Jose Vizcarra Alvarez", True),
        ("JOSÉ VIZCARRA ÁLVAREZ", "josé vizcarra álvarez", True),
        ("Nguyen Van Hung", "Nguyễn Văn Hùng", True),
        ("Tran Quang Dung", "Trần Quang Dũng", True),
        ("Dang Minh", "Đặng Minh", True),
        ("Andrzej Wisniewski", "Andrzej Wiśniewski", True),
        ("Kwame Owusu Ansah", "Kwame Owusu-Ansah", True),
        ("Andrés Rojas", "Andrés Felipe Rojas Quintero", True),  # second surname dropped
        ("Rojas", "Andrés Felipe Rojas Quintero", False),  # one token is too weak
        ("Andrés Quintero Rojas", "Andrés Felipe Rojas Quintero", False),  # wrong order
        ("Phil Ryan", "Daniel Walrath", False),
        ("", "Phil Ryan", False),
    ],
)
def test_name_matches(predicted: str, expected: str, matches: bool) -> None:
    assert scoring.name_matches(predicted, expected) is matches


@pytest.mark.parametrize(
    ("predicted", "expected", "matches"),
    [
        ("Maj. Gen.", "Major General", True),
        ("Maj Gen", "Maj. Gen.", True),
        ("Lt. Gen.", "Lieutenant General", True),
        ("Rear Adm.", "Rear Admiral", True),
        ("Brig. Gen.", "Maj. Gen.", False),
        (None, "Col.", False),
    ],
)
def test_rank_match(predicted: str | None, expected: str | None, matches: bool) -> None:
    assert scoring.rank_match(predicted, expected) is matches


@pytest.mark.parametrize(
    ("predicted", "expected", "matches"),
    [
        ("USARSOUTH commanding general", "commanding general", True),
        ("Chief of the Defence Staff", "chief of the defence staff", True),
        ("Chilean Army", "Ejército de Chile", False),
        ("Santiago de Chile", "Santiago", True),
        ("Sant", "Santiago", False),  # containment is on word boundaries only
        (None, "Lima", False),
    ],
)
def test_loose_text_match(predicted: str | None, expected: str | None, matches: bool) -> None:
    assert scoring.loose_text_match(predicted, expected) is matches


# --------------------------------------------------------------------------- matching


def test_match_engagements_pairs_by_type_date_and_countries() -> None:
    visit = engagement(type="visit", start_date="2025-06-02", end_date=None)
    talks = engagement()
    other_pair = engagement(countries=["BR", "FR"])
    assert scoring.match_engagements([talks, visit], [visit, talks]) == [(1, 0), (0, 1)]
    assert scoring.match_engagements([other_pair], [talks]) == []


def test_unrelated_engagement_of_same_type_does_not_match() -> None:
    assert scoring.match_engagements([engagement(countries=["JP", "PH"])], [engagement()]) == []


# --------------------------------------------------------------------------- scores


@pytest.mark.parametrize("name", scoring.METRIC_ORDER)
def test_perfect_prediction_scores_one(name: str) -> None:
    pred = copy.deepcopy(GOLD)
    counts = metric(pred, GOLD, name)
    if counts.gold == 0 and counts.predicted == 0:
        pytest.skip(f"{name} has no slots in the fixture")
    assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0)


@pytest.mark.parametrize(
    ("predicted_engagements", "expected_recall", "expected_precision"),
    [
        ([engagement()], 0.5, 1.0),  # second engagement missed
        ([], 0.0, None),  # nothing extracted: recall 0, precision undefined
        ([engagement(), engagement(type="visit", start_date="2025-06-02", end_date=None)], 1.0, 1.0),
    ],
)
def test_missed_engagement_lowers_recall(
    predicted_engagements: list[dict[str, Any]], expected_recall: float, expected_precision: float | None
) -> None:
    gold = document(engagement(), engagement(type="visit", start_date="2025-06-02", end_date=None))
    counts = metric(document(*predicted_engagements), gold, "engagement")
    assert counts.recall == expected_recall
    assert counts.precision == expected_precision


def test_spurious_engagement_lowers_precision_only() -> None:
    extra = engagement(type="exercise", start_date=None, end_date=None)
    counts = metric(document(engagement(), extra), GOLD, "engagement")
    assert (counts.precision, counts.recall) == (0.5, 1.0)


@pytest.mark.parametrize(
    ("extra_people", "expected_precision"),
    [
        ([], 1.0),
        ([person("Valentina Ortiz Reyes", "Capt.", None, "Chilean Army Public Affairs", "CL")], 2 / 3),
        ([person("Valentina Ortiz Reyes"), person("Rodrigo Sánchez Vergara")], 0.5),
    ],
)
def test_extra_byline_participant_lowers_precision(
    extra_people: list[dict[str, Any]], expected_precision: float
) -> None:
    pred = copy.deepcopy(GOLD)
    pred["engagements"][0]["participants"] += extra_people
    counts = metric(pred, GOLD, "participants")
    assert counts.recall == 1.0
    assert counts.precision == pytest.approx(expected_precision)


def test_byline_is_reported_as_forbidden_participant() -> None:
    pred = copy.deepcopy(GOLD)
    pred["engagements"][0]["participants"].append(person("Valentina Ortiz"))
    assert scoring.score_document(pred, GOLD).forbidden_participants == ["Valentina Ortiz"]


@pytest.mark.parametrize(
    "predicted_names",
    [
        ["Andres Felipe Rojas Quintero", "Cristian Munoz Sepulveda"],
        ["ANDRÉS FELIPE ROJAS QUINTERO", "cristián muñoz sepúlveda"],
        ["Andrés Rojas Quintero", "Cristián Muñoz"],
    ],
)
def test_accent_and_case_insensitive_names_match(predicted_names: list[str]) -> None:
    pred = copy.deepcopy(GOLD)
    for participant, new_name in zip(pred["engagements"][0]["participants"], predicted_names):
        participant["name"] = new_name
    counts = metric(pred, GOLD, "participants")
    assert (counts.precision, counts.recall) == (1.0, 1.0)


@pytest.mark.parametrize(
    ("field", "wrong_value", "metric_name"),
    [
        ("type", "meeting", "type"),
        ("start_date", "2025-03", "start_date"),
        ("end_date", "2025-03-08", "end_date"),
        ("mode", "virtual", "mode"),
        ("location", {"name": "Valparaíso", "country": "CL"}, "location"),
        ("location", {"name": "Santiago", "country": "DO"}, "location_country"),
        ("countries", ["CO", "PE"], "countries"),
        ("agreed_actions_reported", 72, "agreed_actions_reported"),
    ],
)
def test_wrong_field_value_scores_zero_for_that_field(field: str, wrong_value: Any, metric_name: str) -> None:
    pred = copy.deepcopy(GOLD)
    pred["engagements"][0][field] = wrong_value
    counts = metric(pred, GOLD, metric_name)
    assert counts.tp == 0
    assert counts.recall == 0.0


def test_value_invented_for_empty_gold_slot_lowers_precision() -> None:
    gold = document(engagement(end_date=None, agreed_actions_reported=None))
    pred = document(engagement(end_date="2025-03-04", agreed_actions_reported=3))
    for name in ("end_date", "agreed_actions_reported"):
        counts = metric(pred, gold, name)
        assert counts.precision == 0.0
        assert counts.recall is None


@pytest.mark.parametrize(
    ("attribute", "predicted", "correct"),
    [
        ("rank", "Major General", True),
        ("rank", "Lt. Gen.", False),
        ("title", "Colombian Army chief of staff", True),
        ("organization", "Colombian Army", True),
        ("organization", "Colombian Navy", False),
        ("country", "co", True),
        ("country", "CL", False),
    ],
)
def test_participant_attributes(attribute: str, predicted: str, correct: bool) -> None:
    pred = copy.deepcopy(GOLD)
    pred["engagements"][0]["participants"][0][attribute] = predicted
    counts = metric(pred, GOLD, f"participant.{attribute}")
    assert counts.tp == (2 if correct else 1)


@pytest.mark.parametrize(
    ("predicted", "expected", "tp", "n_pred", "n_gold"),
    [
        ("2025-03-10", "2025-03-10", 1, 1, 1),
        ("2025-03-11", "2025-03-10", 0, 1, 1),
        (None, "2025-03-10", 0, 0, 1),
        ("2025-03-10", None, 0, 1, 0),
    ],
)
def test_published(predicted: str | None, expected: str | None, tp: int, n_pred: int, n_gold: int) -> None:
    counts = metric(document(engagement(), published=predicted), document(engagement(), published=expected),
                    "published")
    assert (counts.tp, counts.predicted, counts.gold) == (tp, n_pred, n_gold)


def test_corpus_scores_missing_prediction_as_empty_and_micro_averages() -> None:
    gold_a = document(engagement())
    gold_b = {**document(engagement(countries=["JP", "PH"])), "file": "b.txt"}
    totals, per_doc = scoring.score_corpus([copy.deepcopy(gold_a)], [gold_a, gold_b])
    assert [d.file for d in per_doc] == ["a.txt", "b.txt"]
    assert (totals["engagement"].tp, totals["engagement"].predicted, totals["engagement"].gold) == (1, 1, 2)
    assert totals["participants"].recall == 0.5


def test_error_document_is_recorded() -> None:
    result = scoring.score_document({"file": "a.txt", "error": "not UTF-8"}, GOLD)
    assert result.error == "not UTF-8"
    assert result.metrics["engagement"].recall == 0.0


def test_markdown_table_lists_every_metric() -> None:
    totals, _ = scoring.score_corpus([GOLD], [GOLD])
    table = scoring.markdown_table(totals)
    for name in scoring.METRIC_ORDER:
        assert f"| {name} |" in table
    assert "n/a" not in table.splitlines()[2]  # engagement row is defined


def test_extraction_quality_cli_scores_saved_predictions(tmp_path: Path) -> None:
    """End to end through the script with --predictions (no extractor needed)."""
    quality = _load("bench_extraction_quality", REPO_ROOT / "bench" / "extraction_quality.py")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("SANTIAGO, Chile - ...", encoding="utf-8")
    (articles / "a.expected.json").write_text(json.dumps(GOLD), encoding="utf-8")
    predictions = tmp_path / "pred.json"
    predictions.write_text(json.dumps({"documents": [GOLD]}), encoding="utf-8")
    out = tmp_path / "result.json"
    assert quality.main([str(articles), "--predictions", str(predictions), "--output", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["metrics"]["engagement"]["f1"] == 1.0
    assert report["metrics"]["participants"]["precision"] == 1.0
