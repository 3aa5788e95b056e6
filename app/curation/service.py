"""The write use cases every curatable record shares: update, delete, restore, review.

Domain services validate their own fields and then call these, which keep the
bookkeeping in one place: the If-Match check, curated fields, review state, the audit log.
Nothing here commits.
"""

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_
from sqlalchemy.orm import Session

from app.audit import service as audit
from app.audit.snapshot import snapshot
from app.auth.actor import Actor
from app.curation.etag import check_if_match
from app.errors import Conflict
from app.models.curation import Curated
from app.models.enums import Origin, ReviewState

R = TypeVar("R", bound=Curated)


def visible(model: type[Curated], review_state: ReviewState | None = None) -> ColumnElement[bool]:
    """Not deleted, and either in the asked review state or, by default, not rejected."""
    if review_state is not None:
        return and_(model.deleted_at.is_(None), model.review_state == review_state)
    return and_(model.deleted_at.is_(None), model.review_state != ReviewState.rejected)


def create(session: Session, actor: Actor, record: R, values: dict[str, Any], given: Iterable[str]) -> R:
    """Store a record a person stated with `values`: manual origin, accepted, the `given` fields curated."""
    for name, value in values.items():
        setattr(record, name, value)
    mark_curated(record, given)
    record.origin = Origin.manual
    record.review_state = ReviewState.accepted
    session.add(record)
    session.flush()
    audit.record(session, actor, "create", record, before=None)
    return record


def update(
    session: Session,
    actor: Actor,
    record: R,
    if_match: str | None,
    changes: dict[str, Any],
) -> R:
    """Apply `changes` (validated column values) and remember that a person set those fields."""
    check_if_match(if_match, record)
    before = snapshot(record)
    _apply(record, changes)
    if before != snapshot(record) and record.review_state in (ReviewState.pending, ReviewState.accepted):
        record.review_state = ReviewState.corrected
    session.flush()
    audit.record(session, actor, "update", record, before=before)
    return record


def _apply(record: R, changes: dict[str, Any]) -> None:
    for name, value in changes.items():
        setattr(record, name, value)
    mark_curated(record, changes)


def mark_curated(record: Curated, fields: Iterable[str]) -> None:
    # A new list, not an in-place append: JSON columns only notice assignment.
    record.curated_fields = sorted(set(record.curated_fields or []) | set(fields))


def delete(session: Session, actor: Actor, record: R, if_match: str | None) -> None:
    """Soft delete: the record disappears from reads, stays restorable and blocks re-extraction."""
    check_if_match(if_match, record)
    before = snapshot(record)
    record.deleted_at = datetime.now(UTC)
    session.flush()
    audit.record(session, actor, "delete", record, before=before)


def restore(session: Session, actor: Actor, record: R, if_match: str | None) -> R:
    """Bring back a soft-deleted record (If-Match is checked when given)."""
    if if_match is not None:
        check_if_match(if_match, record)
    if record.deleted_at is None:
        raise Conflict(f"{type(record).__name__} {record.id} is not deleted.")  # type: ignore[attr-defined]
    before = snapshot(record)
    record.deleted_at = None
    # A restored merge duplicate stands on its own again: the loader must stop sending its
    # mentions to the survivor. The links the merge moved stay moved (the audit log has them).
    if getattr(record, "merged_into_id", None) is not None:
        record.merged_into_id = None  # type: ignore[attr-defined]
    session.flush()
    audit.record(session, actor, "restore", record, before=before)
    return record


def review(
    session: Session,
    actor: Actor,
    record: R,
    if_match: str | None,
    decision: str,
    changes: dict[str, Any] | None = None,
) -> R:
    """Accept, reject, or correct (apply `changes`) a record; each decision is logged."""
    check_if_match(if_match, record)
    before = snapshot(record)
    if decision == "correct":
        _apply(record, changes or {})
    state = {"accept": ReviewState.accepted, "reject": ReviewState.rejected, "correct": ReviewState.corrected}[decision]
    record.review_state = state
    session.flush()
    audit.record(session, actor, f"review:{decision}", record, before=before)
    return record
