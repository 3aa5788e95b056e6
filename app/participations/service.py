"""Use cases for participations: list, read one, add one, and validate every change (the way to fix a rank)."""

from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from app.auth.actor import Actor
from app.curation import service as curation
from app.curation.references import load_live, referenced
from app.errors import Conflict, NotFound
from app.export.stream import stream_scalars
from app.models import Engagement, Organization, Participation, Person
from app.models.enums import ReviewState
from app.pagination import PageParams, fetch_page
from app.participations import repository
from app.participations.schemas import ParticipationCreate, ParticipationRead
from app.query_params import country_code


def list_(
    session: Session, params: PageParams, *, engagement_id: int | None, person_id: int | None, review_state: ReviewState | None
) -> tuple[list[Participation], int]:
    """Participations matching the filters, in engagement order: the review queue for ranks and titles."""
    return fetch_page(session, repository.list_statement(engagement_id, person_id, review_state), params)


def stream(
    session: Session, *, engagement_id: int | None, person_id: int | None, review_state: ReviewState | None
) -> Iterator[ParticipationRead]:
    """Every participation matching the filters, in list order, read in batches (for file exports)."""
    for participation in stream_scalars(session, repository.list_statement(engagement_id, person_id, review_state)):
        yield ParticipationRead.model_validate(participation)


def load(session: Session, participation_id: int, include_deleted: bool = False) -> Participation:
    """A participation for a write; one whose person or engagement is deleted counts as missing."""
    participation = load_live(session, Participation, participation_id, include_deleted)
    if not include_deleted and repository.get_detail(session, participation_id) is None:
        raise NotFound("Participation", participation_id)
    return participation


def get(session: Session, participation_id: int) -> ParticipationRead:
    """One participation with its person and organization (a deleted organization shows as none)."""
    participation = repository.get_detail(session, participation_id)
    if participation is None:
        raise NotFound("Participation", participation_id)
    return ParticipationRead.model_validate(participation)


def create(session: Session, actor: Actor, body: ParticipationCreate) -> Participation:
    """Record that a person took part in an engagement; refused if they already do."""
    engagement = referenced(session, Engagement, body.engagement_id, "engagement_id")
    person = referenced(session, Person, body.person_id, "person_id")
    assert engagement is not None and person is not None
    existing = repository.find(session, engagement.id, person.id)
    if existing is not None:
        state = "a deleted participation (restore it)" if existing.deleted_at is not None else "participation"
        raise Conflict(
            f"Participant {person.id} already takes part in engagement {engagement.id}: {state} {existing.id}. "
            "Change that one instead of adding another."
        )
    changes = body.model_dump(exclude_unset=True, exclude={"engagement_id", "person_id"})
    participation = Participation(engagement_id=engagement.id, person_id=person.id, role=body.role, country_code=person.country_code)
    return curation.create(session, actor, participation, prepare(session, participation, changes), body.model_fields_set)


def prepare(session: Session, participation: Participation, changes: dict[str, Any]) -> dict[str, Any]:
    """Check the organization exists and turn a country name into its code."""
    values = dict(changes)
    referenced(session, Organization, changes.get("organization_id"), "organization_id")
    if changes.get("country_code") is not None:
        values["country_code"] = country_code(changes["country_code"], "country_code", "body")
    return values
