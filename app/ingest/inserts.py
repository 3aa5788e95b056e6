"""New rows the loader writes through Core: one INSERT ... RETURNING id per table, no unit of work.

Why: a document's new rows (the document itself, people, series, engagements, participations,
actions, warnings) are written once and never changed again in its transaction, yet a flush of
them through the unit of work cost about as much as everything else the loader does. Each
object keeps being the loader's in-memory record (it fills it, merges into it) until its stage
ends; then it is inserted with exactly the values a flush would give it, gets its id, and stays
transient: nothing later loads it through the session. The database's triggers fire as for any INSERT.
"""

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Column, Insert, Table, insert, inspect
from sqlalchemy.orm import Mapper, Session

from app.ingest.created import announce_created


def insert_new(session: Session, objects: Sequence[Any]) -> None:
    """INSERT the objects (all of one mapped class), in order; each gets its id and the defaults it was stored with."""
    if not objects:
        return
    mapper: Mapper[Any] = inspect(type(objects[0]))
    columns = _columns(mapper)
    rows = [_values(mapper, columns, obj) for obj in objects]
    ids = session.execute(_statement(mapper.local_table), rows).scalars().all()
    for obj, row, new_id in zip(objects, rows, ids, strict=True):
        obj.__dict__.update(row)  # the defaults it was stored with, readable as a flush would leave them
        obj.id = new_id
    announce_created(session, objects)


@lru_cache(maxsize=None)
def _statement(table: Table) -> Insert:
    # Built once per table: building it cost as much as running it.
    # In parameter order, so the ids are the ones a flush of the same objects would have given.
    return insert(table).returning(table.c.id, sort_by_parameter_order=True)


@lru_cache(maxsize=None)
def _columns(mapper: Mapper[Any]) -> list[Column[Any]]:
    # Left out, as a flush leaves them out: the id and the columns only the database fills
    # (created_at, updated_at). The version counter starts at what the mapper would give it.
    return [
        c for c in mapper.local_table.columns
        if not c.primary_key and (c.server_default is None or c.default is not None or c is mapper.version_id_col)
    ]


def _values(mapper: Mapper[Any], columns: list[Column[Any]], obj: Any) -> dict[str, Any]:
    """A flush's INSERT parameters: the value set, else the column's default, else NULL."""
    state = obj.__dict__
    row: dict[str, Any] = {}
    for column in columns:
        value = state.get(column.key)
        if value is None:
            if column is mapper.version_id_col:
                value = mapper.version_id_generator(None)  # type: ignore[operator]
            elif column.default is not None:
                default = column.default
                value = default.arg(None) if default.is_callable else default.arg  # type: ignore[attr-defined]
        row[column.key] = value
    return row
