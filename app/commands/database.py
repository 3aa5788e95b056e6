"""`engagements db upgrade|downgrade`: Alembic, driven by the service's own settings."""

from pathlib import Path

import typer
from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy.exc import SQLAlchemyError

from app.commands.database_errors import database_problem
from app.config import get_settings

ROOT = Path(__file__).resolve().parents[2]

db_app = typer.Typer(help="Create or roll back the database schema.", no_args_is_help=True)


def alembic_config() -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", get_settings().database_url.replace("%", "%%"))
    return config


def _run(action: str, revision: str) -> None:
    try:
        getattr(command, action)(alembic_config(), revision)
    except SQLAlchemyError as exc:  # unreachable, or reached and refused ("permission denied for table alembic_version")
        typer.echo(f"error: {database_problem(exc)}", err=True)
        raise typer.Exit(2) from None
    except CommandError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


@db_app.command("upgrade")
def upgrade(revision: str = typer.Argument("head", help="Target revision.")) -> None:
    """Migrate the database up to REVISION (default: the latest)."""
    _run("upgrade", revision)
    typer.echo(f"database at {revision}", err=True)


@db_app.command("downgrade")
def downgrade(revision: str = typer.Argument("-1", help="Target revision: -1 for one step, 'base' for empty.")) -> None:
    """Roll the database schema back to REVISION (default: one step)."""
    _run("downgrade", revision)
    typer.echo(f"database at {revision}", err=True)
