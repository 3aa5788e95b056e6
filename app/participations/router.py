"""HTTP routes for participations: a person's part in one engagement, with rank and title as of then."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from app.auth.dependencies import READABLE, EditorDep
from app.curation.etag import etag_of
from app.curation.links import record_links
from app.curation.routes import Curatable, add_curation_routes
from app.deps import PageDep, SessionDep, WriteSessionDep
from app.export.formats import Export, Exportable
from app.models.enums import ReviewState
from app.pagination import Page, build_page
from app.participations import service as participation_service
from app.participations.schemas import (
    PARTICIPATION_COLUMNS,
    ParticipationChanges,
    ParticipationCreate,
    ParticipationRead,
)
from app.responses import CONFLICT, INVALID, NOT_FOUND, UNAUTHORIZED

router = APIRouter(prefix="/participations", tags=["participations"], dependencies=READABLE)
CREATED_LINKS = record_links("/participations/{participation_id}", "participation_id", "$response.body#/id")  # the new record's next steps

ParticipationId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The participation's id.")]

PARTICIPATIONS_EXPORT = Exportable("participations", PARTICIPATION_COLUMNS)


@router.get("", response_model=Page[ParticipationRead], responses={**INVALID, **PARTICIPATIONS_EXPORT.responses})
def list_participations(
    request: Request,
    session: SessionDep,
    page: PageDep,
    export: Annotated[Export, Depends(PARTICIPATIONS_EXPORT.negotiate)],
    engagement_id: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="Only this engagement's participants.")] = None,
    person_id: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="Only this person's participations.")] = None,
    review_state: Annotated[ReviewState | None, Query(description="Only records in this review state (default: all but rejected).", examples=["pending"])] = None,
) -> dict[str, object] | Response:
    """List participations: who took part in what, with rank and title as of then."""
    filters = {"engagement_id": engagement_id, "person_id": person_id, "review_state": review_state}
    if export.wanted:
        return export.respond(participation_service.stream(export.session, **filters))
    items, total = participation_service.list_(session, page, **filters)
    return build_page(request, items, total, page)


@router.get("/{participation_id}", response_model=ParticipationRead, responses={**NOT_FOUND, **INVALID})
def get_participation(participation_id: ParticipationId, session: SessionDep, response: Response) -> ParticipationRead:
    """One person's part in one engagement: rank, title, organization and role as of then."""
    participation = participation_service.get(session, participation_id)
    response.headers["ETag"] = f'"{participation.version}"'
    return participation


@router.post("", status_code=201, response_model=ParticipationRead, responses={201: CREATED_LINKS, **UNAUTHORIZED, **INVALID, **CONFLICT})
def create_participation(body: ParticipationCreate, session: WriteSessionDep, actor: EditorDep, response: Response) -> ParticipationRead:
    """Add a person to an engagement (editor); 409 if they already take part in it."""
    participation = participation_service.create(session, actor, body)
    response.headers["ETag"] = etag_of(participation)
    response.headers["Location"] = f"/participations/{participation.id}"
    return participation_service.get(session, participation.id)


add_curation_routes(
    router,
    Curatable(
        noun="participation",
        id_name="participation_id",
        load=participation_service.load,
        read=lambda session, participation: participation_service.get(session, participation.id),
        response_model=ParticipationRead,
        update_schema=ParticipationChanges,
        prepare=participation_service.prepare,
    ),
)
