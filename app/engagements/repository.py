"""Queries over engagements: filtered lists and one fully loaded engagement."""

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, and_, exists, func, literal, or_, select
from sqlalchemy.orm import Session, aliased, joinedload, selectinload

from app.curation.service import visible
from app.engagements.filters import EngagementFilters
from app.full_text import ByDialect, engagement_ids_matching, in_matching, name_containing, search_words
from app.models import (
    AgreedAction,
    DataQualityWarning,
    Document,
    Engagement,
    Evidence,
    Location,
    Participation,
    Person,
    Series,
)

# The document columns a source list shows; the text itself is not loaded.
_DOCUMENT_BRIEF = (Document.id, Document.source_ref, Document.title, Document.publisher, Document.published_date)


def overlapping(first: date | None, last: date | None) -> ColumnElement[bool]:
    """Engagements whose [earliest, latest] range overlaps [first, last]."""
    conditions = [Engagement.earliest_date.is_not(None)]
    if first is not None:
        conditions.append(Engagement.latest_date >= first)
        conditions.append(_starts_within_widest_span_of(first))
    if last is not None:
        conditions.append(Engagement.earliest_date <= last)
    return and_(*conditions)


# The widest span of any engagement, in days, with the expressions of its index (migration
# 0004); built once, as aliasing costs more than the rest of a list's statement.
_OTHER = aliased(Engagement)  # not correlated with the engagement being filtered
_WIDEST_DAYS_SQLITE = select(
    func.max(func.julianday(_OTHER.latest_date) - func.julianday(_OTHER.earliest_date))
).scalar_subquery()
_WIDEST_DAYS_POSTGRESQL = select(func.max(_OTHER.latest_date - _OTHER.earliest_date)).scalar_subquery()


def _starts_within_widest_span_of(first: date) -> ColumnElement[bool]:
    """earliest_date >= first - (the widest span of any engagement): implied by the overlap.

    An index on dates serves one range, so `latest_date >= first AND earliest_date <= last`
    alone reads every engagement that starts before `last`: most of the table for a year in
    the middle. Nothing that starts more than the widest span before `first` can reach it, and
    the widest span is one probe of its own index, so the range shrinks to about a year plus
    that span.
    """
    return ByDialect(
        Engagement.earliest_date >= func.date(first.isoformat(), func.printf("-%d days", _WIDEST_DAYS_SQLITE)),
        Engagement.earliest_date >= literal(first, Date) - _WIDEST_DAYS_POSTGRESQL,
    )


def _conditions(filters: EngagementFilters) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if filters.year is not None:
        where.append(overlapping(date(filters.year, 1, 1), date(filters.year, 12, 31)))
    if filters.date_from is not None or filters.date_to is not None:
        where.append(overlapping(filters.date_from, filters.date_to))
    # People first, then their engagements (IN, not a correlated EXISTS): a name matches a
    # few people, whose engagements an index lists, instead of every engagement being tried.
    if filters.official is not None:
        people = select(Person.id).where(Person.deleted_at.is_(None), name_containing(Person.id, Person.name_key, filters.official))
        where.append(Engagement.id.in_(_engagements_of(Participation.person_id.in_(people))))
    if filters.person_id is not None:
        where.append(Engagement.id.in_(_engagements_of(Participation.person_id == filters.person_id)))
    if filters.country is not None:
        where.append(or_(Engagement.country_a == filters.country, Engagement.country_b == filters.country))
    if filters.type is not None:
        where.append(Engagement.type == filters.type)
    if filters.mode is not None:
        where.append(Engagement.mode == filters.mode)
    if filters.location_id is not None:
        where.append(Engagement.location_id == filters.location_id)
    if filters.location is not None:
        where.append(
            exists()
            .where(Location.id == Engagement.location_id, Location.deleted_at.is_(None))
            .where(Location.name_key.contains(filters.location, autoescape=True))
        )
    if filters.series is not None:
        where.append(
            exists()
            .where(Series.id == Engagement.series_id)
            .where(Series.name_key.contains(filters.series, autoescape=True))
        )
    if filters.q is not None:
        where.append(_text_matches(filters.q))
    return where


def _engagements_of(people: ColumnElement[bool]) -> Select[tuple[int]]:
    return select(Participation.engagement_id).where(people, visible(Participation))


