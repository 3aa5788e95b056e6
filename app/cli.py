"""The `engagements` command."""

import typer
from pydantic import ValidationError

from app.commands.backup import export_command, import_command
from app.commands.database import db_app
from app.commands.extract import extract_command
from app.commands.keys import keys_app
from app.commands.seed import seed_command
from app.commands.serve import serve_command

cli = typer.Typer(help="Engagements: articles about bilateral defense engagements, as a database and an API.", no_args_is_help=True, pretty_exceptions_enable=False)
cli.add_typer(db_app, name="db")
cli.add_typer(keys_app, name="keys")
cli.command("serve")(serve_command)
cli.command("seed")(seed_command)
cli.command("extract")(extract_command)
cli.command("export")(export_command)
cli.command("import")(import_command)


def main() -> None:
    try:
        cli()
    except ValidationError as exc:  # settings from the environment that make no sense
        first = exc.errors()[0]
        typer.echo(f"error: invalid setting {'.'.join(map(str, first['loc']))}: {first['msg']}", err=True)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
