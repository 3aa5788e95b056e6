"""HTTP routes for engagements."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request

from app.deps import PageDep, SessionDep
from app.engagements import service as engagement_service
from app.engagements.filters import EngagementFilters, engagement_filters
from app.engagements.schemas import EngagementDetail, EngagementSummary
from app.pagination import Page, build_page
from app.responses import INVALID, NOT_FOUND

router = APIRouter(prefix="/engagements", tags=["engagements"])

EngagementId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The engagement's id.")]


@router.get("", response_model=Page[EngagementSummary], responses=INVALID)
def list_engagements(
    request: Request,
    session: SessionDep,
    page: PageDep,
    filters: Annotated[EngagementFilters, Depends(engagement_filters)],
) -> dict[str, object]:
    """List engagements; every filter narrows the result (they combine with AND)."""
    items, total = engagement_service.list_(session, filters, page)
    return build_page(request, items, total, page)


@router.get("/{engagement_id}", response_model=EngagementDetail, responses={**NOT_FOUND, **INVALID})
def get_engagement(engagement_id: EngagementId, session: SessionDep) -> EngagementDetail:
    """Everything about one engagement: officials, place, agreed actions, sources with quotes."""
    return engagement_service.get(session, engagement_id)
