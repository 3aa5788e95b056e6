"""`engagements serve`: run the API with uvicorn, in one process or several sharing one socket."""

import socket

import typer
import uvicorn
from uvicorn.supervisors import Multiprocess

from app.config import get_settings

APP = "app.main:create_app"
WORKER_STARTUP_SECONDS = 60


def serve_command(
    host: str | None = typer.Option(None, help="Interface to bind (default from settings: 127.0.0.1)."),
    port: int | None = typer.Option(None, min=1, max=65535, help="Port (default from settings: 8000)."),
    workers: int = typer.Option(1, min=1, max=64, help="Worker processes."),
) -> None:
    """Serve the API; Swagger UI at /docs."""
    settings = get_settings()
    options = dict(
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        log_level=settings.log_level,
        # Uvicorn would believe X-Forwarded-For from 127.0.0.1; the app does so only from
        # ENGAGEMENTS_TRUSTED_PROXIES (app/proxy_headers.py), whoever runs it.
        proxy_headers=False,
        # A spawned worker imports the whole app (as `__mp_main__`, app.cli and everything under
        # it) before it can answer the supervisor's health ping; uvicorn's 5 s default killed and
        # respawned every worker forever on a busy 2-core machine (bench/scale.py met it).
        timeout_worker_healthcheck=WORKER_STARTUP_SECONDS,
    )
    if workers == 1:
        uvicorn.run(APP, **options)  # type: ignore[arg-type]
    else:
        # What uvicorn.run does for several workers, but on a socket that sends at once.
        config = uvicorn.Config(APP, **options)  # type: ignore[arg-type]
        Multiprocess(config, sockets=[shared_socket(config)]).run()


def shared_socket(config: uvicorn.Config) -> socket.socket:
    """The listening socket the workers share, with Nagle's algorithm off for every connection.

    Uvicorn binds it without IPPROTO_TCP, so asyncio never sets TCP_NODELAY on the
    connections it accepts (uvicorn issue #3149), and on Linux every keep-alive request past
    the first waits ~40 ms for the client's delayed ACK (bench/load.py measured it). Accepted
    sockets inherit TCP_NODELAY from the listener.
    """
    listener = config.bind_socket()
    if listener.family in (socket.AF_INET, socket.AF_INET6):
        listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return listener
