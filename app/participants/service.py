"""Use cases for reading participants: deleted people and hidden participations never show."""

from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from app.engagements import service as engagement_service
from app.engagements.filters import EngagementFilters
from app.engagements.schemas import EngagementSummary
from app.errors import NotFound
from app.export.stream import stream_rows
from app.models import Person
from app.models.enums import ReviewState
from app.pagination import PageParams, fetch_rows
from app.participants import repository
from app.participants.schemas import ParticipantDetail, ParticipantEngagementRead, ParticipantRead, PersonRead


def _item(person: Person, count: int) -> ParticipantRead:
    return ParticipantRead(**PersonRead.model_validate(person).model_dump(), engagement_count=count)


def list_(
    session: Session,
    params: PageParams,
    *,
    name: str | None,
    country: str | None,
    organization: str | None,
    review_state: ReviewState | None = None,
) -> tuple[list[ParticipantRead], int]:
    """People matching the filters, with how many engagements each took part in."""
    rows, total = fetch_rows(session, repository.list_statement(name, country, organization, review_state), params)
    return [ParticipantRead.model_validate(row) for row in rows], total


def stream(
    session: Session, *, name: str | None, country: str | None, organization: str | None, review_state: ReviewState | None = None
) -> Iterator[ParticipantRead]:
    """Every person matching the filters, with the engagement count, read in batches (for file exports)."""
    for row in stream_rows(session, repository.list_statement(name, country, organization, review_state)):
        yield ParticipantRead.model_validate(row)


def get(session: Session, person_id: int) -> ParticipantDetail:
    """One person with every engagement and the rank and title held at each."""
    found = repository.get_with_count(session, person_id)
    if found is None:
        raise NotFound("Participant", person_id)
    engagements = [ParticipantEngagementRead.model_validate(p) for p in repository.participations_of(session, person_id)]
    return ParticipantDetail(**_item(*found).model_dump(), engagements=engagements)


def list_engagements(session: Session, person_id: int, params: PageParams) -> tuple[list[dict[str, Any]], int]:
    """The engagements one person took part in."""
    if not repository.exists_by_id(session, person_id):
        raise NotFound("Participant", person_id)
    return engagement_service.list_(session, EngagementFilters(person_id=person_id), params)


def stream_engagements(session: Session, export_session: Session, person_id: int) -> Iterator[EngagementSummary]:
    """Checks the person exists now (404 before any byte); the engagements are read later, through `export_session`."""
    if not repository.exists_by_id(session, person_id):
        raise NotFound("Participant", person_id)
    return engagement_service.stream(export_session, EngagementFilters(person_id=person_id))
