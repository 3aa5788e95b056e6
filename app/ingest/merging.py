"""What a new mention may change on a row that already exists: only empty fields no person set.

Heuristic: the first document to state a value keeps it; a later one fills gaps and refines
dates to a finer range inside the known one. A field listed in `curated_fields` is never
written, even when it is empty: a person may have cleared it on purpose.
"""

from datetime import date

from app.engagements.dates import apply_dates
from app.extraction.records import EngagementMention
from app.models import Engagement
from app.models.curation import Curated
from app.models.enums import DatePrecision, EngagementMode

_FINENESS = {DatePrecision.unknown: 0, DatePrecision.year: 1, DatePrecision.month: 2, DatePrecision.day: 3}


def writable(record: Curated, *names: str) -> bool:
    """Whether the loader may write these fields: a person set none of them."""
    return not set(names) & set(record.curated_fields or ())


def fill(record: Curated, name: str, value: object) -> None:
    """Set an empty field the extraction knows, unless a person set it."""
    if value is not None and getattr(record, name) is None and writable(record, name):
        setattr(record, name, value)


def same_engagement(
    candidate: Engagement,
    mention: EngagementMention,
    pair: tuple[str, str],
    location_id: int | None,
    series_id: int | None,
    edition: int | None,
    first: date | None,
    last: date | None,
) -> bool:
    """Same series and edition, or same type, overlapping days and same place (see load.py)."""
    if (candidate.country_a, candidate.country_b) != pair:
        return False
    if series_id is not None and candidate.series_id == series_id:
        if edition is not None and candidate.edition is not None:
            return edition == candidate.edition
    elif candidate.series_id is not None and series_id is not None:
        return False  # two different series
    if candidate.type != mention.type or first is None or last is None or candidate.earliest_date is None:
        return False
    if candidate.latest_date is None or candidate.earliest_date > last or candidate.latest_date < first:
        return False
    if location_id is not None and candidate.location_id is not None:
        return location_id == candidate.location_id
    # A place is missing on one side: only dates known to the day are specific enough.
    return mention.start.precision == "day" and candidate.start_precision == DatePrecision.day


def merge_engagement(engagement: Engagement, mention: EngagementMention, location_id: int | None, series_id: int | None, edition: int | None) -> None:
    """Fill what the row lacks; refine dates only to a finer range inside the known one."""
    fill(engagement, "location_id", location_id)
    if writable(engagement, "series_id", "edition"):
        if engagement.series_id is None and series_id is not None:
            engagement.series_id, engagement.edition = series_id, edition
        elif engagement.series_id == series_id and engagement.edition is None:
            engagement.edition = edition
    fill(engagement, "summary", mention.summary)
    fill(engagement, "agreed_actions_reported", mention.agreed_actions_reported)
    if engagement.mode == EngagementMode.unknown and mention.mode != "unknown" and writable(engagement, "mode"):
        engagement.mode = EngagementMode(mention.mode)
    if not writable(engagement, "start_date", "end_date"):
        return
    finer = _FINENESS[DatePrecision(mention.start.precision)] > _FINENESS[engagement.start_precision]
    first, last = mention.start.first_day(), (mention.end or mention.start).last_day()
    inside = (
        first is not None and last is not None and engagement.earliest_date is not None
        and engagement.latest_date is not None and engagement.earliest_date <= first and last <= engagement.latest_date
    )
    if engagement.start_date is None or (finer and inside):
        apply_dates(engagement, mention.start, mention.end)
