"""HTTP routes for engagements."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response

from app.auth.dependencies import READABLE, EditorDep
from app.curation.etag import etag_of
from app.curation.links import record_links
from app.curation.routes import Curatable, add_curation_routes
from app.deps import PageDep, SessionDep, WriteSessionDep
from app.engagements import service as engagement_service
from app.engagements import writes as engagement_writes
from app.engagements.filters import EngagementFilters, engagement_filters
from app.engagements.schemas import (
    ENGAGEMENT_COLUMNS,
    EngagementChanges,
    EngagementCreate,
    EngagementDetail,
    EngagementSummary,
)
from app.export.formats import Export, Exportable
from app.pagination import Page, page_response
from app.responses import CONFLICT, INVALID, NOT_FOUND, UNAUTHORIZED
from app.serialized import json_response

router = APIRouter(prefix="/engagements", tags=["engagements"], dependencies=READABLE)
CREATED_LINKS = record_links("/engagements/{engagement_id}", "engagement_id", "$response.body#/id")  # the new record's next steps

EngagementId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The engagement's id.")]

# Every list of engagements (here, at a location, of a participant) exports the same columns.
ENGAGEMENTS_EXPORT = Exportable("engagements", ENGAGEMENT_COLUMNS, geojson=True)
EngagementsExport = Annotated[Export, Depends(ENGAGEMENTS_EXPORT.negotiate)]


@router.get("", response_model=Page[EngagementSummary], responses={**INVALID, **ENGAGEMENTS_EXPORT.responses})
def list_engagements(
    request: Request,
    response: Response,
    session: SessionDep,
    page: PageDep,
    filters: Annotated[EngagementFilters, Depends(engagement_filters)],
    export: EngagementsExport,
) -> Response:
    """List engagements; every filter narrows the result (they combine with AND)."""
    if export.wanted:
        return export.respond(engagement_service.stream(export.session, filters))
    items, total = engagement_service.list_(session, filters, page)
    return page_response(request, response, EngagementSummary, items, total, page)


@router.get("/{engagement_id}", response_model=EngagementDetail, responses={**NOT_FOUND, **INVALID})
def get_engagement(engagement_id: EngagementId, session: SessionDep) -> Response:
    """Everything about one engagement: officials, place, agreed actions, sources with quotes."""
    detail = engagement_service.get(session, engagement_id)
    response = json_response(detail)
    response.headers["ETag"] = f'"{detail.version}"'
    return response


@router.post("", status_code=201, response_model=EngagementDetail, responses={201: CREATED_LINKS, **UNAUTHORIZED, **INVALID, **CONFLICT})
def create_engagement(body: EngagementCreate, session: WriteSessionDep, actor: EditorDep, response: Response) -> EngagementDetail:
    """Add an engagement no article reports (editor); it is stored as accepted."""
    engagement = engagement_writes.create(session, actor, body)
    response.headers["ETag"] = etag_of(engagement)
    response.headers["Location"] = f"/engagements/{engagement.id}"
    return engagement_service.get(session, engagement.id)


add_curation_routes(
    router,
    Curatable(
        noun="engagement",
        id_name="engagement_id",
        load=engagement_writes.load,
        read=lambda session, engagement: engagement_service.get(session, engagement.id),
        response_model=EngagementDetail,
        update_schema=EngagementChanges,
        prepare=engagement_writes.prepare,
    ),
)
