"""The process `engagements serve` becomes: uvicorn, the settings and the app, nothing more.

    python -m app.server --host 127.0.0.1 --port 8000 --workers 2 --log-level info

`engagements serve` checks its options and then replaces itself with this module (exec), so
the supervisor and the workers never import the command line. Workers are spawned, and a
spawned process imports the parent's main module again (as `__mp_main__`): when that was the
`engagements` command, each worker and the supervisor carried every command's imports
(extraction, dumps, Alembic, rich), about 40 MB in the supervisor and 12 MB in each worker
that serve no request. Here the supervisor holds ~50 MB and a worker the app.
"""

import argparse
import gc
from typing import TYPE_CHECKING

import uvicorn

if TYPE_CHECKING:
    from fastapi import FastAPI

APP = "app.server:served_app"
# A spawned worker imports the whole app before it can answer the supervisor's health ping;
# uvicorn's 5 s default killed and respawned every worker forever on a busy 2-core machine.
WORKER_STARTUP_SECONDS = 60


def served_app() -> "FastAPI":
    """create_app(), with everything it made set aside from garbage collection (gc.freeze).

    The imported modules and the app are some 136,000 objects that live as long as the
    process; every full collection walked them all, ~25-40 ms on this machine, and as
    requests allocate, that pause landed on some request: a p99 of 35-45 ms where the
    median was 7. Frozen, a collection walks only what requests made since.
    """
    from app.main import create_app  # in the worker only: the supervisor never imports the app

    app = create_app()
    gc.collect()
    gc.freeze()
    return app


def run(host: str, port: int, workers: int, log_level: str) -> None:
    uvicorn.run(
        APP,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        # Uvicorn would believe X-Forwarded-For from 127.0.0.1; the app does so only from
        # ENGAGEMENTS_TRUSTED_PROXIES (app/proxy_headers.py), whoever runs it.
        proxy_headers=False,
        timeout_worker_healthcheck=WORKER_STARTUP_SECONDS,
    )


def arguments(host: str, port: int, workers: int, log_level: str) -> list[str]:
    """The command line of this module for these options (what `engagements serve` execs)."""
    return ["--host", host, "--port", str(port), "--workers", str(workers), "--log-level", log_level]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m app.server", description="Serve the API (engagements serve runs this).")
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--log-level", default="info")
    options = parser.parse_args(argv)
    run(options.host, options.port, options.workers, options.log_level)


if __name__ == "__main__":
    main()
