"""Use cases for reading locations."""

from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from app.engagements import service as engagement_service
from app.engagements.filters import EngagementFilters
from app.engagements.schemas import EngagementSummary
from app.errors import NotFound
from app.export.stream import stream_rows
from app.locations import repository
from app.locations.schemas import LocationListItem, LocationRead
from app.models import Location
from app.models.enums import LocationKind, ReviewState
from app.pagination import PageParams, fetch_rows


def _item(location: object, count: int) -> LocationListItem:
    return LocationListItem(**LocationRead.model_validate(location).model_dump(), engagement_count=count)


def list_(
    session: Session,
    params: PageParams,
    *,
    name: str | None,
    country: str | None,
    kind: LocationKind | None,
    review_state: ReviewState | None = None,
) -> tuple[list[LocationListItem], int]:
    """Locations matching the filters, with how many engagements each hosted."""
    rows, total = fetch_rows(session, repository.list_statement(name, country, kind, review_state), params)
    return [_item(location, count) for location, count in rows], total


def stream(
    session: Session, *, name: str | None, country: str | None, kind: LocationKind | None, review_state: ReviewState | None = None
) -> Iterator[LocationListItem]:
    """Every location matching the filters, with its engagement count, read in batches (for file exports)."""
    for location, count in stream_rows(session, repository.list_statement(name, country, kind, review_state)):
        yield _item(location, count)


def get(session: Session, location_id: int) -> LocationListItem:
    """One location; a deleted one does not exist for readers."""
    found = repository.get_with_count(session, location_id)
    if found is None:
        raise NotFound("Location", location_id)
    return _item(*found)


def read(session: Session, location: Location) -> LocationListItem:
    """The response body after a write: the record as written (even a deleted one being restored)."""
    found = repository.get_with_count(session, location.id)
    return _item(*found) if found else _item(location, 0)


def list_engagements(session: Session, location_id: int, params: PageParams) -> tuple[list[dict[str, Any]], int]:
    """The engagements held at one location."""
    if not repository.exists(session, location_id):
        raise NotFound("Location", location_id)
    return engagement_service.list_(session, EngagementFilters(location_id=location_id), params)


def stream_engagements(session: Session, export_session: Session, location_id: int) -> Iterator[EngagementSummary]:
    """Checks the location exists now (404 before any byte); its engagements are read later, through `export_session`."""
    if not repository.exists(session, location_id):
        raise NotFound("Location", location_id)
    return engagement_service.stream(export_session, EngagementFilters(location_id=location_id))
