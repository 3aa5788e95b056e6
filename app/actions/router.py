"""HTTP routes for agreed-to-actions."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from app.actions import service as action_service
from app.actions import writes as action_writes
from app.actions.schemas import AGREED_ACTION_COLUMNS, AgreedActionChanges, AgreedActionCreate, AgreedActionRead
from app.auth.dependencies import READABLE, EditorDep
from app.curation.etag import etag_of
from app.curation.links import record_links
from app.curation.routes import Curatable, add_curation_routes
from app.deps import PageDep, SessionDep, WriteSessionDep
from app.export.formats import Export, Exportable
from app.models.enums import ActionStatus, ReviewState
from app.pagination import Page, build_page
from app.query_params import country_code
from app.responses import CONFLICT, INVALID, NOT_FOUND, UNAUTHORIZED

router = APIRouter(prefix="/agreed-actions", tags=["agreed-actions"], dependencies=READABLE)
CREATED_LINKS = record_links("/agreed-actions/{agreed_action_id}", "agreed_action_id", "$response.body#/id")  # the new record's next steps

AgreedActionId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The agreed action's id.")]

AGREED_ACTIONS_EXPORT = Exportable("agreed-actions", AGREED_ACTION_COLUMNS)


@router.get("", response_model=Page[AgreedActionRead], responses={**INVALID, **AGREED_ACTIONS_EXPORT.responses})
def list_agreed_actions(
    request: Request,
    session: SessionDep,
    page: PageDep,
    export: Annotated[Export, Depends(AGREED_ACTIONS_EXPORT.negotiate)],
    status: Annotated[ActionStatus | None, Query(description="Reported status.")] = None,
    engagement_id: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="The engagement that agreed them.")] = None,
    year: Annotated[int | None, Query(ge=1800, le=2200, description="Year of the engagement that agreed them.", examples=[2025])] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=60, description="Either side of the engagement.", examples=["PE"])] = None,
    review_state: Annotated[ReviewState | None, Query(description="Only records in this review state (default: all but rejected).", examples=["pending"])] = None,
) -> dict[str, object] | Response:
    """List agreed-to-actions with their status and horizon."""
    filters = {
        "status": status, "engagement_id": engagement_id, "year": year,
        "country": country_code(country) if country else None, "review_state": review_state,
    }
    if export.wanted:
        return export.respond(action_service.stream(export.session, **filters))
    items, total = action_service.list_(session, page, **filters)
    return build_page(request, items, total, page)


@router.get("/{agreed_action_id}", response_model=AgreedActionRead, responses={**NOT_FOUND, **INVALID})
def get_agreed_action(agreed_action_id: AgreedActionId, session: SessionDep, response: Response) -> AgreedActionRead:
    """One agreed-to-action, with its target date as precise as known."""
    action = action_service.load(session, agreed_action_id)
    response.headers["ETag"] = etag_of(action)
    return action_service.read(session, action)


@router.post("", status_code=201, response_model=AgreedActionRead, responses={201: CREATED_LINKS, **UNAUTHORIZED, **INVALID, **CONFLICT})
def create_agreed_action(body: AgreedActionCreate, session: WriteSessionDep, actor: EditorDep, response: Response) -> AgreedActionRead:
    """Add an agreed action no article reports (editor); it is stored as accepted."""
    action = action_writes.create(session, actor, body)
    response.headers["ETag"] = etag_of(action)
    response.headers["Location"] = f"/agreed-actions/{action.id}"
    return action_service.read(session, action)


add_curation_routes(
    router,
    Curatable(
        noun="agreed action",
        id_name="agreed_action_id",
        load=action_service.load,
        read=action_service.read,
        response_model=AgreedActionRead,
        update_schema=AgreedActionChanges,
        prepare=action_writes.prepare,
    ),
)
