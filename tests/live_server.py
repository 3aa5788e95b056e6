"""The app under uvicorn in a thread, on a free port of 127.0.0.1, for tests that need a real server."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn
from fastapi import FastAPI


@contextmanager
def serve(app: FastAPI, log_level: str = "warning") -> Iterator[str]:
    """Serve `app` until the block ends; yields its base URL, once /health answers."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level=log_level))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                pytest.fail("uvicorn did not start")
            time.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        base_url = f"http://127.0.0.1:{port}"
        assert httpx.get(f"{base_url}/health").status_code == 200
        yield base_url
    finally:
        server.should_exit = True
        thread.join(timeout=10)
