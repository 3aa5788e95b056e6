"""Countries named in a text: names, abbreviations, demonyms and well-known organisations.

Heuristic: one precompiled alternation of every country name (pycountry names plus the
informal aliases and demonyms in `data/demonyms.json`) and organisation names/acronyms
(`data/organizations.csv`; one starting with a country word, "Peruvian Army", is left to that
word), matched case-sensitively and longest-first, so "U.S.-Peru"
yields US and PE and "US-Philippine" yields US and PH. The two sides of an engagement are
the two countries that appear most (compounds "X-Y" weigh more).
Known failure: a person or place named like a country ("Jordan Smith", "Georgia" the US
state) is only filtered by a few local cues, so some slip through.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

import pycountry

from app.extraction.records import CountryMention, Span

_REGION_PREFIX = re.compile(r"(?:Latin|South|North|Central|Pan|Native)[\s-]$")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, tuple[str, str]]:
    """surface form -> (alpha-2, kind)"""
    lexicon: dict[str, tuple[str, str]] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value and "(" not in value:
                lexicon[value] = (country.alpha_2, "name")
    data = json.loads(resources.files("app.extraction.data").joinpath("demonyms.json").read_text("utf-8"))
    for surface, code in data["aliases"].items():
        kind = "abbreviation" if surface.replace(".", "").isupper() else "name"
        lexicon[surface] = (code, kind)
    for surface, code in data["demonyms"].items():
        lexicon.setdefault(surface, (code, "demonym"))
    for surface, code in organization_countries().items():
        # "Peruvian Army", "Ghana Armed Forces": the demonym/name inside already counts
        if surface.split()[0] not in lexicon:
            lexicon.setdefault(surface, (code, "organization"))
    return lexicon


@lru_cache(maxsize=1)
def organization_countries() -> dict[str, str]:
    """Well-known organisation names and acronyms -> the country they belong to."""
    text = resources.files("app.extraction.data").joinpath("organizations.csv").read_text("utf-8")
    return {row["name"]: row["country"] for row in csv.DictReader(text.splitlines())}


_KEY = re.compile(r"[\w'’]+")
_CANDIDATE_START = re.compile(r"(?<![\w])[A-ZÀ-Þ]")


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, ...]]:
    """leading word -> surfaces starting with it, longest first (a hand-made trie level:
    one big regex alternation of ~700 names is several times slower)."""
    index: dict[str, list[str]] = {}
    for surface in _lexicon():
        key = _KEY.match(surface)
        if key:
            index.setdefault(key.group(0), []).append(surface)
    return {key: tuple(sorted(values, key=len, reverse=True)) for key, values in index.items()}


def _matches(text: str) -> list[tuple[int, int, str]]:
    index = _index()
    found: list[tuple[int, int, str]] = []
    covered = -1
    for start_match in _CANDIDATE_START.finditer(text):
        start = start_match.start()
        if start < covered:
            continue
        key = _KEY.match(text, start)
        candidates = index.get(key.group(0)) if key else None
        if not candidates:
            continue
        for surface in candidates:
            end = start + len(surface)
            if text.startswith(surface, start) and (end == len(text) or not (text[end].isalnum() or text[end] == "_")):
                found.append((start, end, surface))
                covered = end
                break
    return found


def country_code(surface: str) -> str | None:
    """Alpha-2 for a name, alias, demonym or organisation, or None."""
    entry = _lexicon().get(surface.strip())
    if entry:
        return entry[0]
    stripped = re.sub(r"['’]s$", "", surface.strip())
    entry = _lexicon().get(stripped)
    return entry[0] if entry else None


def extract_countries(text: str) -> list[CountryMention]:
    mentions: list[CountryMention] = []
    lexicon = _lexicon()
    for start, end, surface in _matches(text):
        code, kind = lexicon[surface]
        before = text[max(0, start - 8) : start]
        after = text[end : end + 12]
        if kind == "demonym" and _REGION_PREFIX.search(before):
            continue  # "Latin American" is a region
        if surface in {"Indian", "Pacific"} and after.startswith(" Ocean"):
            continue
        if surface in {"Georgia", "Jordan", "Chad"} and (
            before.endswith(("Fort ", ", ")) or re.match(r"\s[A-Z][a-z]", after)
        ):
            continue  # Fort Georgia / Atlanta, Georgia / Jordan Smith
        if surface == "America" and re.match(r"['’]s\s+(?:Army|Navy|Air)", after) is None and before.endswith(("Latin ", "South ", "North ", "Central ")):
            continue
        confidence = 0.9 if kind in ("name", "abbreviation") else 0.8
        mentions.append(CountryMention(code, surface, kind, [Span(start, end)], f"country_{kind}", confidence))  # type: ignore[arg-type]
    return mentions


_COMPOUND_GAP = re.compile(r"^\s*(?:-|–|—|/)\s*$")


def compound_pairs(text: str, mentions: list[CountryMention]) -> list[tuple[str, str, Span]]:
    """Adjacent "X-Y" country compounds such as "U.S.-Peru" or "Japan-Philippines"."""
    pairs: list[tuple[str, str, Span]] = []
    for left, right in zip(mentions, mentions[1:]):
        gap = text[left.evidence[0].end : right.evidence[0].start]
        if left.code != right.code and len(gap) <= 3 and _COMPOUND_GAP.match(gap):
            pairs.append((left.code, right.code, Span(left.evidence[0].start, right.evidence[0].end)))
    return pairs


def main_pair(text: str, mentions: list[CountryMention]) -> tuple[str, str] | None:
    """The two sides the document is about, ordered as the text first pairs them."""
    scores: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for mention in mentions:
        weight = 0.5 if mention.kind == "organization" else 1.0
        scores[mention.code] += weight
        first_seen.setdefault(mention.code, mention.evidence[0].start)
    compounds = compound_pairs(text, mentions)
    for left, right, _ in compounds:
        scores[left] += 3
        scores[right] += 3
    ranked = [code for code, _ in scores.most_common()]
    if len(ranked) < 2:
        return None
    top = ranked[:2]
    for left, right, _ in compounds:
        if {left, right} == set(top):
            return left, right
    top.sort(key=lambda code: first_seen[code])
    return top[0], top[1]
