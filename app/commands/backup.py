"""`engagements export` and `engagements import`: the whole database as a JSON Lines dump, and back.

Failures are one line on stderr: exit 1 when the dump file is the problem (unreadable,
malformed, incomplete, another schema), exit 2 when the database is (unreachable, not
migrated, at another revision, not empty).
"""

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer
from alembic.script import ScriptDirectory
from sqlalchemy.exc import SQLAlchemyError

from app.backup.atomic import atomic_output
from app.backup.errors import DatabaseNotReady, DumpInvalid
from app.backup.export import write_dump
from app.backup.reader import open_dump
from app.backup.restore import restore_dump
from app.backup.schema import SchemaHistory
from app.commands.database import alembic_config
from app.db import get_engine
from app.ingest.seed import describe

T = TypeVar("T")

# When the database refuses a batch, psycopg warns as it drops the batch's pipeline; the
# refusal itself is reported, with its line, so the warning would be a second, confusing line.
logging.getLogger("psycopg").addFilter(lambda record: not record.getMessage().startswith("error ignored terminating"))


def export_command(
    output: str = typer.Option("-", "--output", "-o", metavar="FILE|-", help="Where to write the dump (default: standard output)."),
) -> None:
    """Write the whole database as a JSON Lines dump: every table, every column, ids and all."""

    def work() -> str:
        if output == "-":
            summary = write_dump(get_engine(), sys.stdout, _history())
            sys.stdout.flush()
            return f"exported {summary.rows} rows (schema {summary.schema_revision})"
        with atomic_output(Path(output)) as handle:
            summary = write_dump(get_engine(), handle, _history())
        return f"exported {summary.rows} rows (schema {summary.schema_revision}) to {output}"

    typer.echo(_reporting_failures("standard output" if output == "-" else _printable(output), work), err=True)


def import_command(
    file: str = typer.Argument(..., metavar="FILE", help="A dump made by `engagements export` (- for standard input)."),
    replace: bool = typer.Option(False, "--replace", help="Empty a database that holds data first, in the same transaction."),
) -> None:
    """Restore a dump into an empty, migrated database: all of it or nothing, with the same ids."""

    def work() -> str:
        with open_dump(file) as lines:
            summary = restore_dump(get_engine(), lines, _history(), replace=replace)
        replaced = f", replacing {summary.replaced} rows" if summary.replaced else ""
        return f"imported {summary.rows} rows (schema {summary.schema_revision}){replaced}"

    typer.echo(_reporting_failures("standard input" if file == "-" else _printable(file), work), err=True)


def _printable(name: str) -> str:
    # One line even for a file name with a newline in it.
    return name if name.isprintable() else repr(name)


def _history() -> SchemaHistory:
    return SchemaHistory.of(ScriptDirectory.from_config(alembic_config()))


def _reporting_failures(shown: str, work: Callable[[], T]) -> T:
    """Run `work`; every failure becomes one line on stderr and exit 1 (the file) or 2 (the database)."""
    try:
        return work()
    except DumpInvalid as exc:
        typer.echo(f"error: {shown}: {exc}", err=True)
        raise typer.Exit(1) from None
    except DatabaseNotReady as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except SQLAlchemyError as exc:  # unreachable, locked, or a schema that is not this one
        typer.echo(f"error: database: {describe(exc)}", err=True)
        raise typer.Exit(2) from None
    except OSError as exc:  # the output: a directory, a missing folder, a full disk, a closed pipe
        typer.echo(f"error: {shown}: {(exc.strerror or exc.__class__.__name__).lower()}", err=True)
        raise typer.Exit(1) from None
