"""Keeping an engagement's partial dates and its covered day range consistent."""

from app.extraction.records import PartialDate
from app.models import Engagement
from app.models.enums import DatePrecision


def apply_dates(engagement: Engagement, start: PartialDate, end: PartialDate | None = None) -> None:
    """Set start/end with their precisions and the earliest/latest days they can cover."""
    known_start = start.first_day() is not None
    engagement.start_date = start.first_day()
    engagement.start_precision = DatePrecision(start.precision if known_start else "unknown")
    known_end = known_start and end is not None and end.first_day() is not None
    engagement.end_date = end.first_day() if known_end and end else None
    engagement.end_precision = DatePrecision(end.precision) if known_end and end else None
    engagement.earliest_date = start.first_day()
    last = (end.last_day() if known_end and end else None) or start.last_day()
    engagement.latest_date = last
