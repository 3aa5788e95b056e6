"""Queries over organizations: filtered lists, one organization, and what points at one."""

from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from app.curation.service import visible
from app.models import Organization
from app.models.enums import ReviewState


def _acronym_key(column: Any) -> Any:
    """'FF.MM.' -> 'ffmm' in SQL, matching a folded search term with its spaces removed."""
    for mark in (".", "-", " ", "/"):
        column = func.replace(column, mark, "")
    return func.lower(column)


def list_statement(name: str | None, country: str | None, review_state: ReviewState | None) -> Select[tuple[Organization]]:
    statement = select(Organization).where(visible(Organization, review_state))
    if name is not None:
        statement = statement.where(
            or_(Organization.name_key.contains(name, autoescape=True), _acronym_key(Organization.acronym) == name.replace(" ", ""))
        )
    if country is not None:
        statement = statement.where(Organization.country_code == country)
    return statement.order_by(Organization.name_key, Organization.id)


def get_live(session: Session, organization_id: int) -> Organization | None:
    organization = session.get(Organization, organization_id)
    return organization if organization is not None and organization.deleted_at is None else None


def with_same_key(session: Session, name_key: str, country: str, other_than: int | None) -> Organization | None:
    """The organization already stored under this name and country (deleted ones too: the key is unique)."""
    statement = select(Organization).where(Organization.name_key == name_key, Organization.country_code == country)
    if other_than is not None:
        statement = statement.where(Organization.id != other_than)
    return session.scalars(statement.limit(1)).first()


def children_of(session: Session, organization_id: int) -> list[Organization]:
    return list(session.scalars(select(Organization).where(Organization.parent_id == organization_id).order_by(Organization.id)))


def ancestor_ids(session: Session, organization_id: int | None) -> list[int]:
    """The organization and every parent above it, nearest first (stops at a cycle)."""
    found: list[int] = []
    while organization_id is not None and organization_id not in found:
        found.append(organization_id)
        organization_id = session.scalar(select(Organization.parent_id).where(Organization.id == organization_id))
    return found
