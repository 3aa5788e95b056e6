"""HTTP routes for locations."""

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
from app.locations import merge as location_merge
from app.locations import service as location_service
from app.locations import writes as location_writes
from app.locations.schemas import LOCATION_COLUMNS, LocationChanges, LocationCreate, LocationListItem
from app.models.enums import LocationKind, ReviewState
from app.pagination import Page, build_page, page_response
from app.query_params import country_code, folded_term
from app.responses import CONFLICT, INVALID, NOT_FOUND, PRECONDITION, UNAUTHORIZED

router = APIRouter(prefix="/locations", tags=["locations"], dependencies=READABLE)
CREATED_LINKS = record_links("/locations/{location_id}", "location_id", "$response.body#/id")  # the new record's next steps

LocationId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The location's id.")]

LOCATIONS_EXPORT = Exportable("locations", LOCATION_COLUMNS, geojson=True)


@router.get("", response_model=Page[LocationListItem], responses={**INVALID, **LOCATIONS_EXPORT.responses})
def list_locations(
    request: Request,
    session: SessionDep,
    page: PageDep,
    export: Annotated[Export, Depends(LOCATIONS_EXPORT.negotiate)],
    name: Annotated[str | None, Query(min_length=1, max_length=200, description="Part of the name; case- and accent-insensitive.", examples=["lima"])] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=60, description="ISO 3166-1 alpha-2 code or English name.", examples=["PE"])] = None,
    kind: Annotated[LocationKind | None, Query(description="City, installation, building...")] = None,
    review_state: Annotated[ReviewState | None, Query(description="Only records in this review state (default: all but rejected).", examples=["pending"])] = None,
) -> dict[str, object] | Response:
    """List named places where engagements happened."""
    filters = {"name": folded_term(name, "name"), "country": country_code(country) if country else None, "kind": kind, "review_state": review_state}
    if export.wanted:
        return export.respond(location_service.stream(export.session, **filters))
    items, total = location_service.list_(session, page, **filters)
    return build_page(request, items, total, page)


@router.get("/{location_id}", response_model=LocationListItem, responses={**NOT_FOUND, **INVALID})
def get_location(location_id: LocationId, session: SessionDep, response: Response) -> LocationListItem:
    """One location, with its coordinates when known."""
    location = location_service.get(session, location_id)
    response.headers["ETag"] = f'"{location.version}"'
    return location


@router.get(
    "/{location_id}/engagements",
    response_model=Page[EngagementSummary],
    responses={**NOT_FOUND, **INVALID, **ENGAGEMENTS_EXPORT.responses},
)
def list_location_engagements(
    request: Request, response: Response, location_id: LocationId, session: SessionDep, page: PageDep, export: EngagementsExport
) -> dict[str, object] | Response:
    """The engagements held at one location."""
    if export.wanted:
        return export.respond(location_service.stream_engagements(session, export.session, location_id))
    items, total = location_service.list_engagements(session, location_id, page)
    return page_response(request, response, EngagementSummary, items, total, page)


@router.post("", status_code=201, response_model=LocationListItem, responses={201: CREATED_LINKS, **UNAUTHORIZED, **INVALID, **CONFLICT})
def create_location(body: LocationCreate, session: WriteSessionDep, actor: EditorDep, response: Response) -> LocationListItem:
    """Add a location no article names (editor); it is stored as accepted."""
    location = location_writes.create(session, actor, body)
    response.headers["ETag"] = etag_of(location)
    response.headers["Location"] = f"/locations/{location.id}"
    return location_service.read(session, location)


@router.post(
    "/{location_id}/merge",
    response_model=LocationListItem,
    responses={**UNAUTHORIZED, **NOT_FOUND, **INVALID, **PRECONDITION, **CONFLICT},
)
def merge_location(
    location_id: LocationId, body: MergeRequest, session: WriteSessionDep, actor: EditorDep, response: Response, if_match: IfMatch
) -> LocationListItem:
    """Merge a duplicate location into this one (editor; If-Match required): its engagements move here."""
    survivor = location_merge.merge(session, actor, location_id, body.duplicate_id, if_match)
    response.headers["ETag"] = etag_of(survivor)
    return location_service.read(session, survivor)


add_curation_routes(
    router,
    Curatable(
        noun="location",
        id_name="location_id",
        load=location_writes.load,
        read=location_service.read,
        response_model=LocationListItem,
        update_schema=LocationChanges,
        prepare=location_writes.prepare,
    ),
)
