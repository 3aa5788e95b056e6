"""Parsing of query and body values shared by several resources: countries and partial dates."""

import calendar
import re
from datetime import date

import pycountry

from app.errors import InvalidParameter
from app.extraction.countries import country_code as extracted_country_code
from app.extraction.records import PartialDate
from app.text_keys import fold_key

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def country_code(value: str, name: str = "country", location: str = "query") -> str:
    """An ISO 3166-1 alpha-2 code from a code or an English name ('pe', 'Peru' -> 'PE')."""
    cleaned = value.strip()
    found = pycountry.countries.get(alpha_2=cleaned.upper()) if len(cleaned) == 2 else None
    if found is None and len(cleaned) == 3:
        found = pycountry.countries.get(alpha_3=cleaned.upper())
    if found is None and len(cleaned) > 3:
        try:
            found = pycountry.countries.lookup(cleaned)
        except LookupError:
            found = None
    if found is not None:
        return str(found.alpha_2)
    # The names articles use ('UK', 'Britain', 'South Korea') are known to the extractor.
    alias = extracted_country_code(cleaned)
    if alias is None:
        raise InvalidParameter(name, f"'{value}' is not an ISO 3166-1 country code or name.", location)
    return alias


def partial_date_bounds(value: str, name: str, location: str = "query") -> tuple[date, date]:
    """First and last day of 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'."""
    match = _PARTIAL_DATE.match(value.strip())
    if not match:
        raise InvalidParameter(name, f"'{value}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD.", location)
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        exact = date(year, month, day)
    except ValueError as exc:
        raise InvalidParameter(name, f"'{value}' is not a valid date: {exc}.", location) from None
    return exact, exact


def partial_date(value: str, name: str, location: str = "body") -> PartialDate:
    """'2025' -> year precision, '2025-05' -> month, '2025-05-05' -> day: the format is the precision."""
    first, _ = partial_date_bounds(value, name, location)
    parts = value.strip().count("-")
    return PartialDate(first, ("year", "month", "day")[parts])  # type: ignore[arg-type]


def folded_term(value: str | None, name: str) -> str | None:
    """A search term folded like the stored name keys; 422 when nothing searchable is left."""
    if value is None:
        return None
    key = fold_key(value)
    if not key:
        raise InvalidParameter(name, f"'{value}' has no letters or digits to search for.")
    return key


def plain_text(value: str | None, name: str) -> str | None:
    """A free-text search term; control characters (PostgreSQL refuses NUL) are a 422."""
    if value is None:
        return None
    if _CONTROL.search(value):
        raise InvalidParameter(name, "The search term contains control characters.")
    return value.strip() or None
