"""Queries over people who took part in engagements; only visible participations count."""

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, joinedload

from app.curation.service import visible
from app.full_text import name_containing
from app.models import Engagement, Organization, Participation, Person
from app.models.enums import ReviewState
from app.participants.schemas import ParticipantRead
from app.row_shapes import Shape


def _counted() -> ColumnElement[bool]:
    """A participation that reads show: itself visible, its engagement not deleted."""
    live_engagement = exists().where(Engagement.id == Participation.engagement_id, Engagement.deleted_at.is_(None))
    return and_(visible(Participation), live_engagement)


_engagement_count = (
    select(func.count(Participation.id))
    .where(Participation.person_id == Person.id, _counted())
    .correlate(Person)
    .scalar_subquery()
)


def _acronym_key(column: Any) -> Any:
    """'FF.MM.' -> 'ffmm' in SQL, matching a folded search term with its spaces removed."""
    for mark in (".", "-", " ", "/"):
        column = func.replace(column, mark, "")
    return func.lower(column)


_LISTED = Shape(Person, ParticipantRead)


def list_statement(name: str | None, country: str | None, organization: str | None, review_state: ReviewState | None = None) -> Select[Any]:
    """People as rows of what ParticipantRead shows, engagement count included, in name order."""
    statement = select(*_LISTED.columns, _engagement_count.label("engagement_count")).where(visible(Person, review_state))
    if name is not None:
        statement = statement.where(name_containing(Person.id, Person.name_key, name))
    if country is not None:
        statement = statement.where(Person.country_code == country)
    if organization is not None:
        in_organization = (
            select(Participation.id)
            .join(Organization, Organization.id == Participation.organization_id)
            .where(Participation.person_id == Person.id, _counted(), Organization.deleted_at.is_(None))
            .where(
                or_(
                    Organization.name_key.contains(organization, autoescape=True),
                    _acronym_key(Organization.acronym) == organization.replace(" ", ""),
                )
            )
        )
        statement = statement.where(in_organization.exists())
    return statement.order_by(Person.name_key, Person.id)


def get_with_count(session: Session, person_id: int) -> tuple[Person, int] | None:
    row = session.execute(
        select(Person, _engagement_count.label("engagement_count")).where(Person.id == person_id, Person.deleted_at.is_(None))
    ).one_or_none()
    return (row[0], row[1]) if row else None


def participations_of(session: Session, person_id: int) -> list[Participation]:
    statement = (
        select(Participation)
        .join(Engagement, Engagement.id == Participation.engagement_id)
        .where(Participation.person_id == person_id, visible(Participation), Engagement.deleted_at.is_(None))
        .options(
            joinedload(Participation.organization),
            joinedload(Participation.engagement).options(
                joinedload(Engagement.location), joinedload(Engagement.series)
            ),
        )
        .order_by(Engagement.earliest_date.is_(None), Engagement.earliest_date.desc(), Engagement.id)
        .execution_options(populate_existing=True)  # a merge or PATCH earlier in the request re-pointed links
    )
    return list(session.scalars(statement))


def exists_by_id(session: Session, person_id: int) -> bool:
    return session.scalar(select(exists().where(Person.id == person_id, Person.deleted_at.is_(None)))) or False


def with_same_key(session: Session, name_key: str, country: str, other_than: int | None) -> Person | None:
    """The person already stored under this name and country (deleted ones too: the pair is unique)."""
    statement = select(Person).where(Person.name_key == name_key, Person.country_code == country)
    if other_than is not None:
        statement = statement.where(Person.id != other_than)
    return session.scalars(statement.limit(1)).first()
