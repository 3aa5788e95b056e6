"""Merging two records that name the same thing: the bookkeeping every mergeable kind shares.

The domain moves what points at the duplicate (participations, child organizations...);
this module checks the request, retires the duplicate (soft-deleted, `merged_into_id` set
so the loader follows it) and writes one "merge" audit entry on each side. Nothing commits.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from app.audit import service as audit
from app.audit.snapshot import snapshot
from app.auth.actor import Actor
from app.curation.etag import check_if_match
from app.curation.service import mark_curated
from app.errors import InvalidParameter
from app.models.curation import Curated


class Mergeable(Protocol):
    id: int
    merged_into_id: int | None
    deleted_at: datetime | None
    version: int


M = TypeVar("M", bound=Mergeable)


def check_distinct(survivor: Mergeable, duplicate_id: int) -> None:
    """A record cannot absorb itself; checked before the duplicate is even loaded."""
    if survivor.id == duplicate_id:
        raise InvalidParameter("duplicate_id", "A record cannot be merged into itself.", "body")


def merge(
    session: Session,
    actor: Actor,
    survivor: M,
    duplicate: M,
    if_match: str | None,
    move: Callable[[], dict[str, Any]],
) -> M:
    """Run `move` (re-point the duplicate's links; returns what it moved), then retire the duplicate."""
    check_distinct(survivor, duplicate.id)
    check_if_match(if_match, survivor)
    survivor_before, duplicate_before = snapshot(survivor), snapshot(duplicate)
    moved = move()
    # Records merged into the duplicate earlier now name the survivor: no chains to follow.
    model: Any = type(duplicate)
    earlier = session.scalars(select(model).where(model.merged_into_id == duplicate.id, model.id != survivor.id)).all()
    for record in earlier:
        record_move(session, actor, record, {"merged_into_id": survivor.id})
    if survivor.merged_into_id == duplicate.id:  # restored after an earlier merge the other way round
        survivor.merged_into_id = None
    duplicate.merged_into_id = survivor.id
    duplicate.deleted_at = datetime.now(UTC)
    # The survivor's own columns may not change, but what it stands for did: a new version
    # makes every ETag taken before the merge stale.
    flag_modified(survivor, "curated_fields")
    session.flush()
    merged = {"merged_from": duplicate.id, **moved, "repointed_merged_ids": [record.id for record in earlier]}
    audit.record(session, actor, "merge", survivor, before=survivor_before, after={**snapshot(survivor), **merged})
    audit.record(session, actor, "merge", duplicate, before=duplicate_before)
    return survivor


def record_move(session: Session, actor: Actor, record: Curated, changes: dict[str, Any]) -> None:
    """Re-point one linked record (a participation, a child) and log it, so its history shows the merge.

    The moved fields become curated: a person decided them, the loader must not undo it.
    """
    before = snapshot(record)
    for name, value in changes.items():
        setattr(record, name, value)
    mark_curated(record, changes)
    session.flush()
    audit.record(session, actor, "merge", record, before=before)
