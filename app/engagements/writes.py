"""Use cases for changing engagements: create, and the validation every change goes through."""

from typing import Any

from sqlalchemy.orm import Session

from app.auth.actor import Actor
from app.curation import service as curation
from app.curation.references import load_live, referenced
from app.engagements.dates import apply_dates
from app.engagements.schemas import EngagementCreate
from app.errors import InvalidParameter, InvalidReference
from app.extraction.records import PartialDate
from app.models import Engagement, Location, Series
from app.query_params import country_code, partial_date
from app.schema_base import partial_iso

_DATE_COLUMNS = ("start_date", "start_precision", "end_date", "end_precision", "earliest_date", "latest_date")


def load(session: Session, engagement_id: int, include_deleted: bool = False) -> Engagement:
    return load_live(session, Engagement, engagement_id, include_deleted)


def create(session: Session, actor: Actor, body: EngagementCreate) -> Engagement:
    """A new engagement stated by a person (accepted, every field curated)."""
    engagement = Engagement()
    values = prepare(session, engagement, body.model_dump(exclude_unset=True), creating=True)
    if "start_date" not in values:
        apply_dates(engagement, PartialDate.unknown())
    return curation.create(session, actor, engagement, values, body.model_fields_set)


def prepare(session: Session, engagement: Engagement, changes: dict[str, Any], creating: bool = False) -> dict[str, Any]:
    """Turn a validated body into column values, checking what only the database knows."""
    values = {k: v for k, v in changes.items() if k not in ("countries", "start_date", "end_date")}
    if "countries" in changes:
        codes = sorted(country_code(code, "countries", "body") for code in changes["countries"])
        if codes[0] == codes[1]:
            raise InvalidParameter("countries", "An engagement is between two different countries.", "body")
        values["country_a"], values["country_b"] = codes
    if "start_date" in changes or "end_date" in changes:
        values.update(_dates(engagement, changes))
    referenced(session, Location, changes.get("location_id"), "location_id")
    _check_series(session, changes.get("series_id"))
    series_id = changes.get("series_id", None if creating else engagement.series_id)
    edition = changes.get("edition", None if creating else engagement.edition)
    if edition is not None and series_id is None:
        raise InvalidParameter("edition", "An edition number needs a series (series_id).", "body")
    if "series_id" in changes and changes["series_id"] is None and "edition" not in changes:
        values["edition"] = None  # an edition means nothing without its series
    return values


def _check_series(session: Session, series_id: int | None) -> None:
    # Series are not curated records (no soft delete): existence is enough.
    if series_id is not None and session.get(Series, series_id) is None:
        raise InvalidReference("series_id", "Series", series_id)


def _dates(engagement: Engagement, changes: dict[str, Any]) -> dict[str, Any]:
    """Start and end as partial dates; the format sets the precision, so they always agree."""
    current_start = partial_iso(engagement.start_date, engagement.start_precision)
    current_end = partial_iso(engagement.end_date, engagement.end_precision)
    start_text = changes["start_date"] if "start_date" in changes else current_start
    end_text = changes["end_date"] if "end_date" in changes else current_end
    start = partial_date(start_text, "start_date") if start_text else PartialDate.unknown()
    end = partial_date(end_text, "end_date") if end_text else None
    if end is not None and start.first_day() is None:
        raise InvalidParameter("end_date", "An end date needs a start date.", "body")
    if end is not None and start.first_day() is not None and end.first_day() < start.first_day():  # type: ignore[operator]
        raise InvalidParameter("end_date", "The end date is before the start date.", "body")
    scratch = Engagement()
    apply_dates(scratch, start, end)
    return {column: getattr(scratch, column) for column in _DATE_COLUMNS}
