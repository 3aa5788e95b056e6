"""Use cases for reading agreed-to-actions."""

from sqlalchemy.orm import Session

from app.actions import repository
from app.models import AgreedAction
from app.models.enums import ActionStatus
from app.pagination import PageParams, fetch_page


def list_(
    session: Session,
    params: PageParams,
    *,
    status: ActionStatus | None,
    engagement_id: int | None,
    year: int | None,
    country: str | None,
) -> tuple[list[AgreedAction], int]:
    """Agreed actions matching every filter."""
    return fetch_page(session, repository.list_statement(status, engagement_id, year, country), params)
