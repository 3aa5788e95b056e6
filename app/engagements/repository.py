"""Queries over engagements: filtered lists and one whole engagement, as rows shaped for their schemas."""

from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Date, Row, RowMapping, Select, and_, bindparam, exists, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from app.actions.schemas import AgreedActionRead
from app.curation.service import visible
from app.documents.schemas import DocumentBrief
from app.engagements.filters import EngagementFilters
from app.engagements.schemas import EngagementParticipantRead, EngagementSummary, PersonBrief, SeriesRead
from app.full_text import ByDialect, engagement_ids_matching, in_matching, name_containing, search_words
from app.locations.schemas import LocationRead
from app.models import (
    AgreedAction,
    DataQualityWarning,
    Document,
    Engagement,
    Evidence,
    Location,
    Organization,
    Participation,
    Person,
    Series,
)
from app.models.document import EVIDENCE_TARGETS
from app.organizations.schemas import OrganizationRead
from app.row_shapes import Shape, read_rows

# The document columns a source list shows (the text itself is not loaded), beside each evidence row.
_SOURCE = Shape(Document, DocumentBrief, "document__")
# What an evidence read shows: the span, how it was found, and the one fact it supports.
_EVIDENCE = (
    Evidence.id,
    Evidence.document_id,
    Evidence.char_start,
    Evidence.char_end,
    Evidence.quote,
    Evidence.rule,
    Evidence.confidence,
    *(getattr(Evidence, target) for target in EVIDENCE_TARGETS),
)


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
            .correlate(Engagement)  # not the location a summary row joins in
        )
    if filters.series is not None:
        where.append(
            exists()
            .where(Series.id == Engagement.series_id)
            .where(Series.name_key.contains(filters.series, autoescape=True))
            .correlate(Engagement)
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


def _order(sort: str, column: Any = None, id_column: Any = Engagement.id) -> list[Any]:
    """The list order for `sort`, on the engagement's columns or on `column` and `id_column` standing for them."""
    descending = sort.startswith("-")
    if column is None:
        column = _sort_column(sort)
    ordered = column.desc() if descending else column.asc()
    # Unknown values last in both directions, then a stable tie-breaker.
    return [column.is_(None), ordered, id_column.asc()]


def _sort_column(sort: str) -> Any:
    return getattr(Engagement, sort.removeprefix("-"))


def matching(filters: EngagementFilters) -> list[ColumnElement[bool]]:
    """What an engagement must meet to be listed under `filters`, visibility included (sort aside)."""
    return [visible(Engagement, filters.review_state), *_conditions(filters)]


# The columns a summary reads, its place and series joined in: one row per engagement.
_SUMMARY = Shape(Engagement, EngagementSummary)
_LOCATION = Shape(Location, LocationRead, "location__", hide_deleted=True)
_SERIES = Shape(Series, SeriesRead, "series__")
_SUMMARY_ROWS = (
    select(*_SUMMARY.columns, *_LOCATION.columns, *_SERIES.columns)
    .select_from(Engagement)
    .outerjoin(Location, Location.id == Engagement.location_id)
    .outerjoin(Series, Series.id == Engagement.series_id)
)


def summary_of(row: RowMapping) -> dict[str, Any]:
    """An engagement summary (what EngagementSummary validates) from one row of the summary statements."""
    summary = _SUMMARY.read(row) or {}
    summary["location"] = _LOCATION.read(row)
    summary["series"] = _SERIES.read(row)
    return summary


def list_statement(filters: EngagementFilters) -> Select[Any]:
    """Summary rows of every matching engagement, in list order (read them with `summary_of`)."""
    return _SUMMARY_ROWS.where(*matching(filters)).order_by(*_order(filters.sort))


def ids_statement(filters: EngagementFilters) -> Select[tuple[int]]:
    """The ids of the matching engagements, in list order: a page is chosen on these narrow rows."""
    return select(Engagement.id).where(*matching(filters)).order_by(*_order(filters.sort))


def matches_first_ids_statement(filters: EngagementFilters) -> Select[tuple[int]]:
    """Like `ids_statement`, for PostgreSQL when a filter is looked up elsewhere: every match,
    with its sort key, is found first (a MATERIALIZED CTE), then sorted.

    With the total counted along (`count(*) OVER ()`) and a LIMIT, PostgreSQL before 17 costs
    the window as if the LIMIT could stop it early. At 1,000,000 engagements it then walked
    every engagement in date order and probed each one's participants for `official=white`
    (9.4 s) instead of going from the few people named White to their engagements. The CTE is
    planned on its own, so the matches are found the direct way, and the sort, count and page
    read nothing else.
    """
    matches = (
        select(Engagement.id.label("id"), _sort_column(filters.sort).label("sort_key"))
        .where(*matching(filters))
        .cte("matches")
        .prefix_with("MATERIALIZED")
    )
    return select(matches.c.id).order_by(*_order(filters.sort, matches.c.sort_key, matches.c.id))


def summaries(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    """The summaries of one page, with place and series, in the order of `ids`."""
    if not ids:
        return []
    found = {row["id"]: summary_of(row) for row in read_rows(session, _SUMMARIES_OF, {"ids": ids}).mappings()}
    return [found[engagement_id] for engagement_id in ids]


# A detail's statements are built once: executing the same statement object again reuses its
# cache key and compiled form, where building it per request cost more than running it.
_ONE = bindparam("engagement_id")
_SUMMARIES_OF = _SUMMARY_ROWS.where(Engagement.id.in_(bindparam("ids", expanding=True)))
_DETAIL = _SUMMARY_ROWS.add_columns(Engagement.summary).where(Engagement.id == _ONE, Engagement.deleted_at.is_(None))


def detail(session: Session, engagement_id: int) -> dict[str, Any] | None:
    """One engagement's summary and its own text, or None if it does not exist (or was deleted)."""
    row = read_rows(session, _DETAIL, {"engagement_id": engagement_id}).mappings().one_or_none()
    if row is None:
        return None
    return {**summary_of(row), "summary": row["summary"]}


_PARTICIPATION = Shape(Participation, EngagementParticipantRead)
_PERSON = Shape(Person, PersonBrief, "person__")
_ORGANIZATION = Shape(Organization, OrganizationRead, "organization__", hide_deleted=True)
# The visible participations of an engagement whose person is not deleted.
_PARTICIPANTS = (
    select(*_PARTICIPATION.columns, *_PERSON.columns, *_ORGANIZATION.columns)
    .join(Person, Person.id == Participation.person_id)
    .outerjoin(Organization, Organization.id == Participation.organization_id)
    .where(Participation.engagement_id == _ONE, visible(Participation), Person.deleted_at.is_(None))
    .order_by(Participation.id)
)


def participants_of(session: Session, engagement_id: int) -> list[dict[str, Any]]:
    """An engagement's participations, person and organization nested, in the order recorded."""
    return [
        {**(_PARTICIPATION.read(row) or {}), "person": _PERSON.read(row), "organization": _ORGANIZATION.read(row)}
        for row in read_rows(session, _PARTICIPANTS, {"engagement_id": engagement_id}).mappings()
    ]


_ACTION = Shape(AgreedAction, AgreedActionRead)
_ACTIONS = (
    select(*_ACTION.columns)
    .where(AgreedAction.engagement_id == _ONE, visible(AgreedAction))
    .order_by(AgreedAction.id)
)


def actions_of(session: Session, engagement_id: int) -> list[dict[str, Any]]:
    return [_ACTION.read(row) or {} for row in read_rows(session, _ACTIONS, {"engagement_id": engagement_id}).mappings()]


_WARNINGS = (
    select(
        DataQualityWarning.id,
        DataQualityWarning.code,
        DataQualityWarning.message,
        DataQualityWarning.engagement_id,
        DataQualityWarning.document_id,
    )
    .where(DataQualityWarning.engagement_id == _ONE)
    .order_by(DataQualityWarning.id)
)


def warnings_for(session: Session, engagement_id: int) -> list[RowMapping]:
    return list(read_rows(session, _WARNINGS, {"engagement_id": engagement_id}).mappings())


@lru_cache(maxsize=8)
def _evidence_statement(participations: bool, actions: bool, warnings: bool) -> Select[Any]:
    """Evidence for the engagement itself and, when it has them, its participations, actions and
    warnings; each row with its document's brief columns (read them with `source_of`).

    One statement per combination, built once. An empty IN list is not written as one: SQLite
    then gives up the per-column indexes of the OR and scans every evidence row. Each of those
    indexes is partial (migration 0006), or SQLite may judge one useless and do the same.
    """
    targets: list[ColumnElement[bool]] = [Evidence.engagement_id == _ONE]
    if participations:
        targets.append(Evidence.participation_id.in_(bindparam("participation_ids", expanding=True)))
    if actions:
        targets.append(Evidence.agreed_action_id.in_(bindparam("action_ids", expanding=True)))
    if warnings:
        targets.append(Evidence.data_quality_warning_id.in_(bindparam("warning_ids", expanding=True)))
    return (
        select(*_EVIDENCE, *_SOURCE.columns)
        .join(Document, Document.id == Evidence.document_id)
        .where(or_(*targets))
        .order_by(Evidence.document_id, Evidence.char_start, Evidence.id)
    )


def source_of(row: Row[Any]) -> dict[str, Any] | None:
    """The brief of the document an evidence row of `evidence_for` comes from."""
    return _SOURCE.read(row._mapping)


def evidence_for(
    session: Session, engagement_id: int, participation_ids: list[int], action_ids: list[int], warning_ids: list[int]
) -> list[Row[Any]]:
    """The spans behind the engagement, its participations, its actions and its warnings, in document order."""
    statement = _evidence_statement(bool(participation_ids), bool(action_ids), bool(warning_ids))
    parameters = {
        "engagement_id": engagement_id,
        "participation_ids": participation_ids,
        "action_ids": action_ids,
        "warning_ids": warning_ids,
    }
    return list(read_rows(session, statement, parameters))


def exists_by_id(session: Session, engagement_id: int) -> bool:
    return session.scalar(select(exists().where(Engagement.id == engagement_id, Engagement.deleted_at.is_(None)))) or False
