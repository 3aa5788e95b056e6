"""Use cases for reading agreed-to-actions."""

from collections.abc import Iterator

from sqlalchemy.orm import Session

from app.actions import repository
from app.actions.schemas import AgreedActionRead
from app.errors import NotFound
from app.export.stream import stream_scalars
from app.models import AgreedAction
from app.models.enums import ActionStatus, ReviewState
from app.pagination import PageParams, fetch_page


def list_(
    session: Session,
    params: PageParams,
    *,
    status: ActionStatus | None,
    engagement_id: int | None,
    year: int | None,
    country: str | None,
    review_state: ReviewState | None = None,
) -> tuple[list[AgreedAction], int]:
    """Agreed actions matching every filter."""
    return fetch_page(session, repository.list_statement(status, engagement_id, year, country, review_state), params)


def stream(
    session: Session,
    *,
    status: ActionStatus | None,
    engagement_id: int | None,
    year: int | None,
    country: str | None,
    review_state: ReviewState | None = None,
) -> Iterator[AgreedActionRead]:
    """Every agreed action matching the filters, in list order, read in batches (for file exports)."""
    for action in stream_scalars(session, repository.list_statement(status, engagement_id, year, country, review_state)):
        yield AgreedActionRead.model_validate(action)


def load(session: Session, action_id: int, include_deleted: bool = False) -> AgreedAction:
    """A live action of a live engagement (rejected ones included: asked for by id), or 404."""
    action = repository.get_live(session, action_id, include_deleted)
    if action is None:
        raise NotFound("Agreed action", action_id)
    return action


def read(session: Session, action: AgreedAction) -> AgreedActionRead:
    return AgreedActionRead.model_validate(action)
