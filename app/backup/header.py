"""The dump's first line: what it is, which schema it fits, and what it must contain.

The row counts are what make a dump checkable: a file cut short anywhere (a full disk,
a broken pipe) has fewer rows than its header promises, and is refused.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.backup.errors import DumpInvalid

FORMAT = "engagements-dump"
VERSION = 1


@dataclass(frozen=True)
class Header:
    schema_revision: str
    counts: dict[str, int]  # rows per table
    last_ids: dict[str, int]  # the highest id each table has ever handed out


def header_line(schema_revision: str, counts: dict[str, int], last_ids: dict[str, int]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "schema_revision": schema_revision,
        "exported_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "tables": counts,
        "last_ids": last_ids,
    }


def read_header(value: Any) -> Header:
    """The header's content, or DumpInvalid saying why line 1 is not one this release reads."""
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        raise DumpInvalid(f'not an engagements dump (line 1 has no "format": "{FORMAT}")')
    version = value.get("version")
    if type(version) is not int or version < 1:
        raise DumpInvalid(f"line 1: invalid format version {version!r}")
    if version > VERSION:
        raise DumpInvalid(f"dump format version {version} is newer than this engagements reads ({VERSION}): upgrade engagements")
    revision = value.get("schema_revision")
    if not isinstance(revision, str) or not revision:
        raise DumpInvalid("line 1: schema_revision is missing")
    return Header(revision, _counts(value, "tables"), _counts(value, "last_ids"))


def _counts(value: dict[str, Any], key: str) -> dict[str, int]:
    counts = value.get(key)
    if not isinstance(counts, dict) or not all(type(n) is int and n >= 0 for n in counts.values()):
        raise DumpInvalid(f'line 1: "{key}" must map table names to counts')
    return counts
