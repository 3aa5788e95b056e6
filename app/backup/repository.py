"""The queries of export and import: whole tables, read in one snapshot or emptied and locked."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, func, select, text
from sqlalchemy.engine import Row

from app.db import WRITE_INTENT


@contextmanager
def read_snapshot(engine: Engine) -> Iterator[Connection]:
    """One read-only transaction that sees every table as of one moment, whatever commits meanwhile."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            # READ COMMITTED would let a table read later see rows committed after the counts.
            connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        # SQLite in WAL mode: a read transaction keeps the snapshot of its first read.
        with connection.begin():
            yield connection


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction holding the write lock from its start (SQLite: BEGIN IMMEDIATE)."""
    with engine.connect() as connection:
        connection.execution_options(**{WRITE_INTENT: True})
        with connection.begin():
            yield connection


def count_rows(connection: Connection, tables: list[Table]) -> dict[str, int]:
    return {table.name: connection.execute(select(func.count()).select_from(table)).scalar_one() for table in tables}


def stream_rows(connection: Connection, table: Table, batch_size: int) -> Iterator[Row[Any]]:
    """The table's rows by primary key, fetched `batch_size` at a time (a server-side cursor on PostgreSQL)."""
    statement = select(table).order_by(*table.primary_key.columns).execution_options(yield_per=batch_size)
    yield from connection.execute(statement)


def lock_against_writes(connection: Connection, tables: list[Table]) -> None:
    """Hold off other writers until the transaction ends; readers still read (SQLite: BEGIN IMMEDIATE did it)."""
    if connection.dialect.name == "postgresql":
        names = ", ".join(connection.dialect.identifier_preparer.format_table(table) for table in tables)
        connection.execute(text(f"LOCK TABLE {names} IN EXCLUSIVE MODE"))


def delete_all(connection: Connection, tables: list[Table]) -> None:
    """Empty every table, children first."""
    for table in reversed(tables):
        connection.execute(delete(table))