def _text_matches(term: str) -> ColumnElement[bool]:
    """Every word of `term` begins a word of the title or summary, or of one supporting quote (app/full_text.py)."""
    words = search_words(term)
    if words:
        return in_matching(Engagement.id, engagement_ids_matching(words))
    # Nothing but punctuation ('%', '_', '\\'): no word to look up, so the characters
    # themselves, anywhere in the same fields (a scan, but such searches are rare).
    supporting_text = (
        exists()
        .where(Evidence.engagement_id == Engagement.id)
        .where(Evidence.quote.icontains(term, autoescape=True))
    )
    return or_(
        Engagement.title.icontains(term, autoescape=True),
        Engagement.summary.icontains(term, autoescape=True),
        supporting_text,
    )


def _order(sort: str) -> list[Any]:
    descending = sort.startswith("-")
    column = getattr(Engagement, sort.removeprefix("-"))
    ordered = column.desc() if descending else column.asc()
    # Unknown values last in both directions, then a stable tie-breaker.
    return [column.is_(None), ordered, Engagement.id.asc()]


def matching(filters: EngagementFilters) -> list[ColumnElement[bool]]:
    """What an engagement must meet to be listed under `filters`, visibility included (sort aside)."""
    return [visible(Engagement, filters.review_state), *_conditions(filters)]


def list_statement(filters: EngagementFilters) -> Select[tuple[Engagement]]:
    return (
        select(Engagement)
        .where(*matching(filters))
        .options(joinedload(Engagement.location), joinedload(Engagement.series))
        .order_by(*_order(filters.sort))
    )


def ids_statement(filters: EngagementFilters) -> Select[tuple[int]]:
    """The ids of the matching engagements, in list order: a page is chosen on these narrow rows."""
    return select(Engagement.id).where(*matching(filters)).order_by(*_order(filters.sort))


def by_ids(session: Session, ids: list[int]) -> list[Engagement]:
    """The engagements of one page with their place and series, in the order of `ids`."""
    if not ids:
        return []
    statement = (
        select(Engagement)
        .where(Engagement.id.in_(ids))
        .options(joinedload(Engagement.location), joinedload(Engagement.series))
    )
    position = {engagement_id: index for index, engagement_id in enumerate(ids)}
    return sorted(session.scalars(statement).unique(), key=lambda engagement: position[engagement.id])


def get_detail(session: Session, engagement_id: int) -> Engagement | None:
    statement = (
        select(Engagement)
        .where(Engagement.id == engagement_id, Engagement.deleted_at.is_(None))
        .options(
            joinedload(Engagement.location),
            joinedload(Engagement.series),
            selectinload(Engagement.participations.and_(visible(Participation), _person_not_deleted())).options(
                joinedload(Participation.person), joinedload(Participation.organization)
            ),
            selectinload(Engagement.agreed_actions.and_(visible(AgreedAction))),
        )
    )
    return session.scalars(statement).unique().one_or_none()


def _person_not_deleted() -> ColumnElement[bool]:
    return exists().where(Person.id == Participation.person_id, Person.deleted_at.is_(None))


def warnings_for(session: Session, engagement_id: int) -> list[DataQualityWarning]:
    statement = (
        select(DataQualityWarning)
        .where(DataQualityWarning.engagement_id == engagement_id)
        .order_by(DataQualityWarning.id)
    )
    return list(session.scalars(statement))


def evidence_for(session: Session, engagement: Engagement, warning_ids: list[int]) -> list[Evidence]:
    """Evidence for the engagement itself, its participations, its actions and its warnings."""
    targets: list[ColumnElement[bool]] = [Evidence.engagement_id == engagement.id]
    participation_ids = [p.id for p in engagement.participations]
    action_ids = [a.id for a in engagement.agreed_actions]
    if participation_ids:
        targets.append(Evidence.participation_id.in_(participation_ids))
    if action_ids:
        targets.append(Evidence.agreed_action_id.in_(action_ids))
    if warning_ids:
        targets.append(Evidence.data_quality_warning_id.in_(warning_ids))
    statement = (
        select(Evidence)
        .where(or_(*targets))
        .options(joinedload(Evidence.document).load_only(*_DOCUMENT_BRIEF))
        .order_by(Evidence.document_id, Evidence.char_start, Evidence.id)
    )
    return list(session.scalars(statement))


def exists_by_id(session: Session, engagement_id: int) -> bool:
    return session.scalar(select(exists().where(Engagement.id == engagement_id, Engagement.deleted_at.is_(None)))) or False
