"""Liveness and database health."""

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text

from app.deps import SessionDep

router = APIRouter(tags=["health"])


class HealthRead(BaseModel):
    status: str
    database: str


@router.get("/health", response_model=HealthRead, responses={503: {"description": "The database is not reachable."}})
def get_health(session: SessionDep) -> HealthRead:
    """Check that the service can reach its database."""
    session.execute(text("SELECT 1"))
    return HealthRead(status="ok", database=session.get_bind().dialect.name)
