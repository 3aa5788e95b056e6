"""Queries over participations: lists and one with its person and organization, and the links a merge moves."""

from sqlalchemy import ColumnElement, Select, select, update
from sqlalchemy.orm import Session, joinedload

from app.curation.service import visible
from app.models import Engagement, Evidence, Participation, Person
from app.models.enums import ReviewState


def _of_live_person_and_engagement() -> list[ColumnElement[bool]]:
    # NOT IN the (few) deleted ones rather than a lookup of the person and the engagement of
    # every participation: a count over all of them reads one table. Both columns are NOT NULL.
    return [
        Participation.person_id.not_in(select(Person.id).where(Person.deleted_at.is_not(None))),
        Participation.engagement_id.not_in(select(Engagement.id).where(Engagement.deleted_at.is_not(None))),
    ]


def list_statement(engagement_id: int | None, person_id: int | None, review_state: ReviewState | None) -> Select[tuple[Participation]]:
    statement = (
        select(Participation)
        .where(visible(Participation, review_state), *_of_live_person_and_engagement())
        .options(joinedload(Participation.person), joinedload(Participation.organization))
    )
    if engagement_id is not None:
        statement = statement.where(Participation.engagement_id == engagement_id)
    if person_id is not None:
        statement = statement.where(Participation.person_id == person_id)
    return statement.order_by(Participation.engagement_id, Participation.id)


def get_detail(session: Session, participation_id: int) -> Participation | None:
    """A live participation of a live person in a live engagement (rejected ones included)."""
    statement = (
        select(Participation)
        .where(Participation.id == participation_id, Participation.deleted_at.is_(None), *_of_live_person_and_engagement())
        .options(joinedload(Participation.person), joinedload(Participation.organization))
        # Reload what a write in this request may have left stale (organization after organization_id).
        .execution_options(populate_existing=True)
    )
    return session.scalars(statement).one_or_none()


def find(session: Session, engagement_id: int, person_id: int) -> Participation | None:
    """The person's participation in the engagement, deleted or not (the pair is unique)."""
    statement = select(Participation).where(Participation.engagement_id == engagement_id, Participation.person_id == person_id)
    return session.scalars(statement).one_or_none()


def of_person(session: Session, person_id: int) -> list[Participation]:
    """Every participation of a person, deleted and rejected ones too: a merge moves them all."""
    statement = select(Participation).where(Participation.person_id == person_id).order_by(Participation.id)
    return list(session.scalars(statement))


def of_organization(session: Session, organization_id: int) -> list[Participation]:
    statement = select(Participation).where(Participation.organization_id == organization_id).order_by(Participation.id)
    return list(session.scalars(statement))


def move_evidence(session: Session, from_participation_id: int, to_participation_id: int) -> int:
    """Re-point the evidence of one participation at another; returns how many rows moved."""
    result = session.execute(
        update(Evidence)
        .where(Evidence.participation_id == from_participation_id)
        .values(participation_id=to_participation_id)
    )
    return result.rowcount  # type: ignore[attr-defined,no-any-return]
