"""Prefiltered patterns find exactly what the plain patterns find."""

import random
import re
import sys
from pathlib import Path

import pytest

from app.extraction import (
    actions,
    affiliations,
    dates,
    document,
    engagements,
    people,
    pipeline,
    places,
    ranks,
    triggers,
)
from app.extraction.prefilter import EXTRA_FOLDS, Prefiltered, prefiltered

ARTICLES = sorted((Path(__file__).parent / "articles").glob("*.txt"))
# characters re.I folds onto ASCII letters, non-ASCII digits, capitals, dashes and quotes
ODD = ["\u017ftaff talks", "\u212aing", "v\u0130sit", "v\u0131sit", "\u0661\u0662 May", "May \u0663", "UNDER WAY",
       "Exerci\u017fe", "30th", "٣rd", "– 5", "’s", "\n", "Jan.", "Sept. 3–5, 2024", "Sun", "SUNDAY"]


def _patterns() -> dict[str, Prefiltered]:
    found = {}
    found["places._installation_pattern"] = places._installation_pattern().prepare()
    for module in (actions, affiliations, dates, document, engagements, people, pipeline, places, ranks, triggers):
        for name, value in vars(module).items():
            items = value if isinstance(value, list) else [value]
            for index, item in enumerate(items):
                pattern = item[-1] if isinstance(item, tuple) else item
                if isinstance(pattern, Prefiltered):
                    found[f"{module.__name__}.{name}[{index}]"] = pattern.prepare()
    return found


def _texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in ARTICLES]
    rng = random.Random(5)
    words = " ".join(texts).split()[:4000] + ODD
    texts += [" ".join(rng.choice(words) for _ in range(300)) for _ in range(30)]
    return texts


PATTERNS = _patterns()
TEXTS = _texts()


def _spans(matches) -> list[tuple]:
    return [(m.span(), m.groups()) for m in matches]


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_prefiltered_matches_plain(name: str) -> None:
    pattern = PATTERNS[name]
    for text in TEXTS:
        assert _spans(pattern.finditer(text)) == _spans(pattern.regex.finditer(text))
        middle = len(text) // 3
        assert _spans(pattern.finditer(text, middle, 2 * middle)) == _spans(pattern.regex.finditer(text, middle, 2 * middle))
        plain = pattern.regex.search(text, middle)
        fast = pattern.search(text, middle)
        assert (fast and fast.span()) == (plain and plain.span())


def test_most_patterns_get_a_starts_pattern() -> None:
    # staff talks may open with any word ("staff-to-staff"), so it is searched as it is
    without = sorted(name for name, pattern in PATTERNS.items() if pattern.starts is None)
    assert without == ["app.extraction.triggers.TRIGGERS[0]"]


def test_whitespace_ends_before_u3001() -> None:
    assert not any(chr(c).isspace() for c in range(0x3001, sys.maxunicode + 1))


@pytest.mark.parametrize(("pattern", "flags", "text"), [
    (r"\bweek\b", re.I, "this WEE\u212a and next week"),
    (r"\bstaff\b", re.I, "\u017fTAFF staff"),
    (r"\b\d+th\b", 0, "the \u0661\u0662th and 12th"),
    (r"(?:x|y)?z", 0, "z xz yz"),
    (r"(?<![\w])[A-Z]\w+", 0, "Alpha beta Gamma"),
    (r"a{0,3}b", re.I, "AAAB aab b"),
    (r"^\s*By (\w+)", re.M, "By Ann\n  By Bob\nx By Carl\nBy\nBy Dee"),
    (r"^[A-Z]+,", re.M, "ROME, x\nPARIS, y\n\nOSLO,"),
])
def test_edge_cases(pattern: str, flags: int, text: str) -> None:
    fast = prefiltered(pattern, flags)
    for pos in range(len(text) + 1):
        assert _spans(fast.finditer(text, pos)) == _spans(fast.regex.finditer(text, pos))
        for last in range(pos, len(text) + 1):
            plain = fast.regex.search(text, pos)
            expected = plain if plain is not None and plain.start() <= last else None
            found = fast.search_by(text, pos, len(text), last)
            assert (found and found.span()) == (expected and expected.span())


def test_extra_folds_are_the_only_non_ascii_matches_of_ascii_letters() -> None:
    others = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    found = {}
    for letter in "abcdefghijklmnopqrstuvwxyz":
        hits = "".join(re.findall(letter, others, re.I))
        if hits:
            found[letter] = hits
    assert found == EXTRA_FOLDS


@pytest.mark.parametrize(("pattern", "flags", "text"), [
    (r"\b(?:[\w-]+[ -]to[ -][\w-]+ )?staff talks\b", re.I, "army-to-army \u017fTAFF TAL\u212aS and staff talks"),
    (r"(?:later|earlier)\s+this\s+year|this\s+year", re.I, "later  this year, THIS YEAR"),
    (r"(?:ab|cd)+efg", 0, "abcdefg cdefg efg"),
    (r"x(?=abc)abc|yyy", 0, "xabc yyy"),
])
def test_gated_edge_cases(pattern: str, flags: int, text: str) -> None:
    fast = prefiltered(pattern, flags, gated=True).prepare()
    assert fast.gate is not None
    for pos in range(len(text) + 1):
        assert _spans(fast.finditer(text, pos)) == _spans(fast.regex.finditer(text, pos))
