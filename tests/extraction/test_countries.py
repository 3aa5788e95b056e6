"""Countries from names, abbreviations, demonyms, compounds and organisations."""

from __future__ import annotations

import pytest

from app.extraction.countries import country_code, extract_countries, main_pair


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("United States", "US"), ("U.S.", "US"), ("US", "US"), ("Peruvian", "PE"), ("Filipino", "PH"),
        ("Philippine", "PH"), ("Polish", "PL"), ("Colombian", "CO"), ("Brazilian", "BR"), ("British", "GB"),
        ("Peru's", "PE"), ("Japan", "JP"), ("Viet Nam", "VN"), ("Türkiye", "TR"), ("USARSOUTH", "US"),
        ("SOUTHCOM", "US"), ("Bundeswehr", "DE"), ("Kenyan", "KE"), ("Ghanaian", "GH"), ("Nowhere", None),
    ],
)
def test_country_code(surface: str, code: str | None) -> None:
    assert country_code(surface) == code


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("the 11th annual U.S.-Peru Army Staff Talks", ("US", "PE")),
        ("US-Philippine cooperation grew", ("US", "PH")),
        ("the Japan-Philippines reciprocal access agreement", ("JP", "PH")),
        ("Polish and German ministers met; Poland hosted Germany.", ("PL", "DE")),
        ("The Colombian Army and the Chilean Army met in Santiago, Chile.", ("CO", "CL")),
    ],
)
def test_main_pair(text: str, pair: tuple[str, str]) -> None:
    assert main_pair(text, extract_countries(text)) == pair


@pytest.mark.parametrize(
    "text",
    ["Latin American nations", "in the Indian Ocean", "USARSOUTH staff", "Jordan Smith spoke"],
)
def test_not_countries(text: str) -> None:
    codes = {m.code for m in extract_countries(text) if m.kind != "organization"}
    assert codes <= {"US"} if "USARSOUTH" in text else not codes


def test_evidence_points_at_surface() -> None:
    text = "The U.S.-Peru talks"
    for mention in extract_countries(text):
        span = mention.evidence[0]
        assert text[span.start : span.end] == mention.surface
