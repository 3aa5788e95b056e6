"""Aggregates for dashboards: one GROUP BY per question, over the engagements GET /engagements lists.

Every engagement condition comes from `app.engagements.repository.matching`, so a filter
means the same here as on the list. A year is the year of `start_date` (the first day of a
partial date), extracted portably: STRFTIME on SQLite, EXTRACT on PostgreSQL.
"""

from typing import Any

from sqlalchemy import ColumnElement, Integer, Row, cast, extract, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.curation.service import visible
from app.engagements.filters import EngagementFilters
from app.engagements.repository import matching
from app.models import AgreedAction, Engagement, Location, Participation, Person
from app.models.enums import DatePrecision

# Precisions at which the month of a start date is known.
_MONTH_KNOWN = (DatePrecision.month, DatePrecision.day)


def _start(part: str) -> ColumnElement[int]:
    # PostgreSQL's EXTRACT answers numeric; the cast makes both databases answer integers.
    return cast(extract(part, Engagement.start_date), Integer)


def engagements_by_year(session: Session, filters: EngagementFilters) -> list[Row[Any]]:
    year = _start("year")
    statement = (
        select(year.label("year"), func.count().label("count"))
        .where(*matching(filters))
        .group_by(year)
        .order_by(year.is_(None), year)
    )
    return list(session.execute(statement))


def engagements_by_month(session: Session, filters: EngagementFilters) -> list[Row[Any]]:
    year, month = _start("year"), _start("month")
    statement = (
        select(year.label("year"), month.label("month"), func.count().label("count"))
        .where(*matching(filters), Engagement.start_precision.in_(_MONTH_KNOWN))
        .group_by(year, month)
        .order_by(year, month)
    )
    return list(session.execute(statement))


def engagements_by(session: Session, filters: EngagementFilters, *columns: Any) -> list[Row[Any]]:
    """Matching engagements counted per value of `columns` (type, mode, the country pair), most first."""
    count = func.count()
    statement = (
        select(*columns, count.label("count"))
        .where(*matching(filters))
        .group_by(*columns)
        .order_by(count.desc(), *columns)
    )
    return list(session.execute(statement))


def engagements_by_location(session: Session, filters: EngagementFilters) -> list[Row[Any]]:
    # An alias: the `location` filter's own subquery on Location must not correlate to this join.
    held_at = aliased(Location)
    place = (held_at.id, held_at.name, held_at.country_code, held_at.latitude, held_at.longitude)
    count = func.count(Engagement.id)
    statement = (
        select(held_at.id.label("location_id"), *place[1:], count.label("count"))
        .select_from(Engagement)
        .join(held_at, held_at.id == Engagement.location_id)
        .where(*matching(filters), visible(held_at))
        .group_by(*place, held_at.name_key)
        .order_by(count.desc(), held_at.name_key, held_at.id)
    )
    return list(session.execute(statement))


def actions_by_status(session: Session, filters: EngagementFilters) -> list[Row[Any]]:
    count = func.count(AgreedAction.id)
    statement = (
        select(AgreedAction.status, count.label("count"))
        .join(Engagement, Engagement.id == AgreedAction.engagement_id)
        .where(visible(AgreedAction), *matching(filters))
        .group_by(AgreedAction.status)
        .order_by(count.desc(), AgreedAction.status)
    )
    return list(session.execute(statement))


def actions_by_year(session: Session, filters: EngagementFilters) -> list[Row[Any]]:
    """Per start year: agreed-action records, and the numbers articles reported (summed)."""
    # Actions counted per engagement first, so that joining them cannot repeat an engagement's
    # reported number once per action.
    recorded = (
        select(AgreedAction.engagement_id, func.count().label("actions"))
        .where(visible(AgreedAction))
        .group_by(AgreedAction.engagement_id)
        .subquery()
    )
    year = _start("year")
    count = cast(func.coalesce(func.sum(recorded.c.actions), 0), Integer)
    reported = cast(func.coalesce(func.sum(Engagement.agreed_actions_reported), 0), Integer)
    statement = (
        select(year.label("year"), count.label("count"), reported.label("reported"))
        .select_from(Engagement)
        .outerjoin(recorded, recorded.c.engagement_id == Engagement.id)
        .where(*matching(filters))
        .group_by(year)
        .having(or_(count > 0, reported > 0))
        .order_by(year.is_(None), year)
    )
    return list(session.execute(statement))


def participants_by_engagements(session: Session, filters: EngagementFilters, limit: int) -> list[Row[Any]]:
    """The officials in most matching engagements; a participation counts while it is visible."""
    # Aliases: the `official` and `person_id` filters' own subqueries on Participation and
    # Person must not correlate to this join.
    person, took_part = aliased(Person), aliased(Participation)
    count = func.count(took_part.id)
    statement = (
        select(person.id.label("person_id"), person.name, person.country_code, count.label("engagement_count"))
        .join(took_part, took_part.person_id == person.id)
        .join(Engagement, Engagement.id == took_part.engagement_id)
        .where(visible(person), visible(took_part), *matching(filters))
        .group_by(person.id, person.name, person.name_key, person.country_code)
        .order_by(count.desc(), person.name_key, person.id)
        .limit(limit)
    )
    return list(session.execute(statement))
