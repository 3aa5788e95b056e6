"""Queries over the audit log."""

from datetime import datetime
from typing import Any

from sqlalchemy import Select, select

from app.models import AuditEntry


def list_statement(
    record_type: str | None,
    record_id: int | None,
    actor: str | None,
    action: str | None,
    since: datetime | None,
    until: datetime | None,
) -> Select[Any]:
    statement = select(AuditEntry)
    if record_type is not None:
        statement = statement.where(AuditEntry.record_type == record_type)
    if record_id is not None:
        statement = statement.where(AuditEntry.record_id == record_id)
    if actor is not None:
        statement = statement.where(AuditEntry.actor == actor)
    if action is not None:
        statement = statement.where(AuditEntry.action == action)
    if since is not None:
        statement = statement.where(AuditEntry.at >= since)
    if until is not None:
        statement = statement.where(AuditEntry.at < until)
    return statement.order_by(AuditEntry.id.desc())
