"""Can the service reach its database, and if not, why (in words safe for anyone to read)."""

import logging
from typing import Literal

from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.database_faults import database_fault

logger = logging.getLogger(__name__)


class HealthRead(BaseModel):
    status: Literal["ok", "unavailable"]
    database: str  # the dialect: sqlite or postgresql
    reason: str | None = None  # when unavailable: a stable code, e.g. connection_refused
    detail: str | None = None  # when unavailable: one sentence, never the driver's message
    retry_after: int | None = None  # when unavailable: seconds, also sent as Retry-After


def check(session: Session) -> HealthRead:
    """Run one trivial query; a database fault becomes an unavailable status, anything else raises."""
    dialect = session.get_bind().dialect.name
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        fault = database_fault(exc)
        if fault is None:
            raise
        session.rollback()  # the connection is gone or unusable; leave the session clean
        logger.warning("health: database unavailable (%s): %s", fault.reason, getattr(exc, "orig", exc))
        return HealthRead(status="unavailable", database=dialect, reason=fault.reason, detail=fault.detail, retry_after=fault.retry_after)
    return HealthRead(status="ok", database=dialect)
