"""HTTP routes for dashboard aggregates: flat JSON arrays (or CSV), filtered like GET /engagements."""

from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel

from app.auth.dependencies import READABLE
from app.deps import SessionDep
from app.engagements.filters import EngagementFilters, engagement_filters
from app.export.columns import Columns
from app.export.formats import Export, Exportable
from app.responses import INVALID
from app.stats import service as stats_service
from app.stats.schemas import (
    ActionStatusCount,
    ActionYearCount,
    CountryPairCount,
    LocationCount,
    ModeCount,
    MonthCount,
    ParticipantCount,
    TypeCount,
    YearCount,
)

router = APIRouter(prefix="/stats", tags=["stats"], dependencies=READABLE)

Filters = Annotated[EngagementFilters, Depends(engagement_filters)]


def _exportable(name: str, schema: type[BaseModel], *, geojson: bool = False) -> Exportable:
    """The aggregate as a download whose columns are the row's fields, in order."""
    return Exportable(name, Columns(**{field: field for field in schema.model_fields}), geojson=geojson)


RowT = TypeVar("RowT", bound=BaseModel)


def _answer(export: Export, rows: list[RowT]) -> list[RowT] | Response:
    return export.respond(rows) if export.wanted else rows


BY_YEAR = _exportable("engagements-by-year", YearCount)
BY_MONTH = _exportable("engagements-by-month", MonthCount)
BY_TYPE = _exportable("engagements-by-type", TypeCount)
BY_MODE = _exportable("engagements-by-mode", ModeCount)
BY_COUNTRY_PAIR = _exportable("engagements-by-country-pair", CountryPairCount)
BY_LOCATION = _exportable("engagements-by-location", LocationCount, geojson=True)
ACTIONS_BY_STATUS = _exportable("agreed-actions-by-status", ActionStatusCount)
ACTIONS_BY_YEAR = _exportable("agreed-actions-by-year", ActionYearCount)
PARTICIPANTS = _exportable("participants-by-engagements", ParticipantCount)


@router.get("/engagements/by-year", response_model=list[YearCount], responses={**INVALID, **BY_YEAR.responses})
def engagements_by_year(session: SessionDep, filters: Filters, export: Annotated[Export, Depends(BY_YEAR.negotiate)]) -> list[YearCount] | Response:
    """Count engagements per start year (unknown dates last, as year null)"""
    return _answer(export, stats_service.engagements_by_year(session, filters))


@router.get("/engagements/by-month", response_model=list[MonthCount], responses={**INVALID, **BY_MONTH.responses})
def engagements_by_month(session: SessionDep, filters: Filters, export: Annotated[Export, Depends(BY_MONTH.negotiate)]) -> list[MonthCount] | Response:
    """Count engagements per start month, for those dated at least to the month"""
    return _answer(export, stats_service.engagements_by_month(session, filters))


@router.get("/engagements/by-type", response_model=list[TypeCount], responses={**INVALID, **BY_TYPE.responses})
def engagements_by_type(session: SessionDep, filters: Filters, export: Annotated[Export, Depends(BY_TYPE.negotiate)]) -> list[TypeCount] | Response:
    """Count engagements per type, most first"""
    return _answer(export, stats_service.engagements_by_type(session, filters))


@router.get("/engagements/by-mode", response_model=list[ModeCount], responses={**INVALID, **BY_MODE.responses})
def engagements_by_mode(session: SessionDep, filters: Filters, export: Annotated[Export, Depends(BY_MODE.negotiate)]) -> list[ModeCount] | Response:
    """Count engagements per mode (in person, virtual, hybrid, unknown), most first"""
    return _answer(export, stats_service.engagements_by_mode(session, filters))


@router.get("/engagements/by-country-pair", response_model=list[CountryPairCount], responses={**INVALID, **BY_COUNTRY_PAIR.responses})
def engagements_by_country_pair(
    session: SessionDep, filters: Filters, export: Annotated[Export, Depends(BY_COUNTRY_PAIR.negotiate)]
) -> list[CountryPairCount] | Response:
    """Count engagements per pair of countries, most first"""
    return _answer(export, stats_service.engagements_by_country_pair(session, filters))


@router.get("/engagements/by-location", response_model=list[LocationCount], responses={**INVALID, **BY_LOCATION.responses})
def engagements_by_location(session: SessionDep, filters: Filters, export: Annotated[Export, Depends(BY_LOCATION.negotiate)]) -> list[LocationCount] | Response:
    """Count engagements per place, with coordinates for a map, most first"""
    return _answer(export, stats_service.engagements_by_location(session, filters))


@router.get("/agreed-actions/by-status", response_model=list[ActionStatusCount], responses={**INVALID, **ACTIONS_BY_STATUS.responses})
def agreed_actions_by_status(
    session: SessionDep, filters: Filters, export: Annotated[Export, Depends(ACTIONS_BY_STATUS.negotiate)]
) -> list[ActionStatusCount] | Response:
    """Count the agreed actions of matching engagements per status"""
    return _answer(export, stats_service.actions_by_status(session, filters))


@router.get("/agreed-actions/by-year", response_model=list[ActionYearCount], responses={**INVALID, **ACTIONS_BY_YEAR.responses})
def agreed_actions_by_year(session: SessionDep, filters: Filters, export: Annotated[Export, Depends(ACTIONS_BY_YEAR.negotiate)]) -> list[ActionYearCount] | Response:
    """Count agreed-action records and the numbers articles reported, per year"""
    return _answer(export, stats_service.actions_by_year(session, filters))


@router.get("/participants/by-engagements", response_model=list[ParticipantCount], responses={**INVALID, **PARTICIPANTS.responses})
def participants_by_engagements(
    session: SessionDep,
    filters: Filters,
    export: Annotated[Export, Depends(PARTICIPANTS.negotiate)],
    limit: Annotated[int, Query(ge=1, le=200, description="How many officials (1-200); CSV holds the same rows.")] = 50,
) -> list[ParticipantCount] | Response:
    """Rank officials by how many matching engagements they took part in"""
    return _answer(export, stats_service.participants_by_engagements(session, filters, limit))
