"""Use cases for organizations: read, create, validate changes, merge a duplicate."""

from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from app.auth.actor import Actor
from app.curation import merge as merging
from app.curation import service as curation
from app.curation.named import name_and_country
from app.curation.references import load_live, referenced
from app.errors import Conflict, InvalidParameter, NotFound
from app.export.stream import stream_scalars
from app.models import Organization
from app.models.enums import ReviewState
from app.organizations import repository
from app.organizations.schemas import OrganizationCreate, OrganizationDetail
from app.pagination import PageParams, fetch_page
from app.participations import repository as participations


def list_(
    session: Session, params: PageParams, *, name: str | None, country: str | None, review_state: ReviewState | None
) -> tuple[list[Organization], int]:
    """Organizations matching the filters (name or acronym, country, review state)."""
    return fetch_page(session, repository.list_statement(name, country, review_state), params)


def stream(session: Session, *, name: str | None, country: str | None, review_state: ReviewState | None) -> Iterator[OrganizationDetail]:
    """Every organization matching the filters, in list order, read in batches (for file exports)."""
    for organization in stream_scalars(session, repository.list_statement(name, country, review_state)):
        yield OrganizationDetail.model_validate(organization)


def get(session: Session, organization_id: int) -> Organization:
    """One organization; a deleted one does not exist, a rejected one still shows."""
    organization = repository.get_live(session, organization_id)
    if organization is None:
        raise NotFound("Organization", organization_id)
    return organization


def load(session: Session, organization_id: int, include_deleted: bool = False) -> Organization:
    return load_live(session, Organization, organization_id, include_deleted)


def create(session: Session, actor: Actor, body: OrganizationCreate) -> Organization:
    """A new organization stated by a person (accepted, every given field curated)."""
    organization = Organization()
    return curation.create(session, actor, organization, prepare(session, organization, body.model_dump(exclude_unset=True)), body.model_fields_set)


def prepare(session: Session, organization: Organization, changes: dict[str, Any]) -> dict[str, Any]:
    """Column values for a change: the name's search key, a country code, a parent that makes no cycle."""
    values = name_and_country(changes)
    if changes.get("parent_id") is not None:
        _check_parent(session, organization, changes["parent_id"])
    if "name" in changes or "country_code" in changes:
        _check_unique(session, organization, values)
    return values


def _check_parent(session: Session, organization: Organization, parent_id: int) -> None:
    referenced(session, Organization, parent_id, "parent_id")
    if organization.id is not None and organization.id in repository.ancestor_ids(session, parent_id):
        raise InvalidParameter("parent_id", "An organization cannot be part of itself or of one of its own parts.", "body")


def _check_unique(session: Session, organization: Organization, values: dict[str, Any]) -> None:
    name_key = values.get("name_key", organization.name_key)
    country = values.get("country_code", organization.country_code)
    if country is None:
        return  # the database allows any number of same-named organizations of unknown country
    same = repository.with_same_key(session, name_key, country, organization.id)
    if same is not None:
        hint = " (deleted: restore it)" if same.deleted_at is not None else ""
        raise Conflict(f"Organization {same.id}{hint} already has this name in {country}; merge into it instead.")


def merge(session: Session, actor: Actor, organization_id: int, duplicate_id: int, if_match: str | None) -> Organization:
    """Fold a duplicate into this organization: its participations and sub-organizations move here."""
    survivor = load(session, organization_id)
    merging.check_distinct(survivor, duplicate_id)
    duplicate = referenced(session, Organization, duplicate_id, "duplicate_id")
    assert duplicate is not None

    def move() -> dict[str, Any]:
        moved = participations.of_organization(session, duplicate.id)
        for participation in moved:
            merging.record_move(session, actor, participation, {"organization_id": survivor.id})
        # The branch the survivor hangs from moves up to the duplicate's parent, not under the survivor (a cycle).
        lineage = set(repository.ancestor_ids(session, survivor.id))
        children = repository.children_of(session, duplicate.id)
        for child in children:
            parent = duplicate.parent_id if child.id in lineage else survivor.id
            merging.record_move(session, actor, child, {"parent_id": None if parent == child.id else parent})
        return {"moved_participation_ids": [p.id for p in moved], "moved_child_ids": [c.id for c in children]}

    return merging.merge(session, actor, survivor, duplicate, if_match, move)
