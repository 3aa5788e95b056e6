"""The filters GET /engagements accepts, validated once and shared by every query on them."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated

from fastapi import Query

from app.errors import InvalidParameter
from app.models.enums import EngagementMode, EngagementType, ReviewState
from app.query_params import country_code, folded_term, partial_date_bounds, plain_text

SORTABLE = ("start_date", "title", "type", "edition", "id", "agreed_actions_reported")
# Every accepted `sort`, so the published schema lists them: a column, or '-' and a column.
EngagementSort = StrEnum("EngagementSort", {**{key: key for key in SORTABLE}, **{f"{key}_desc": f"-{key}" for key in SORTABLE}})  # type: ignore[misc]
TEXT = 200  # longest accepted search term


@dataclass(frozen=True)
class EngagementFilters:
    year: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    official: str | None = None  # folded
    person_id: int | None = None
    country: str | None = None
    type: EngagementType | None = None
    mode: EngagementMode | None = None
    location: str | None = None  # folded
    location_id: int | None = None
    series: str | None = None  # folded
    q: str | None = None
    review_state: ReviewState | None = None
    sort: str = "-start_date"

    @property
    def narrows(self) -> bool:
        """Whether anything but the default visibility limits the engagements (the sort does not)."""
        return any(value is not None for name, value in vars(self).items() if name != "sort")

    @property
    def looked_up_elsewhere(self) -> bool:
        """Whether a filter finds its matches through another table (a name, a word, a series):
        every match is then found before a page can be sorted, so counting them costs nothing more."""
        return any(value is not None for value in (self.official, self.person_id, self.q, self.location, self.series))


async def engagement_filters(
    year: Annotated[int | None, Query(ge=1800, le=2200, description="Engagements whose dates overlap this year.", examples=[2025])] = None,
    date_from: Annotated[str | None, Query(max_length=10, description="Overlapping on or after: YYYY, YYYY-MM or YYYY-MM-DD.", examples=["2024-06"])] = None,
    date_to: Annotated[str | None, Query(max_length=10, description="Overlapping on or before: YYYY, YYYY-MM or YYYY-MM-DD.", examples=["2025"])] = None,
    official: Annotated[str | None, Query(min_length=1, max_length=TEXT, description="Part of a participant's name; case- and accent-insensitive.", examples=["walrath"])] = None,
    person_id: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="A participant's id.")] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=60, description="Either side: ISO 3166-1 alpha-2 code or English name.", examples=["PE"])] = None,
    type: Annotated[EngagementType | None, Query(description="Engagement type.")] = None,
    mode: Annotated[EngagementMode | None, Query(description="In person, virtual or hybrid.")] = None,
    location: Annotated[str | None, Query(min_length=1, max_length=TEXT, description="Part of the location's name.", examples=["lima"])] = None,
    location_id: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="A location's id.")] = None,
    series: Annotated[str | None, Query(min_length=1, max_length=TEXT, description="Part of the series' name.", examples=["staff talks"])] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=TEXT, description="Text in the title, summary or supporting evidence.", examples=["interoperability"])] = None,
    review_state: Annotated[ReviewState | None, Query(description="Only records in this review state (default: all but rejected).", examples=["pending"])] = None,
    sort: Annotated[EngagementSort, Query(description=f"One of {', '.join(SORTABLE)}; prefix '-' for descending.", examples=["-start_date"])] = EngagementSort("-start_date"),
) -> EngagementFilters:
    """Validate the query once, turning names into keys and partial dates into day bounds."""
    start = partial_date_bounds(date_from, "date_from")[0] if date_from else None
    end = partial_date_bounds(date_to, "date_to")[1] if date_to else None
    if start and end and end < start:
        raise InvalidParameter("date_to", "date_to is before date_from.")
    return EngagementFilters(
        year=year,
        date_from=start,
        date_to=end,
        official=folded_term(official, "official"),
        person_id=person_id,
        country=country_code(country) if country else None,
        type=type,
        mode=mode,
        location=folded_term(location, "location"),
        location_id=location_id,
        series=folded_term(series, "series"),
        q=plain_text(q, "q"),
        review_state=review_state,
        sort=sort.value,
    )

