"""Core-fact tests of the extractor on articles about non-US-Peru country pairs.

Each tests/extraction/articles/NAME.txt has a hand-written NAME.expected.json (the
ideal `engagements extract --json` document plus `not_participants`: bylines,
photographers, spokespeople and officials only mentioned). The assertions cover the
facts any reasonable extractor must get; softer fields (titles, organisations) are
left to the benchmark in bench/extraction_quality.py.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTICLES_DIR = Path(__file__).resolve().parent / "articles"
ARTICLES = sorted(ARTICLES_DIR.glob("*.txt"))


def _load_scoring() -> ModuleType:
    # Reuse the benchmark's name folding and engagement pairing so tests and
    # benchmark agree on what "the same person" and "the same engagement" mean.
    spec = importlib.util.spec_from_file_location("bench_scoring", REPO_ROOT / "bench" / "scoring.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_scoring", module)
    spec.loader.exec_module(module)
    return module


scoring = _load_scoring()


def _extract_document(article: Path) -> dict[str, Any]:
    # Imported here, not at module level, so a missing extractor fails these tests
    # one by one instead of breaking collection of the whole suite.
    from app.extraction.contract import to_contract_document
    from app.extraction.pipeline import extract

    text = article.read_text(encoding="utf-8")
    return to_contract_document(article.name, text, extract(text))


def _expected(article: Path) -> dict[str, Any]:
    return json.loads(article.with_name(article.stem + ".expected.json").read_text(encoding="utf-8"))


def _describe(engagement: dict[str, Any]) -> str:
    return f"{engagement.get('type')} {engagement.get('start_date')} {sorted(engagement.get('countries') or [])}"


def _paired(actual: list[dict[str, Any]], expected: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    pairs = scoring.match_engagements(actual, expected)
    unmatched = [_describe(expected[j]) for j in range(len(expected)) if j not in {e for _, e in pairs}]
    assert not unmatched, f"no extracted engagement matches {unmatched}; got {[_describe(a) for a in actual]}"
    return [(actual[i], expected[j]) for i, j in pairs]


def _location_ok(actual: dict[str, Any] | None, expected: dict[str, Any] | None) -> bool:
    if expected is None:
        return actual is None or not (actual.get("name") or actual.get("country"))
    if actual is None:
        return False
    same_country = str(actual.get("country") or "").upper() == expected["country"].upper()
    # Case- and accent-insensitive; "Chandimandir" for "Chandimandir Military Station" is fine.
    return same_country and scoring.loose_text_match(actual.get("name"), expected["name"])


def test_articles_are_present() -> None:
    assert len(ARTICLES) >= 10
    for article in ARTICLES:
        assert article.with_name(article.stem + ".expected.json").exists(), article.name


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_core_facts(article: Path) -> None:
    expected = _expected(article)
    document = _extract_document(article)

    assert document["file"] == article.name
    assert document.get("published") == expected["published"]
    actual_engagements = document["engagements"]
    assert len(actual_engagements) == len(expected["engagements"]), [_describe(e) for e in actual_engagements]

    for actual, gold in _paired(actual_engagements, expected["engagements"]):
        where = f"{article.name}: {gold['title']}"
        assert actual["type"] == gold["type"], where
        assert {c.upper() for c in actual["countries"]} == set(gold["countries"]), where
        assert actual.get("start_date") == gold["start_date"], where
        assert actual.get("end_date") == gold["end_date"], where
        assert actual.get("mode") == gold["mode"], where
        assert _location_ok(actual.get("location"), gold["location"]), f"{where}: {actual.get('location')}"
        assert actual.get("agreed_actions_reported") == gold["agreed_actions_reported"], where

        names = [p["name"] for p in actual.get("participants") or []]
        for person in gold["participants"]:
            assert any(scoring.name_matches(n, person["name"]) for n in names), f"{where}: {person['name']} not in {names}"


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_bylines_and_mentioned_officials_are_not_participants(article: Path) -> None:
    expected = _expected(article)
    document = _extract_document(article)
    names = [p["name"] for e in document["engagements"] for p in e.get("participants") or []]
    wrongly_included = [
        n for n in names for outsider in expected["not_participants"] if scoring.name_matches(n, outsider)
    ]
    assert not wrongly_included, f"{article.name}: not participants: {wrongly_included}"


@pytest.mark.parametrize("article", ARTICLES, ids=[a.stem for a in ARTICLES])
def test_expected_file_is_consistent_with_its_article(article: Path) -> None:
    """Guards the hand-written expectations themselves (runs without the extractor)."""
    expected = _expected(article)
    text = scoring.fold(article.read_text(encoding="utf-8"))
    assert expected["file"] == article.name
    for engagement in expected["engagements"]:
        assert engagement["type"] in {"staff_talks", "meeting", "visit", "exercise", "training", "conference", "other"}
        assert len(engagement["countries"]) == 2
        for person in engagement["participants"]:
            assert scoring.fold(person["name"]) in text, person["name"]
    for outsider in expected["not_participants"]:
        assert scoring.fold(outsider) in text, outsider
