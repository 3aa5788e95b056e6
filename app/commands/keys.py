"""`engagements keys create|list|revoke`: manage API keys on the server itself (no key needed)."""

from collections.abc import Callable
from typing import TypeVar

import typer
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.audit import service as audit
from app.audit.snapshot import snapshot
from app.auth import service as key_service
from app.auth.actor import COMMAND_LINE
from app.auth.schemas import ApiKeyCreate
from app.commands.database_errors import database_problem
from app.db import session_scope
from app.errors import DomainError
from app.models import ApiKey

keys_app = typer.Typer(help="Create, list and revoke API keys (roles: reader, editor, admin).", no_args_is_help=True)

T = TypeVar("T")


def _in_transaction(work: Callable[[Session], T]) -> T:
    """Run `work` in one write transaction; any failure is one line on stderr and exit 1 or 2."""
    try:
        with session_scope(write=True) as session:
            return work(session)
    except DomainError as exc:  # duplicate name, unknown key: the user can fix the input
        typer.echo(f"error: {exc.detail}", err=True)
        raise typer.Exit(1) from None
    except SQLAlchemyError as exc:  # no database, or not migrated
        typer.echo(f"error: {database_problem(exc)}", err=True)
        raise typer.Exit(2) from None


@keys_app.command("create")
def create(
    name: str = typer.Option(..., "--name", help="A unique name for the key's holder, e.g. desk-officer-1."),
    role: str = typer.Option(..., "--role", help="reader, editor or admin."),
) -> None:
    """Create a key and print it: this is the only time it is shown."""
    # The API's own schema: the same names and roles are valid from both doors.
    try:
        body = ApiKeyCreate(name=name, role=role)
    except ValidationError as exc:
        first = exc.errors()[0]
        typer.echo(f"error: invalid {'.'.join(map(str, first['loc']))}: {first['msg']}", err=True)
        raise typer.Exit(2) from None

    def work(session: Session) -> str:
        api_key, plain = key_service.create(session, body.name, body.role)
        audit.record(session, COMMAND_LINE, "create", api_key, before=None)
        return plain

    plain = _in_transaction(work)
    typer.echo(plain)
    typer.echo(f"created {body.role} key {body.name!r}; store it now: it will not be shown again.", err=True)


@keys_app.command("list")
def list_keys() -> None:
    """List every key (never the keys themselves): id, name, role, prefix, created, revoked."""
    rows = _in_transaction(lambda session: [_row(key) for key in key_service.list_(session)])
    header = ("id", "name", "role", "prefix", "created", "revoked")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        typer.echo("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def _row(key: ApiKey) -> tuple[object, ...]:
    revoked = key.revoked_at.isoformat(timespec="seconds") if key.revoked_at else "-"
    return (key.id, key.name, key.role.value, key.key_prefix + "…", key.created_at.isoformat(timespec="seconds"), revoked)


@keys_app.command("revoke")
def revoke(name_or_id: str = typer.Argument(..., metavar="NAME_OR_ID", help="The key's name, or its id from `keys list`.")) -> None:
    """Revoke a key: it stops working at once; its name stays in the audit log."""

    def work(session: Session) -> tuple[ApiKey, bool]:
        api_key = _find(session, name_or_id)
        if api_key.revoked_at is not None:
            return api_key, False  # revoking twice is harmless, and logs nothing new
        before = snapshot(api_key)
        key_service.revoke(session, api_key.id)
        audit.record(session, COMMAND_LINE, "revoke", api_key, before=before)
        return api_key, True

    api_key, changed = _in_transaction(work)
    typer.echo(f"{'revoked' if changed else 'already revoked:'} key {api_key.id} {api_key.name!r}")


def _find(session: Session, name_or_id: str) -> ApiKey:
    # A name first: names may be digits too, and the name is what people remember.
    try:
        return key_service.get(session, name_or_id)
    except key_service.KeyNotFound:
        if not name_or_id.isdigit() or int(name_or_id) > 2**31 - 1:
            raise
    return key_service.get(session, int(name_or_id))
