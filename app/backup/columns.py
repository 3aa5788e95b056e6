"""Column values to JSON and back, table by table, derived from the models' metadata.

Moments are ISO 8601 in UTC (`2026-11-23T12:00:00.123456Z`), calendar dates ISO
(`2025-05-05`), JSON columns are JSON, enumerations their string value; the rest is what
JSON has (integers, floats, text, null). Reading checks each value against its column, so
a wrong value is reported with its column rather than stored: SQLite would otherwise keep
text in an integer column without a word.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Enum, Table
from sqlalchemy.engine import Row
from sqlalchemy.types import TypeDecorator, TypeEngine

from app.models import Base

Convert = Callable[[Any], Any]


class BadValue(ValueError):
    """A row whose columns or values do not fit its table."""


@dataclass(frozen=True)
class TableCodec:
    """How one table's rows become JSON objects, and how they are read back."""

    table: Table
    names: frozenset[str]
    encoders: tuple[tuple[str, Convert | None], ...]  # in column order; None where JSON holds the value as read
    decoders: tuple[tuple[str, Convert], ...]
    primary_key: str
    # Columns naming a row of the same table (organization.parent_id, merged_into_id):
    # a row may name one that comes later in the dump, so these are written in a second pass.
    self_references: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.table.name

    def encode(self, row: Row[Any]) -> dict[str, Any]:
        return {
            name: value if value is None or encode is None else encode(value)
            for (name, encode), value in zip(self.encoders, row)
        }

    def decode(self, row: dict[str, Any]) -> dict[str, Any]:
        """The row's values as the table's types, in place; BadValue names what does not fit."""
        if row.keys() != self.names:
            raise BadValue(_column_mismatch(row.keys(), self.names))
        for name, decode in self.decoders:
            value = row[name]
            if value is not None:
                try:
                    row[name] = decode(value)
                except (TypeError, ValueError) as exc:
                    raise BadValue(f"column {name}: {exc}") from None
        return row


def table_codecs() -> list[TableCodec]:
    """Every table of the schema, parents before children (the order an import can insert them)."""
    return [_codec(table) for table in Base.metadata.sorted_tables]


def _codec(table: Table) -> TableCodec:
    [primary_key] = table.primary_key.columns  # every table has a single `id`; a composite key needs a new format
    columns = list(table.columns)
    return TableCodec(
        table=table,
        names=frozenset(column.name for column in columns),
        encoders=tuple((column.name, _encoder(column.type)) for column in columns),
        decoders=tuple((column.name, _decoder(column)) for column in columns),
        primary_key=primary_key.name,
        self_references=tuple(
            key.parent.name for key in sorted(table.foreign_keys, key=lambda key: key.parent.name) if key.column.table is table
        ),
    )


def _storage_type(kind: TypeEngine[Any]) -> TypeEngine[Any]:
    return kind.impl_instance if isinstance(kind, TypeDecorator) else kind


def _encoder(kind: TypeEngine[Any]) -> Convert | None:
    kind = _storage_type(kind)
    if isinstance(kind, Enum):
        return _enum_value
    if isinstance(kind, JSON):
        return None
    python_type = kind.python_type
    if python_type is datetime:
        return _moment_text
    if python_type is date:
        return date.isoformat
    return None


def _decoder(column: Column[Any]) -> Convert:
    kind = _storage_type(column.type)
    if isinstance(kind, Enum):
        return _one_of(kind.enums)
    if isinstance(kind, JSON):
        return _as_is
    readers: dict[type, Convert] = {
        datetime: _moment,
        date: _date,
        bool: _boolean,
        int: _integer,
        float: _number,
        str: _text,
    }
    try:
        return readers[kind.python_type]
    except (KeyError, NotImplementedError):
        raise TypeError(f"the dump has no format for {column.table.name}.{column.name} ({kind!r})") from None


def _column_mismatch(given: Any, expected: frozenset[str]) -> str:
    unknown, missing = sorted(set(given) - expected), sorted(expected - set(given))
    parts = []
    if unknown:
        parts.append(f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}")
    if missing:
        parts.append(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    return "; ".join(parts)


def _enum_value(value: Any) -> Any:
    return getattr(value, "value", value)


def _moment_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _moment(value: Any) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 moment, got {_shown(value)}")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected an ISO 8601 moment, got {_shown(value)}") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _date(value: Any) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError(f"expected an ISO date (YYYY-MM-DD), got {_shown(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected an ISO date (YYYY-MM-DD), got {_shown(value)}") from None


def _boolean(value: Any) -> bool:
    if type(value) is not bool:
        raise ValueError(f"expected true or false, got {_shown(value)}")
    return value


def _integer(value: Any) -> int:
    if type(value) is not int:
        raise ValueError(f"expected an integer, got {_shown(value)}")
    return value


def _number(value: Any) -> float:
    if type(value) not in (int, float):
        raise ValueError(f"expected a number, got {_shown(value)}")
    return float(value)


def _text(value: Any) -> str:
    if type(value) is not str:
        raise ValueError(f"expected text, got {_shown(value)}")
    return value


def _as_is(value: Any) -> Any:
    return value


def _one_of(allowed: Sequence[str]) -> Convert:
    choices = frozenset(allowed)

    def check(value: Any) -> str:
        if type(value) is not str or value not in choices:
            raise ValueError(f"expected one of {', '.join(allowed)}, got {_shown(value)}")
        return value

    return check
