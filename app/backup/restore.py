"""Restoring a dump: into an empty database at the dump's schema, in one transaction, ids kept.

All or nothing: the header is checked before the database is touched, then every row is
checked and inserted inside one transaction that any bad line rolls back (a line that is
not JSON, a value that does not fit its column, a row the database refuses, or a file
with fewer rows than its header promises). Last, the id allocators are moved past every
id the original database handed out, so new records never take an id a URL once named.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from app.backup import repository, sequences
from app.backup.columns import BadValue, TableCodec, table_codecs
from app.backup.errors import DatabaseNotReady, DumpInvalid
from app.backup.header import Header, read_header
from app.backup.loader import RowLoader
from app.backup.reader import numbered_records, table_and_row
from app.backup.schema import SchemaHistory, database_revision, require_current, require_same


@dataclass(frozen=True)
class RestoreSummary:
    schema_revision: str
    counts: dict[str, int]
    replaced: int  # rows removed first (--replace)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def restore_dump(
    engine: Engine, lines: Iterable[bytes], history: SchemaHistory, *, replace: bool = False, batch_size: int = 1000
) -> RestoreSummary:
    """Load the dump in `lines` into the database; with `replace`, empty it first in the same transaction."""
    records = numbered_records(lines)
    first = next(records, None)
    if first is None:
        raise DumpInvalid("empty file")
    header = read_header(first[1])
    codecs = {codec.name: codec for codec in table_codecs()}
    tables = [codec.table for codec in codecs.values()]
    with repository.write_transaction(engine) as connection:
        require_current(database_revision(connection), history)
        require_same(header.schema_revision, history)
        _require_known_tables(header, codecs)
        repository.lock_against_writes(connection, tables)
        present = {name: n for name, n in repository.count_rows(connection, tables).items() if n}
        if present and not replace:
            listed = ", ".join(f"{n} {name}" for name, n in present.items())
            raise DatabaseNotReady(f"the database is not empty ({listed}): import into an empty database, or use --replace")
        if present:
            repository.delete_all(connection, tables)
        loader = RowLoader(connection, batch_size)
        for number, codec, values in _rows(records, codecs):
            loader.add(number, codec, values)
        loader.finish()
        _require_complete(header, loader.counts)
        for codec in codecs.values():
            sequences.advance(connection, codec.table, max(header.last_ids.get(codec.name, 0), loader.max_ids[codec.name]))
    return RestoreSummary(header.schema_revision, {name: loader.counts[name] for name in codecs}, sum(present.values()))


def _rows(records: Iterator[tuple[int, Any]], codecs: dict[str, TableCodec]) -> Iterator[tuple[int, TableCodec, dict[str, Any]]]:
    for number, record in records:
        name, row = table_and_row(number, record)
        codec = codecs.get(name)
        if codec is None:
            raise DumpInvalid(f"line {number}: unknown table {name!r}")
        try:
            values = codec.decode(row)
        except BadValue as exc:
            raise DumpInvalid(f"line {number}: {name}: {exc}") from None
        yield number, codec, values


def _require_known_tables(header: Header, codecs: dict[str, TableCodec]) -> None:
    unknown = sorted(set(header.counts) - set(codecs))
    if unknown:
        raise DumpInvalid(f"line 1: unknown table{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}")


def _require_complete(header: Header, found: dict[str, int]) -> None:
    for name, promised in header.counts.items():
        if found[name] < promised:
            raise DumpInvalid(f"the dump ends early: the header promises {promised} {name} rows, the file has {found[name]}")
    for name, n in found.items():
        if n > header.counts.get(name, 0):
            raise DumpInvalid(f"the file has {n} {name} rows, more than the {header.counts.get(name, 0)} its header promises")
