"""Reading a dump file line by line, each problem a one-line message naming the line."""

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from app.backup.errors import DumpInvalid


@contextmanager
def open_dump(name: str) -> Iterator[IO[bytes]]:
    """The dump's bytes (`-`: standard input); DumpInvalid when the file cannot be opened."""
    if name == "-":
        yield sys.stdin.buffer
        return
    try:
        handle = open(name, "rb")  # noqa: SIM115 - closed below, after the caller is done
    except FileNotFoundError:
        raise DumpInvalid("file not found") from None
    except IsADirectoryError:
        raise DumpInvalid("is a directory") from None
    except PermissionError:
        raise DumpInvalid("permission denied") from None
    except OSError as exc:
        raise DumpInvalid(f"cannot read file: {exc.strerror or exc.__class__.__name__}") from None
    with handle:
        yield handle


def numbered_records(lines: Iterable[bytes]) -> Iterator[tuple[int, Any]]:
    """(line number, parsed JSON) for every line; DumpInvalid for bytes that are not UTF-8 JSON."""
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DumpInvalid(f"line {number}: not valid UTF-8 (byte {exc.start + 1})") from None
        if not line.strip():
            raise DumpInvalid(f"line {number}: empty line")
        try:
            record = json.loads(line, parse_constant=_refuse_constant)
        except json.JSONDecodeError as exc:
            raise DumpInvalid(f"line {number}: not valid JSON: {exc.msg} (column {exc.colno})") from None
        except ValueError as exc:
            raise DumpInvalid(f"line {number}: not valid JSON: {exc}") from None
        yield number, record


def table_and_row(number: int, record: Any) -> tuple[str, dict[str, Any]]:
    """A row line's table name and row object."""
    if (
        not isinstance(record, dict)
        or record.keys() != {"table", "row"}
        or not isinstance(record["table"], str)
        or not isinstance(record["row"], dict)
    ):
        raise DumpInvalid(f'line {number}: expected {{"table": "<name>", "row": {{...}}}}')
    return record["table"], record["row"]


def _refuse_constant(name: str) -> None:
    # Python's json reads NaN and Infinity, which are not JSON and no column may hold.
    raise ValueError(f"{name} is not a JSON value")
