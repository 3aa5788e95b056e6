"""`engagements seed [PATH...]`: extract and load articles; the work itself is in app.ingest."""

import sys
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from sqlalchemy.exc import SQLAlchemyError

from app.commands.database_errors import database_problem
from app.config import get_settings
from app.db import get_sessionmaker
from app.ingest.seed import ExtractorUnavailable, SeedSummary, default_extractor, default_workers, seed_paths


def seed_command(
    paths: list[Path] = typer.Argument(None, help="Files or directories of .txt articles (default: settings.seeds_path)."),
    force: bool = typer.Option(
        False, "--force", help="Re-extract and reload documents even when unchanged (after an extractor change); curated values are kept."
    ),
) -> None:
    """Load articles into the database: each document whole or not at all, then cross-document checks."""
    try:
        extract = default_extractor()
        summary = _run(list(paths or [get_settings().seeds_path]), extract, force)
    except ExtractorUnavailable as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except SQLAlchemyError as exc:  # no database, or not migrated: nothing can load
        typer.echo(f"error: {database_problem(exc)}", err=True)
        raise typer.Exit(2) from None
    for path, reason in summary.failures:
        typer.echo(f"error: {_printable(path)}: {reason}", err=True)
    for line in summary.lines():
        typer.echo(line)
    if summary.failed:
        raise typer.Exit(1)


def _printable(path: str) -> str:
    # One line per file even for a name with a newline or undecodable bytes in it.
    return path if path.isprintable() else repr(path)


def _run(paths: list[Path], extract: object, force: bool) -> SeedSummary:
    factory = get_sessionmaker()
    if not sys.stderr.isatty():
        return seed_paths(paths, factory, extract, force=force, workers=default_workers())  # type: ignore[arg-type]
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("seeding", total=None)
        return seed_paths(
            paths,
            factory,
            extract,  # type: ignore[arg-type]
            progress=lambda name: bar.update(task, advance=1, description=name),
            on_start=lambda total: bar.update(task, total=total),
            force=force,
            workers=default_workers(),
        )
