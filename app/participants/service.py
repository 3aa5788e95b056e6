"""Use cases for reading participants."""

from sqlalchemy.orm import Session

from app.engagements import service as engagement_service
from app.engagements.filters import EngagementFilters
from app.errors import NotFound
from app.models import Engagement
from app.pagination import PageParams, fetch_rows
from app.participants import repository
from app.participants.schemas import ParticipantDetail, ParticipantEngagementRead, ParticipantRead


def list_(
    session: Session, params: PageParams, *, name: str | None, country: str | None, organization: str | None
) -> tuple[list[ParticipantRead], int]:
    """People matching the filters, with how many engagements each took part in."""
    rows, total = fetch_rows(session, repository.list_statement(name, country, organization), params)
    items = [
        ParticipantRead(id=person.id, name=person.name, country_code=person.country_code, engagement_count=count)
        for person, count in rows
    ]
    return items, total


def get(session: Session, person_id: int) -> ParticipantDetail:
    """One person with every engagement and the rank and title held at each."""
    found = repository.get_with_count(session, person_id)
    if found is None:
        raise NotFound("Participant", person_id)
    person, count = found
    return ParticipantDetail(
        id=person.id,
        name=person.name,
        country_code=person.country_code,
        engagement_count=count,
        engagements=[
            ParticipantEngagementRead.model_validate(participation)
            for participation in repository.participations_of(session, person_id)
        ],
    )


def list_engagements(session: Session, person_id: int, params: PageParams) -> tuple[list[Engagement], int]:
    """The engagements one person took part in."""
    if not repository.exists(session, person_id):
        raise NotFound("Participant", person_id)
    return engagement_service.list_(session, EngagementFilters(person_id=person_id), params)
