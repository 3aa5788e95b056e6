"""A record's columns as JSON-ready values: what the audit log keeps before and after a write."""

from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import inspect

# Columns the log leaves out: bookkeeping that changes on every write, bulky text, and a
# key's hash (admins read the log; the hash is a credential's fingerprint, not history).
_SKIPPED = frozenset({"created_at", "updated_at", "text", "key_hash"})


def snapshot(record: object) -> dict[str, Any]:
    mapper = inspect(record).mapper
    return {
        attribute.key: _json_value(getattr(record, attribute.key))
        for attribute in mapper.column_attrs
        if attribute.key not in _SKIPPED
    }


def _json_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return list(value)
    return value
