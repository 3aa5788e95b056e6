"""Queries over people who took part in engagements."""

from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, joinedload

from app.models import Engagement, Organization, Participation, Person

_engagement_count = (
    select(func.count(Participation.id)).where(Participation.person_id == Person.id).correlate(Person).scalar_subquery()
)


def _acronym_key(column: Any) -> Any:
    """'FF.MM.' -> 'ffmm' in SQL, matching a folded search term with its spaces removed."""
    for mark in (".", "-", " ", "/"):
        column = func.replace(column, mark, "")
    return func.lower(column)


def list_statement(name: str | None, country: str | None, organization: str | None) -> Select[Any]:
    statement = select(Person, _engagement_count.label("engagement_count"))
    if name is not None:
        statement = statement.where(Person.name_key.contains(name, autoescape=True))
    if country is not None:
        statement = statement.where(Person.country_code == country)
    if organization is not None:
        in_organization = (
            select(Participation.id)
            .join(Organization, Organization.id == Participation.organization_id)
            .where(Participation.person_id == Person.id)
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
        select(Person, _engagement_count.label("engagement_count")).where(Person.id == person_id)
    ).one_or_none()
    return (row[0], row[1]) if row else None


def participations_of(session: Session, person_id: int) -> list[Participation]:
    statement = (
        select(Participation)
        .join(Engagement, Engagement.id == Participation.engagement_id)
        .where(Participation.person_id == person_id)
        .options(
            joinedload(Participation.organization),
            joinedload(Participation.engagement).options(
                joinedload(Engagement.location), joinedload(Engagement.series)
            ),
        )
        .order_by(Engagement.earliest_date.is_(None), Engagement.earliest_date.desc(), Engagement.id)
    )
    return list(session.scalars(statement))


def exists(session: Session, person_id: int) -> bool:
    return session.get(Person, person_id) is not None
