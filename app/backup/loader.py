"""Inserting a dump's rows in batches, and naming the line when the database refuses one.

Rows go in with Core executemany, `batch_size` at a time, each batch inside a SAVEPOINT.
When the database refuses a batch (a broken reference, a duplicate id, a failed CHECK) the
batch is rolled back to its savepoint and replayed row by row: the first row refused is the
line reported. Columns naming a row of the same table are filled in a second pass, once
every row exists, so a parent may come after its child and two rows may name each other.
"""

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, Executable, bindparam, column, table, update
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError

from app.backup.columns import TableCodec
from app.backup.errors import DumpInvalid
from app.ingest.seed import describe

Line = tuple[int, dict[str, Any]]  # (line number, values)


class RowLoader:
    """Rows in, batch by batch, inside the caller's transaction; counts and highest ids per table kept."""

    def __init__(self, connection: Connection, batch_size: int = 1000) -> None:
        self.connection = connection
        self.batch_size = batch_size
        self.counts: dict[str, int] = defaultdict(int)
        self.max_ids: dict[str, int] = defaultdict(int)
        self._codec: TableCodec | None = None
        self._batch: list[Line] = []
        self._links: dict[str, tuple[TableCodec, list[Line]]] = {}

    def add(self, number: int, codec: TableCodec, values: dict[str, Any]) -> None:
        """Queue one decoded row (line `number`); full batches are inserted as they fill."""
        if codec is not self._codec:
            self._flush()
            self._codec = codec
        if any(values[name] is not None for name in codec.self_references):
            links = {f"link_{name}": values[name] for name in (codec.primary_key, *codec.self_references)}
            self._links.setdefault(codec.name, (codec, []))[1].append((number, links))
            values.update(dict.fromkeys(codec.self_references))
        self._batch.append((number, values))
        self.counts[codec.name] += 1
        identifier = values[codec.primary_key]
        if isinstance(identifier, int) and identifier > self.max_ids[codec.name]:
            self.max_ids[codec.name] = identifier
        if len(self._batch) >= self.batch_size:
            self._flush()

    def finish(self) -> None:
        """Insert what is queued, then fill in the references within each table."""
        self._flush()
        for codec, lines in self._links.values():
            for start in range(0, len(lines), self.batch_size):
                self._execute(_link_statement(codec), lines[start : start + self.batch_size])

    def _flush(self) -> None:
        if self._codec is not None and self._batch:
            self._execute(self._codec.table.insert(), self._batch)
        self._batch = []

    def _execute(self, statement: Executable, lines: list[Line]) -> None:
        savepoint = self.connection.begin_nested()
        try:
            self.connection.execute(statement, [values for _, values in lines])
        except StatementError as exc:
            if not _refused_data(exc):
                raise
            savepoint.rollback()
            self._name_the_line(statement, lines, exc)
        else:
            savepoint.commit()

    def _name_the_line(self, statement: Executable, lines: list[Line], batch_error: StatementError) -> None:
        # Replayed in order and kept: a duplicate id within the batch fails on its second line.
        for number, values in lines:
            try:
                self.connection.execute(statement, values)
            except StatementError as exc:
                if not _refused_data(exc):
                    raise
                raise DumpInvalid(f"line {number}: the database refused the row: {describe(exc)}") from None
        raise DumpInvalid(f"lines {lines[0][0]}-{lines[-1][0]}: the database refused them: {describe(batch_error)}")


def _refused_data(exc: StatementError) -> bool:
    """Whether the rows were refused (constraints, values), not the connection lost or the database locked."""
    return isinstance(exc, IntegrityError | DataError) or not isinstance(exc, DBAPIError)


def _link_statement(codec: TableCodec) -> Executable:
    # A bare table clause: the model's `onupdate` would otherwise overwrite updated_at.
    names = (codec.primary_key, *codec.self_references)
    bare = table(codec.name, *(column(name, codec.table.c[name].type) for name in names))
    return (
        update(bare)
        .where(bare.c[codec.primary_key] == bindparam(f"link_{codec.primary_key}"))
        .values({name: bindparam(f"link_{name}") for name in codec.self_references})
    )
