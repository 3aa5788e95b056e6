"""`engagements serve`: check the options, then become the server process (app/server.py)."""

import os
import sys

import typer

from app.config import get_settings
from app.server import arguments


def serve_command(
    host: str | None = typer.Option(None, help="Interface to bind (default from settings: 127.0.0.1)."),
    port: int | None = typer.Option(None, min=1, max=65535, help="Port (default from settings: 8000)."),
    workers: int = typer.Option(1, min=1, max=64, help="Worker processes."),
) -> None:
    """Serve the API; Swagger UI at /docs."""
    settings = get_settings()  # a bad setting is reported here, as one line, before anything starts
    command = [sys.executable, "-m", "app.server", *arguments(host or settings.host, port or settings.port, workers, settings.log_level)]
    sys.stdout.flush()
    sys.stderr.flush()
    # exec, not a child: same process id, signals and exit status go to uvicorn directly.
    os.execv(sys.executable, command)
