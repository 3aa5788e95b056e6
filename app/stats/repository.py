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
from app.models import Engagement, Location, Participation, Person
from app.models.enums import ActionStatus, DatePrecision
from app.row_shapes import read_rows
from app.stats import tallies

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
    return list(read_rows(session, statement))


def engagements_by_month(session: Session, filters: EngagementFilters) -> list[Row[Any]]:
    year, month = _start("year"), _start("month")
    statement = (
        select(year.label("year"), month.label("month"), func.count().label("count"))
        .where(*matching(filters), Engagement.start_precision.in_(_MONTH_KNOWN))
        .group_by(year, month)
        .order_by(year, month)
    )
    return list(read_rows(session, statement))


def engagements_by(session: Session, filters: EngagementFilters, *columns: Any) -> list[Row[Any]]:
    """Matching engagements counted per value of `columns` (type, mode, the country pair), most first."""
    count = func.count()
    statement = (
        select(*columns, count.label("count"))
        .where(*matching(filters))
        .group_by(*columns)
        .order_by(count.desc(), *columns)
    )
    return list(read_rows(session, statement))


def engagements_by_location(session: Session, filters: EngagementFilters) -> list[Row[Any]]:
    # Counted per location_id first, from ix_engagement_location_visible alone; the few places
    # are joined after. An alias: the `location` filter's own subquery on Location must not
    # correlate to this join.
    counted = select(Engagement.location_id, func.count().label("count")).where(*matching(filters)).group_by(Engagement.location_id).subquery()
    held_at = aliased(Location)
    statement = (
        select(held_at.id.label("location_id"), held_at.name, held_at.country_code, held_at.latitude, held_at.longitude, counted.c.count)
        .join(counted, counted.c.location_id == held_at.id)
        .where(visible(held_at))
        .order_by(counted.c.count.desc(), held_at.name_key, held_at.id)
    )
    return list(read_rows(session, statement))


def actions_by_status(session: Session, filters: EngagementFilters) -> list[tuple[ActionStatus, int]]:
    """(status, visible actions) of the matching engagements, from their tallies; statuses none has left out."""
    sums = [func.coalesce(func.sum(tallies.actions_with_status(status)), 0) for status in ActionStatus]
    statement = (
        select(*sums)
        .select_from(tallies.engagement_action_tally)
        .join(Engagement, Engagement.id == tallies.engagement_action_tally.c.engagement_id)
        .where(*matching(filters))
    )
    counts = read_rows(session, statement).one()
    return [(status, int(count)) for status, count in zip(ActionStatus, counts, strict=True) if count]


def actions_by_year(session: Session, filters: EngagementFilters) -> list[Row[Any]]:
    """Per start year: agreed-action records (from each engagement's tally), and the numbers articles reported (summed)."""
    tally = tallies.engagement_action_tally
    year = _start("year")
    count = cast(func.coalesce(func.sum(tallies.all_actions()), 0), Integer)
    reported = cast(func.coalesce(func.sum(Engagement.agreed_actions_reported), 0), Integer)
    statement = (
        select(year.label("year"), count.label("count"), reported.label("reported"))
        .select_from(Engagement)
        .outerjoin(tally, tally.c.engagement_id == Engagement.id)
        .where(*matching(filters))
        .group_by(year)
        .having(or_(count > 0, reported > 0))
        .order_by(year.is_(None), year)
    )
    return list(read_rows(session, statement))


def participants_by_engagements(session: Session, filters: EngagementFilters, limit: int) -> list[Row[Any]]:
    """The officials in most matching engagements; a participation counts while it is visible."""
    if not filters.narrows:
        return _most_engaged_of_all(session, limit)
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
    return list(read_rows(session, statement))


def _most_engaged_of_all(session: Session, limit: int) -> list[Row[Any]]:
    """The same question over every visible engagement, answered from the people's tallies.

    The tally index gives the counts in descending order; the `limit`-th visible person's
    count is the lowest that can be listed, so only people with at least that many are read
    and sorted (by name among equals), however many people there are.
    """
    tally = tallies.person_engagement_tally
    engagements = tally.c.engagements
    ranked = select(engagements).join(Person, Person.id == tally.c.person_id).where(visible(Person), engagements > 0)
    lowest = ranked.order_by(engagements.desc()).limit(1).offset(limit - 1).scalar_subquery()
    statement = (
        select(Person.id.label("person_id"), Person.name, Person.country_code, engagements.label("engagement_count"))
        .join(tally, tally.c.person_id == Person.id)
        .where(visible(Person), engagements > 0, engagements >= func.coalesce(lowest, 1))
        .order_by(engagements.desc(), Person.name_key, Person.id)
        .limit(limit)
    )
    return list(read_rows(session, statement))
