"""Parsing of query and body values shared by several resources: countries, dates, text."""

import calendar
import re
from datetime import date, datetime
from typing import Annotated, Any

import pycountry
from pydantic import BeforeValidator, WithJsonSchema

from app.errors import InvalidParameter
from app.extraction.countries import country_code as extracted_country_code
from app.extraction.records import PartialDate
from app.text_keys import fold_key

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# ISO 8601 as people type it: a day, or a day and a time, with or without a zone (none is UTC).
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
TIMESTAMP_LENGTH = 35

# Dates anyone may send: wide enough for history and plans, narrow enough that no date
# arithmetic (a zone offset, the end of a month) runs off the calendar Python and the databases share.
FIRST_YEAR, LAST_YEAR = 1800, 2200
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
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidParameter(name, f"'{value}' is outside the years {FIRST_YEAR}-{LAST_YEAR}.", location)
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        exact = date(year, month, day)
    except ValueError as exc:
        raise InvalidParameter(name, f"'{value}' is not a valid date: {exc}.", location) from None
    return exact, exact


def within_years(value: date | None, name: str, location: str = "query") -> None:
    """422 for a date or time outside FIRST_YEAR-LAST_YEAR (a rule the published schema cannot state)."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InvalidParameter(name, f"'{value.isoformat()}' is outside the years {FIRST_YEAR}-{LAST_YEAR}.", location)


def _timestamp_form(value: Any) -> Any:
    # Pydantic alone also takes Unix seconds ("0.5") and any length of fraction.
    if not isinstance(value, str) or len(value) > TIMESTAMP_LENGTH or not _TIMESTAMP.match(value):
        raise ValueError("use an ISO 8601 date or date-time, e.g. 2025-05-01 or 2025-05-01T12:00:00Z")
    return value


Timestamp = Annotated[
    datetime,
    BeforeValidator(_timestamp_form),
    WithJsonSchema(
        {"anyOf": [{"type": "string", "format": "date-time", "maxLength": TIMESTAMP_LENGTH}, {"type": "string", "format": "date", "maxLength": 10}]}
    ),
]


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
