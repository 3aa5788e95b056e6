"""`engagements serve`: it becomes a server process that imports no command, whose connections
have Nagle's algorithm off.

Without it every keep-alive request past the first waits for the client's delayed ACK
(about 40 ms on Linux: bench/load.py showed /health at 48 ms instead of 3). Checked on the
socket itself, not by timing.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import uvicorn

from app.server import APP
from tests.event_loops import run_on_own_thread


def test_connections_the_server_accepts_send_at_once() -> None:
    # Uvicorn serves on the socket Config.bind_socket makes, through asyncio; asyncio turns
    # Nagle's algorithm off on each accepted connection only when the listener says IPPROTO_TCP
    # (uvicorn 0.55 and later; before, the project had to make the socket itself).
    config = uvicorn.Config(APP, factory=True, host="127.0.0.1", port=0, workers=2)

    async def accepted_nodelay() -> int:
        accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        async def on_connection(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            accepted.set_result(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        with config.bind_socket() as listener:
            server = await asyncio.start_server(on_connection, sock=listener)
            async with server:
                _reader, writer = await asyncio.open_connection(*listener.getsockname()[:2])
                try:
                    return await asyncio.wait_for(accepted, timeout=10)
                finally:
                    writer.close()

    assert run_on_own_thread(accepted_nodelay(), timeout=30) == 1


def test_the_server_process_imports_no_command(tmp_path: Path) -> None:
    # Workers are spawned and import the main module again: it must not drag in the command
    # line (extraction, dumps, Alembic, rich), which would sit in every worker unused.
    probe = "import sys, app.server; print(' '.join(sorted(m for m in sys.modules if m == 'app' or m.startswith(('app.', 'alembic', 'rich', 'typer')))))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path).stdout.split()
    assert loaded == ["app", "app.server"]


def test_engagements_serve_becomes_the_server_and_answers(tmp_path: Path) -> None:
    database = tmp_path / "served.db"
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "ENGAGEMENTS_LOG_LEVEL": "warning"}
    command = Path(sys.executable).with_name("engagements")
    subprocess.run([command, "db", "upgrade"], env=environment, check=True, capture_output=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([command, "serve", "--port", str(port), "--workers", "2"], env=environment,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline, answered = time.monotonic() + 60, None
        while answered is None and time.monotonic() < deadline and server.poll() is None:
            try:
                answered = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
            except httpx.TransportError:
                time.sleep(0.2)
        assert answered is not None and answered.status_code == 200, server.stderr.read().decode() if server.poll() is not None else "no answer"
        # exec: the process started as `engagements serve` is now the server itself.
        assert "app.server" in Path(f"/proc/{server.pid}/cmdline").read_bytes().decode().split("\0")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert server.returncode == 0
