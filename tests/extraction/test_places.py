"""Places: installations table, installation shapes, cities with a country or a locative cue."""

from __future__ import annotations

import pytest

from app.extraction.places import extract_places


@pytest.mark.parametrize(
    ("text", "name", "country", "kind"),
    [
        ("assembled in Lima, Peru, for talks", "Lima", "PE", "city"),
        ("met at the Pentagon for a discussion", "the Pentagon", "US", "building"),
        ("will visit Miami, Florida, from June", "Miami", "US", "city"),
        ("talks at Camp Aguinaldo in Quezon City", "Camp Aguinaldo", "PH", "installation"),
        ("flew to Clark Air Base on Monday", "Clark Air Base", "PH", "installation"),
        ("held at Fort Sam Houston, Texas", "Fort Sam Houston", "US", "installation"),
        ("commenced at Chandimandir Military Station, Haryana", "Chandimandir Military Station", None, "installation"),
        ("gathered in Jakarta on 26 February", "Jakarta", "ID", "city"),
        ("ministers met in Warsaw, Poland", "Warsaw", "PL", "city"),
    ],
)
def test_place(text: str, name: str, country: str | None, kind: str) -> None:
    places = {p.name: p for p in extract_places(text)}
    assert name in places, list(places)
    place = places[name]
    assert place.country == country
    assert place.kind == kind
    span = place.evidence[0]
    assert text[span.start : span.end] == name
    if kind != "installation" or country:
        assert place.latitude is not None and place.longitude is not None


@pytest.mark.parametrize(
    "text",
    ["Mobile units were deployed.", "Reading the report, Victoria agreed.", "Date Posted: 05.12.2025", "The Nice weather"],
)
def test_common_words_are_not_cities(text: str) -> None:
    assert extract_places(text) == []


def test_hint_prefers_side_country() -> None:
    [place] = extract_places("They met in Lima for talks.", hints=("PE", "US"))
    assert place.country == "PE"
