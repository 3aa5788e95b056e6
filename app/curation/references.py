"""Checks a write body's references against the database: a missing record is a 422, not a 500."""

from typing import TypeVar

from sqlalchemy.orm import Session

from app.errors import InvalidReference, NotFound
from app.models.curation import Curated

M = TypeVar("M", bound=Curated)


def referenced(session: Session, model: type[M], record_id: int | None, field: str) -> M | None:
    """The live record `field` names (None stays None); deleted records count as missing."""
    if record_id is None:
        return None
    record = session.get(model, record_id)
    if record is None or record.deleted_at is not None:
        raise InvalidReference(field, model.__name__, record_id)
    return record


def load_live(session: Session, model: type[M], record_id: int, include_deleted: bool = False) -> M:
    """A record for a write; a deleted one only when restoring."""
    record = session.get(model, record_id)
    if record is None or (record.deleted_at is not None and not include_deleted):
        raise NotFound(_resource_name(model), record_id)
    return record


def _resource_name(model: type[Curated]) -> str:
    names = {"AgreedAction": "Agreed action", "Person": "Participant"}
    return names.get(model.__name__, model.__name__)
