"""HTTP routes for participants (officials)."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from app.auth.dependencies import READABLE
from app.deps import PageDep, SessionDep
from app.engagements.schemas import EngagementSummary
from app.pagination import Page, build_page
from app.participants import service as participant_service
from app.participants.schemas import ParticipantDetail, ParticipantRead
from app.query_params import country_code, folded_term
from app.responses import INVALID, NOT_FOUND

router = APIRouter(prefix="/participants", tags=["participants"], dependencies=READABLE)

PersonId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The participant's id.")]


@router.get("", response_model=Page[ParticipantRead], responses=INVALID)
def list_participants(
    request: Request,
    session: SessionDep,
    page: PageDep,
    name: Annotated[str | None, Query(min_length=1, max_length=200, description="Part of the name; case- and accent-insensitive.", examples=["astudillo"])] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=60, description="ISO 3166-1 alpha-2 code or English name.", examples=["PE"])] = None,
    organization: Annotated[str | None, Query(min_length=1, max_length=200, description="Part of an organization's name, or its acronym.", examples=["army south"])] = None,
) -> dict[str, object]:
    """List officials of both sides who took part in engagements."""
    items, total = participant_service.list_(
        session,
        page,
        name=folded_term(name, "name"),
        country=country_code(country) if country else None,
        organization=folded_term(organization, "organization"),
    )
    return build_page(request, items, total, page)


@router.get("/{person_id}", response_model=ParticipantDetail, responses={**NOT_FOUND, **INVALID})
def get_participant(person_id: PersonId, session: SessionDep) -> ParticipantDetail:
    """One official with every engagement and the rank and title held at each."""
    return participant_service.get(session, person_id)


@router.get("/{person_id}/engagements", response_model=Page[EngagementSummary], responses={**NOT_FOUND, **INVALID})
def list_participant_engagements(
    request: Request, person_id: PersonId, session: SessionDep, page: PageDep
) -> dict[str, object]:
    """The engagements one official took part in."""
    items, total = participant_service.list_engagements(session, person_id, page)
    return build_page(request, items, total, page)
