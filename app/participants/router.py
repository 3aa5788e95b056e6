"""HTTP routes for participants (officials)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from app.auth.dependencies import READABLE, EditorDep
from app.curation.etag import etag_of
from app.curation.links import record_links
from app.curation.routes import Curatable, IfMatch, add_curation_routes
from app.curation.schemas import MergeRequest
from app.deps import PageDep, SessionDep, WriteSessionDep
from app.engagements.router import ENGAGEMENTS_EXPORT, EngagementsExport
from app.engagements.schemas import EngagementSummary
from app.export.formats import Export, Exportable
from app.models.enums import ReviewState
from app.pagination import Page, page_response
from app.participants import service as participant_service
from app.participants import writes as participant_writes
from app.participants.schemas import (
    PARTICIPANT_COLUMNS,
    ParticipantChanges,
    ParticipantCreate,
    ParticipantDetail,
    ParticipantRead,
)
from app.query_params import country_code, folded_term
from app.responses import CONFLICT, INVALID, NOT_FOUND, PRECONDITION, UNAUTHORIZED

router = APIRouter(prefix="/participants", tags=["participants"], dependencies=READABLE)
CREATED_LINKS = record_links("/participants/{person_id}", "person_id", "$response.body#/id")  # the new record's next steps

PersonId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The participant's id.")]

PARTICIPANTS_EXPORT = Exportable("participants", PARTICIPANT_COLUMNS)


@router.get("", response_model=Page[ParticipantRead], responses={**INVALID, **PARTICIPANTS_EXPORT.responses})
def list_participants(
    request: Request,
    response: Response,
    session: SessionDep,
    page: PageDep,
    export: Annotated[Export, Depends(PARTICIPANTS_EXPORT.negotiate)],
    name: Annotated[str | None, Query(min_length=1, max_length=200, description="Part of the name; case- and accent-insensitive.", examples=["astudillo"])] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=60, description="ISO 3166-1 alpha-2 code or English name.", examples=["PE"])] = None,
    organization: Annotated[str | None, Query(min_length=1, max_length=200, description="Part of an organization's name, or its acronym.", examples=["army south"])] = None,
    review_state: Annotated[ReviewState | None, Query(description="Only records in this review state (default: all but rejected).", examples=["pending"])] = None,
) -> Response:
    """List officials of both sides who took part in engagements."""
    filters = {
        "name": folded_term(name, "name"),
        "country": country_code(country) if country else None,
        "organization": folded_term(organization, "organization"),
        "review_state": review_state,
    }
    if export.wanted:
        return export.respond(participant_service.stream(export.session, **filters))
    items, total = participant_service.list_(session, page, **filters)
    return page_response(request, response, ParticipantRead, items, total, page)


@router.get("/{person_id}", response_model=ParticipantDetail, responses={**NOT_FOUND, **INVALID})
def get_participant(person_id: PersonId, session: SessionDep, response: Response) -> ParticipantDetail:
    """One official with every engagement and the rank and title held at each."""
    detail = participant_service.get(session, person_id)
    response.headers["ETag"] = f'"{detail.version}"'
    return detail


@router.get(
    "/{person_id}/engagements",
    response_model=Page[EngagementSummary],
    responses={**NOT_FOUND, **INVALID, **ENGAGEMENTS_EXPORT.responses},
)
def list_participant_engagements(
    request: Request, response: Response, person_id: PersonId, session: SessionDep, page: PageDep, export: EngagementsExport
) -> dict[str, object] | Response:
    """The engagements one official took part in."""
    if export.wanted:
        return export.respond(participant_service.stream_engagements(session, export.session, person_id))
    items, total = participant_service.list_engagements(session, person_id, page)
    return page_response(request, response, EngagementSummary, items, total, page)


@router.post("", status_code=201, response_model=ParticipantDetail, responses={201: CREATED_LINKS, **UNAUTHORIZED, **INVALID, **CONFLICT})
def create_participant(body: ParticipantCreate, session: WriteSessionDep, actor: EditorDep, response: Response) -> ParticipantDetail:
    """Add an official no article names (editor); it is stored as accepted."""
    person = participant_writes.create(session, actor, body)
    response.headers["ETag"] = etag_of(person)
    response.headers["Location"] = f"/participants/{person.id}"
    return participant_service.get(session, person.id)


@router.post(
    "/{person_id}/merge",
    response_model=ParticipantDetail,
    responses={**UNAUTHORIZED, **NOT_FOUND, **INVALID, **PRECONDITION, **CONFLICT},
)
def merge_participant(
    person_id: PersonId, body: MergeRequest, session: WriteSessionDep, actor: EditorDep, response: Response, if_match: IfMatch
) -> ParticipantDetail:
    """Merge a duplicate into this official (editor; If-Match of this one required)."""
    person = participant_writes.merge(session, actor, person_id, body.duplicate_id, if_match)
    response.headers["ETag"] = etag_of(person)
    return participant_service.get(session, person.id)


add_curation_routes(
    router,
    Curatable(
        noun="participant",
        id_name="person_id",
        load=participant_writes.load,
        read=lambda session, person: participant_service.get(session, person.id),
        response_model=ParticipantDetail,
        update_schema=ParticipantChanges,
        prepare=participant_writes.prepare,
    ),
)
