"""Queries over locations."""

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.models import Engagement, Location
from app.models.enums import LocationKind

_engagement_count = (
    select(func.count(Engagement.id)).where(Engagement.location_id == Location.id).correlate(Location).scalar_subquery()
)


def list_statement(name: str | None, country: str | None, kind: LocationKind | None) -> Select[Any]:
    statement = select(Location, _engagement_count.label("engagement_count"))
    if name is not None:
        statement = statement.where(Location.name_key.contains(name, autoescape=True))
    if country is not None:
        statement = statement.where(Location.country_code == country)
    if kind is not None:
        statement = statement.where(Location.kind == kind)
    return statement.order_by(Location.name_key, Location.id)


def get_with_count(session: Session, location_id: int) -> tuple[Location, int] | None:
    row = session.execute(
        select(Location, _engagement_count.label("engagement_count")).where(Location.id == location_id)
    ).one_or_none()
    return (row[0], row[1]) if row else None


def exists(session: Session, location_id: int) -> bool:
    return session.get(Location, location_id) is not None
