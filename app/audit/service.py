"""Writing and reading the audit log; every write use case records here."""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from app.audit import repository
from app.audit.schemas import AuditEntryRead
from app.audit.snapshot import snapshot
from app.auth.actor import Actor
from app.export.stream import stream_scalars
from app.models import AuditEntry
from app.pagination import PageParams, fetch_page


def record_type_of(record: object) -> str:
    return inspect(record).mapper.local_table.name


def record(
    session: Session,
    actor: Actor,
    action: str,
    target: object,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Log one write of `target` (flushed first, so a new record has its id)."""
    session.flush()
    entry = AuditEntry(
        # Set here, not by the database's clock: SQLite's CURRENT_TIMESTAMP has whole seconds
        # in another text format, so `since=<an entry's own at>` would miss the entry.
        at=datetime.now(UTC),
        actor=actor.name,
        api_key_id=actor.api_key_id,
        action=action,
        record_type=record_type_of(target),
        record_id=target.id,  # type: ignore[attr-defined]
        before=before,
        after=snapshot(target) if after is None else after,
    )
    session.add(entry)
    return entry


def list_(
    session: Session,
    params: PageParams,
    *,
    record_type: str | None = None,
    record_id: int | None = None,
    actor: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> tuple[list[AuditEntry], int]:
    """Audit entries, newest first, narrowed by every filter given."""
    statement = repository.list_statement(record_type, record_id, actor, action, since, until)
    return fetch_page(session, statement, params)


def stream(
    session: Session,
    *,
    record_type: str | None = None,
    record_id: int | None = None,
    actor: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Iterator[AuditEntryRead]:
    """Every entry matching the filters, newest first, read in batches (for file exports)."""
    statement = repository.list_statement(record_type, record_id, actor, action, since, until)
    for entry in stream_scalars(session, statement):
        yield AuditEntryRead.model_validate(entry)
