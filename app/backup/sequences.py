"""The id allocators: read with the dump, moved forward after a restore, never back.

Ids are public (URLs), so a restored database must not hand out an id the original ever
did, even one whose row is gone: the dump carries each table's highest id ever handed out
(SQLite's `sqlite_sequence`, PostgreSQL's sequence), not only the highest id still present.
"""

from sqlalchemy import Connection, Table, text

from app.backup.errors import DatabaseNotReady


def last_ids(connection: Connection, tables: list[Table]) -> dict[str, int]:
    """Each table's highest id ever handed out (0 for none), for tables whose ids the database allocates."""
    numbered = [table for table in tables if table.autoincrement_column is not None]
    dialect = connection.dialect.name
    if dialect == "sqlite":
        stored = {name: seq for name, seq in connection.execute(text("SELECT name, seq FROM sqlite_sequence"))}
        return {table.name: int(stored.get(table.name, 0)) for table in numbered}
    if dialect == "postgresql":
        return {table.name: _postgres_last_id(connection, table) for table in numbered}
    raise DatabaseNotReady(f"dumps support SQLite and PostgreSQL, not {dialect}")


def advance(connection: Connection, table: Table, last_id: int) -> None:
    """Make the table's next id greater than `last_id`; an allocator already further stays where it is."""
    if table.autoincrement_column is None:
        return
    if connection.dialect.name == "sqlite":
        current = connection.execute(text("SELECT seq FROM sqlite_sequence WHERE name = :name"), {"name": table.name}).scalar()
        if current is None and last_id > 0:
            connection.execute(text("INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :seq)"), {"name": table.name, "seq": last_id})
        elif current is not None and current < last_id:
            connection.execute(text("UPDATE sqlite_sequence SET seq = :seq WHERE name = :name"), {"name": table.name, "seq": last_id})
        return
    if last_id > _postgres_last_id(connection, table):
        connection.execute(
            text("SELECT setval(pg_get_serial_sequence(:table, :column), :value)"),
            {**_sequence_of(connection, table), "value": last_id},
        )


def _postgres_last_id(connection: Connection, table: Table) -> int:
    # NULL until the sequence has handed out its first value.
    value = connection.execute(
        text("SELECT pg_sequence_last_value(CAST(pg_get_serial_sequence(:table, :column) AS regclass))"), _sequence_of(connection, table)
    ).scalar()
    return int(value or 0)


def _sequence_of(connection: Connection, table: Table) -> dict[str, str]:
    column = table.autoincrement_column
    assert column is not None
    return {"table": connection.dialect.identifier_preparer.format_table(table), "column": column.name}
