"""Dashboard aggregates: counts of what GET /engagements would list under the same filters."""

from sqlalchemy.orm import Session

from app.engagements.filters import EngagementFilters
from app.models import Engagement
from app.stats import repository
from app.stats.schemas import (
    ActionStatusCount,
    ActionYearCount,
    CountryPairCount,
    LocationCount,
    ModeCount,
    MonthCount,
    ParticipantCount,
    TypeCount,
    YearCount,
)


def engagements_by_year(session: Session, filters: EngagementFilters) -> list[YearCount]:
    """Engagements per start year, ascending; unknown dates last as year null."""
    return [YearCount.model_validate(row) for row in repository.engagements_by_year(session, filters)]


def engagements_by_month(session: Session, filters: EngagementFilters) -> list[MonthCount]:
    """Engagements per start month, ascending; only those dated at least to the month."""
    return [
        MonthCount(month=f"{row.year:04d}-{row.month:02d}", count=row.count)
        for row in repository.engagements_by_month(session, filters)
    ]


def engagements_by_type(session: Session, filters: EngagementFilters) -> list[TypeCount]:
    """Engagements per type, most first."""
    return [TypeCount.model_validate(row) for row in repository.engagements_by(session, filters, Engagement.type)]


def engagements_by_mode(session: Session, filters: EngagementFilters) -> list[ModeCount]:
    """Engagements per mode (in person, virtual, hybrid, unknown), most first."""
    return [ModeCount.model_validate(row) for row in repository.engagements_by(session, filters, Engagement.mode)]


def engagements_by_country_pair(session: Session, filters: EngagementFilters) -> list[CountryPairCount]:
    """Engagements per pair of countries, most first."""
    rows = repository.engagements_by(session, filters, Engagement.country_a, Engagement.country_b)
    return [CountryPairCount.model_validate(row) for row in rows]


def engagements_by_location(session: Session, filters: EngagementFilters) -> list[LocationCount]:
    """Engagements per place with its coordinates, most first; no place, no row."""
    return [LocationCount.model_validate(row) for row in repository.engagements_by_location(session, filters)]


def actions_by_status(session: Session, filters: EngagementFilters) -> list[ActionStatusCount]:
    """Agreed actions of the matching engagements per status, most first."""
    counted = sorted(repository.actions_by_status(session, filters), key=lambda pair: (-pair[1], pair[0]))
    return [ActionStatusCount(status=status, count=count) for status, count in counted]


def actions_by_year(session: Session, filters: EngagementFilters) -> list[ActionYearCount]:
    """Agreed-action records and reported numbers per start year of their engagements."""
    return [ActionYearCount.model_validate(row) for row in repository.actions_by_year(session, filters)]


def participants_by_engagements(session: Session, filters: EngagementFilters, limit: int) -> list[ParticipantCount]:
    """The officials who took part in most matching engagements."""
    rows = repository.participants_by_engagements(session, filters, limit)
    return [ParticipantCount.model_validate(row) for row in rows]
