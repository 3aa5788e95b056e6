"""Rows shaped like response schemas: the columns a schema reads, selected without ORM objects.

Reads that only show records (lists, details, exports) spent most of their time building ORM
instances (identity map, instance state, instrumented attributes) that the response schema
read once and threw away: about two thirds of an engagement's detail page. A Core row of
exactly the columns the schema reads costs a fraction (bench/results/scale.md). Writes keep
loading ORM objects: they need the unit of work, versions and the audit snapshot.

A shape derives its columns from the schema's fields, so a field added to the schema is read
without a second list to keep in step. Several shapes share one row through prefixes (an
engagement with its location and series is one joined row).
"""

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from sqlalchemy import ColumnElement, CursorResult, Select
from sqlalchemy.orm import DeclarativeBase, Session
from sqlalchemy.sql.type_api import TypeEngine


class Shape:
    """The columns of `model` that `schema` reads, labelled `<prefix><field>`.

    `hide_deleted`: a linked record someone deleted reads as no record (what HideDeleted does
    for ORM objects), so its `deleted_at` is selected too.
    """

    def __init__(self, model: type[DeclarativeBase], schema: type[BaseModel], prefix: str = "", *, hide_deleted: bool = False) -> None:
        mapped = model.__mapper__.column_attrs.keys()  # type: ignore[attr-defined]
        # What validation reads: a field's validation alias, else its name; keys a dict validates as-is.
        read = [alias if isinstance(alias := field.validation_alias, str) else name for name, field in schema.model_fields.items()]
        self.names = [name for name in read if name in mapped]
        self.prefix = prefix
        self.hide_deleted = hide_deleted
        self.columns: list[ColumnElement[Any]] = [getattr(model, name).label(prefix + name) for name in self.names]
        if hide_deleted:
            self.columns.append(model.deleted_at.label(prefix + "deleted_at"))  # type: ignore[attr-defined]

    def read(self, row: Mapping[str, Any]) -> dict[str, Any] | None:
        """This shape's fields of `row`; None for a missing link (an outer join found nothing) or a deleted record."""
        prefix = self.prefix
        if row[prefix + "id"] is None or (self.hide_deleted and row[prefix + "deleted_at"] is not None):
            return None
        return {name: row[prefix + name] for name in self.names}


def read_rows(session: Session, statement: Select[Any], parameters: Mapping[str, Any] | None = None) -> CursorResult[Any]:
    """Run a SELECT of columns only (no entity) as Core, on the session's connection and transaction.

    Session.execute takes any statement over mapped classes through the ORM's execution path
    (compile state, ORM result set-up), which adds nothing to plain rows and cost about a
    quarter of an engagement detail's CPU (five such statements: 1.54 -> 1.13 ms in process).
    """
    return session.connection().execute(statement, parameters)


def selects_columns_only(statement: Select[Any]) -> bool:
    """Whether every result column of `statement` is a column, not an entity (~4 us to ask)."""
    return all(isinstance(described["type"], TypeEngine) for described in statement.column_descriptions)
