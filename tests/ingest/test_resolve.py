"""Entity-resolution rules as tables: no database needed."""

import pytest

from app.ingest.resolve import acronym_spells, person_names_match, series_key
from app.text_keys import fold_key


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("José Vizcarra Álvarez", "Jose Vizcarra Alvarez", True),
        ("Phil Ryan", "Phil Ryan", True),
        ("Phil Ryan", "Philip Ryan", True),
        ("J. Vizcarra", "José Vizcarra Álvarez", True),
        ("Walter Astudillo", "Walter Astudillo", True),
        ("Daniel R. Walrath", "Daniel Walrath", True),
        ("Walter Astudillo", "Walter Martos", False),
        ("Maria Gomez", "Mario Gomez", False),
        ("Vizcarra", "José Vizcarra Álvarez", False),
        ("Victor Bezada", "Vitorio Bossio", False),
    ],
)
def test_person_names_match(first: str, second: str, same: bool) -> None:
    assert person_names_match(fold_key(first), fold_key(second)) is same
    assert person_names_match(fold_key(second), fold_key(first)) is same


@pytest.mark.parametrize(
    ("acronym", "name", "spells"),
    [
        ("USARSOUTH", "U.S. Army South", True),
        ("ARSOUTH", "U.S. Army South", True),
        ("SOUTHCOM", "U.S. Southern Command", True),
        ("USSOUTHCOM", "U.S. Southern Command", True),
        ("DoD", "Department of Defense", True),
        ("SOUTH", "U.S. Army South", False),
        ("USARSOUTH", "U.S. Southern Command", False),
        ("US", "U.S. Army South", False),
    ],
)
def test_acronym_spells(acronym: str, name: str, spells: bool) -> None:
    assert acronym_spells(acronym, fold_key(name)) is spells


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("U.S.-Peruvian Army Staff Talks", "U.S.-Peru Army Staff Talks", True),
        ("Peru-U.S. Army Staff Talks", "U.S.-Peru Army Staff Talks", True),
        ("U.S.-Peru Army Staff Talks", "U.S.-Chile Army Staff Talks", False),
        ("U.S.-Peru Army Staff Talks", "U.S.-Peru Navy Staff Talks", False),
    ],
)
def test_series_key(first: str, second: str, same: bool) -> None:
    assert (series_key(first) == series_key(second)) is same
