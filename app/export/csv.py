"""CSV answers: a header row and one flat row per record, streamed in chunks, safe to open in a spreadsheet.

Usable for any rows: `csv_response(rows, columns, filename)` takes an iterable of dicts
(a list, or a generator reading the database) and the column names in order.

Cells are neutralised against formula injection (OWASP): a text cell starting with
= + - @, a tab or a carriage return gets a leading apostrophe, so a spreadsheet shows the
text instead of running it (the text comes from scraped articles). Numbers are written
as numbers, so a negative longitude stays a number. No byte-order mark: see the README.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from app.export.stream import PrimedStreamingResponse

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "
ROWS_PER_CHUNK = 500


def csv_cell(value: Any) -> str | int | float:
    """One value as a cell: numbers as numbers, everything else as text, neutralised if it could be a formula."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = _text(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _text(value: Any) -> str:
    """Empty for null, true/false as in JSON, lists joined, a nested object as its JSON text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(map(_text, value))
    if isinstance(value, dict):  # a whole nested record (an audit snapshot)
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def csv_chunks(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], rows_per_chunk: int = ROWS_PER_CHUNK) -> Iterator[bytes]:
    """UTF-8 CSV in chunks of `rows_per_chunk` rows; the header travels with the first chunk."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: CRLF line ends, quotes doubled, quoted where needed
    writer.writerow(columns)
    pending = 0
    for row in rows:
        writer.writerow([csv_cell(row[column]) for column in columns])
        pending += 1
        if pending == rows_per_chunk:
            yield _drain(buffer)
            pending = 0
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> bytes:
    data = buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    return data


def attachment(filename: str) -> dict[str, str]:
    """The header that makes a browser save the body as `filename`."""
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


def csv_response(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], filename: str) -> PrimedStreamingResponse:
    """A streamed `text/csv` download of `rows` (dicts keyed by the names in `columns`)."""
    return PrimedStreamingResponse(csv_chunks(rows, columns), media_type=CSV_MEDIA_TYPE, headers=attachment(filename))
