"""HTTP routes for organizations: the armies, commands and ministries officials belong to."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from app.auth.dependencies import READABLE, EditorDep
from app.curation.etag import etag_of
from app.curation.links import record_links
from app.curation.routes import Curatable, IfMatch, add_curation_routes
from app.curation.schemas import MergeRequest
from app.deps import PageDep, SessionDep, WriteSessionDep
from app.export.formats import Export, Exportable
from app.models.enums import ReviewState
from app.organizations import service as organization_service
from app.organizations.schemas import ORGANIZATION_COLUMNS, OrganizationChanges, OrganizationCreate, OrganizationDetail
from app.pagination import Page, build_page
from app.query_params import country_code, folded_term
from app.responses import CONFLICT, INVALID, NOT_FOUND, PRECONDITION, UNAUTHORIZED

router = APIRouter(prefix="/organizations", tags=["organizations"], dependencies=READABLE)
CREATED_LINKS = record_links("/organizations/{organization_id}", "organization_id", "$response.body#/id")  # the new record's next steps

OrganizationId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The organization's id.")]

ORGANIZATIONS_EXPORT = Exportable("organizations", ORGANIZATION_COLUMNS)


@router.get("", response_model=Page[OrganizationDetail], responses={**INVALID, **ORGANIZATIONS_EXPORT.responses})
def list_organizations(
    request: Request,
    session: SessionDep,
    page: PageDep,
    export: Annotated[Export, Depends(ORGANIZATIONS_EXPORT.negotiate)],
    name: Annotated[str | None, Query(min_length=1, max_length=200, description="Part of the name, or the whole acronym; case- and accent-insensitive.", examples=["army south"])] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=60, description="ISO 3166-1 alpha-2 code or English name.", examples=["US"])] = None,
    review_state: Annotated[ReviewState | None, Query(description="Only records in this review state (default: all but rejected).", examples=["pending"])] = None,
) -> dict[str, object] | Response:
    """List organizations officials belong to."""
    filters = {"name": folded_term(name, "name"), "country": country_code(country) if country else None, "review_state": review_state}
    if export.wanted:
        return export.respond(organization_service.stream(export.session, **filters))
    items, total = organization_service.list_(session, page, **filters)
    return build_page(request, items, total, page)


@router.get("/{organization_id}", response_model=OrganizationDetail, responses={**NOT_FOUND, **INVALID})
def get_organization(organization_id: OrganizationId, session: SessionDep, response: Response) -> OrganizationDetail:
    """One organization, with the organization it is part of."""
    organization = organization_service.get(session, organization_id)
    response.headers["ETag"] = etag_of(organization)
    return OrganizationDetail.model_validate(organization)


@router.post("", status_code=201, response_model=OrganizationDetail, responses={201: CREATED_LINKS, **UNAUTHORIZED, **INVALID, **CONFLICT})
def create_organization(body: OrganizationCreate, session: WriteSessionDep, actor: EditorDep, response: Response) -> OrganizationDetail:
    """Add an organization no article names (editor); it is stored as accepted."""
    organization = organization_service.create(session, actor, body)
    response.headers["ETag"] = etag_of(organization)
    response.headers["Location"] = f"/organizations/{organization.id}"
    return OrganizationDetail.model_validate(organization)


@router.post(
    "/{organization_id}/merge",
    response_model=OrganizationDetail,
    responses={**UNAUTHORIZED, **NOT_FOUND, **INVALID, **PRECONDITION, **CONFLICT},
)
def merge_organization(
    organization_id: OrganizationId, body: MergeRequest, session: WriteSessionDep, actor: EditorDep, response: Response, if_match: IfMatch
) -> OrganizationDetail:
    """Merge a duplicate into this organization (editor; If-Match of this one required)."""
    organization = organization_service.merge(session, actor, organization_id, body.duplicate_id, if_match)
    response.headers["ETag"] = etag_of(organization)
    return OrganizationDetail.model_validate(organization)


add_curation_routes(
    router,
    Curatable(
        noun="organization",
        id_name="organization_id",
        load=organization_service.load,
        read=lambda session, organization: OrganizationDetail.model_validate(organization),
        response_model=OrganizationDetail,
        update_schema=OrganizationChanges,
        prepare=organization_service.prepare,
    ),
)
