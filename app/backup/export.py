"""Writing the dump: a header line, then one line per row, table by table, parents first.

    {"format": "engagements-dump", "version": 1, "schema_revision": "0002", "exported_at": ..., "tables": {...}, "last_ids": {...}}
    {"table": "document", "row": {"id": 1, "source_ref": "...", ...}}

Everything is read in one snapshot, so the counts in the header are the rows that follow,
and rows are streamed: memory stays flat whatever the size of the database.
"""

import json
from dataclasses import dataclass
from typing import TextIO

from sqlalchemy import Engine

from app.backup import repository, sequences
from app.backup.columns import table_codecs
from app.backup.header import header_line
from app.backup.schema import SchemaHistory, database_revision, require_current


@dataclass(frozen=True)
class ExportSummary:
    schema_revision: str
    counts: dict[str, int]

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def write_dump(engine: Engine, out: TextIO, history: SchemaHistory, *, batch_size: int = 2000) -> ExportSummary:
    """Write the whole database to `out` as a dump; refuse a database not at this release's schema."""
    codecs = table_codecs()
    tables = [codec.table for codec in codecs]
    with repository.read_snapshot(engine) as connection:
        revision = require_current(database_revision(connection), history)
        counts = repository.count_rows(connection, tables)
        header = header_line(revision, counts, sequences.last_ids(connection, tables))
        out.write(json.dumps(header, ensure_ascii=False) + "\n")
        for codec in codecs:
            # The same text json.dumps({"table": ..., "row": ...}) gives, without re-encoding the name per row.
            opening = '{"table": ' + json.dumps(codec.name) + ', "row": '
            written = 0
            for row in repository.stream_rows(connection, codec.table, batch_size):
                out.write(opening + json.dumps(codec.encode(row), ensure_ascii=False) + "}\n")
                written += 1
            if written != counts[codec.name]:  # the snapshot makes this impossible; a dump must not lie
                raise RuntimeError(f"{codec.name}: counted {counts[codec.name]} rows, read {written}")
    return ExportSummary(revision, counts)
