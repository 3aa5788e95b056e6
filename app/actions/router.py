"""HTTP routes for agreed-to-actions."""

from typing import Annotated

from fastapi import APIRouter, Query, Request

from app.auth.dependencies import READABLE
from app.actions import service as action_service
from app.actions.schemas import AgreedActionRead
from app.deps import PageDep, SessionDep
from app.models.enums import ActionStatus
from app.pagination import Page, build_page
from app.query_params import country_code
from app.responses import INVALID

router = APIRouter(prefix="/agreed-actions", tags=["agreed-actions"], dependencies=READABLE)


@router.get("", response_model=Page[AgreedActionRead], responses=INVALID)
def list_agreed_actions(
    request: Request,
    session: SessionDep,
    page: PageDep,
    status: Annotated[ActionStatus | None, Query(description="Reported status.")] = None,
    engagement_id: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="The engagement that agreed them.")] = None,
    year: Annotated[int | None, Query(ge=1800, le=2200, description="Year of the engagement that agreed them.", examples=[2025])] = None,
    country: Annotated[str | None, Query(min_length=2, max_length=60, description="Either side of the engagement.", examples=["PE"])] = None,
) -> dict[str, object]:
    """List agreed-to-actions with their status and horizon."""
    items, total = action_service.list_(
        session, page, status=status, engagement_id=engagement_id, year=year,
        country=country_code(country) if country else None,
    )
    return build_page(request, items, total, page)
