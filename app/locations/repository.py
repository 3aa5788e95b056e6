"""Queries over locations: only live ones, each with the engagements readers can see."""

from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from app.curation.service import visible
from app.models import Engagement, Evidence, Location
from app.models.enums import LocationKind, ReviewState

# Counts what /locations/{id}/engagements lists: deleted and rejected engagements are not shown.
_engagement_count = (
    select(func.count(Engagement.id))
    .where(Engagement.location_id == Location.id, visible(Engagement))
    .correlate(Location)
    .scalar_subquery()
)


def list_statement(
    name: str | None, country: str | None, kind: LocationKind | None, review_state: ReviewState | None = None
) -> Select[Any]:
    statement = select(Location, _engagement_count.label("engagement_count")).where(visible(Location, review_state))
    if name is not None:
        statement = statement.where(Location.name_key.contains(name, autoescape=True))
    if country is not None:
        statement = statement.where(Location.country_code == country)
    if kind is not None:
        statement = statement.where(Location.kind == kind)
    return statement.order_by(Location.name_key, Location.id)


def get_with_count(session: Session, location_id: int) -> tuple[Location, int] | None:
    """A live location (rejected ones included: asked for by id) and its engagement count."""
    row = session.execute(
        select(Location, _engagement_count.label("engagement_count")).where(
            Location.id == location_id, Location.deleted_at.is_(None)
        )
    ).one_or_none()
    return (row[0], row[1]) if row else None


def exists(session: Session, location_id: int) -> bool:
    return session.scalar(select(Location.id).where(Location.id == location_id, Location.deleted_at.is_(None))) is not None


def same_place(session: Session, name_key: str, country_code: str | None, kind: LocationKind, except_id: int | None) -> Location | None:
    """Another row, deleted ones included (the unique constraint counts them), with the same key."""
    statement = select(Location).where(
        Location.name_key == name_key,
        Location.kind == kind,
        Location.country_code.is_(None) if country_code is None else Location.country_code == country_code,
    )
    if except_id is not None:
        statement = statement.where(Location.id != except_id)
    return session.scalars(statement.limit(1)).first()


def engagements_at(session: Session, location_id: int) -> list[Engagement]:
    """Every engagement at a location, deleted ones too: a merge moves them all."""
    return list(session.scalars(select(Engagement).where(Engagement.location_id == location_id).order_by(Engagement.id)))


def move_evidence(session: Session, from_id: int, to_id: int) -> None:
    # Evidence is not a curated record (no version, no audit of its own): one UPDATE moves it.
    session.execute(update(Evidence).where(Evidence.location_id == from_id).values(location_id=to_id))
