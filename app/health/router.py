"""Liveness and database health."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from app.deps import SessionDep
from app.health import service as health_service
from app.health.service import HealthRead

router = APIRouter(tags=["health"])

UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {
        "model": HealthRead,
        "description": "The database is not reachable; `reason` says why, `Retry-After` when to ask again.",
    }
}


@router.get("/health", response_model=HealthRead, response_model_exclude_none=True, responses=UNAVAILABLE)
def get_health(session: SessionDep) -> HealthRead | JSONResponse:
    """Check that the service can reach its database."""
    health = health_service.check(session)
    if health.status == "ok":
        return health
    headers = {"Retry-After": str(health.retry_after)}
    return JSONResponse(health.model_dump(exclude_none=True), status_code=503, headers=headers)
