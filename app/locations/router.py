"""HTTP routes for locations."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from app.auth.dependencies import READABLE
from app.deps import PageDep, SessionDep
from app.engagements.schemas import EngagementSummary
from app.locations import service as location_service
from app.locations.schemas import LocationListItem
from app.models.enums import LocationKind
from app.pagination import Page, build_page
from app.query_params import country_code, folded_term
from app.responses import INVALID, NOT_FOUND

router = APIRouter(prefix="/locations", tags=["locations"], dependencies=READABLE)

LocationId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The location's id.")]


@router.get("", response_model=Page[LocationListItem], responses=INVALID)
def list_locations(
    request: Request,
    session: SessionDep,
    page: PageDep,
    name: Annotated[str | None, Query(min_length=1, max_length=200, description="Part of the name; case- and accent-insensitive.", examples=["lima"])] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=60, description="ISO 3166-1 alpha-2 code or English name.", examples=["PE"])] = None,
    kind: Annotated[LocationKind | None, Query(description="City, installation, building...")] = None,
) -> dict[str, object]:
    """List named places where engagements happened."""
    items, total = location_service.list_(
        session, page, name=folded_term(name, "name"), country=country_code(country) if country else None, kind=kind
    )
    return build_page(request, items, total, page)


@router.get("/{location_id}", response_model=LocationListItem, responses={**NOT_FOUND, **INVALID})
def get_location(location_id: LocationId, session: SessionDep) -> LocationListItem:
    """One location, with its coordinates when known."""
    return location_service.get(session, location_id)


@router.get("/{location_id}/engagements", response_model=Page[EngagementSummary], responses={**NOT_FOUND, **INVALID})
def list_location_engagements(
    request: Request, location_id: LocationId, session: SessionDep, page: PageDep
) -> dict[str, object]:
    """The engagements held at one location."""
    items, total = location_service.list_engagements(session, location_id, page)
    return build_page(request, items, total, page)
