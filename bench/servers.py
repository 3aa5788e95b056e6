"""The two servers under test, started as a user would, and the memory of a process tree.

- the service: `engagements serve --workers <cores>` (uvicorn), DATABASE_URL set, rate
  limits off (one client address would trip them), no access log;
- Datasette: `datasette serve -i FILE` (immutable: the file is read-only for the run,
  Datasette's recommended mode for published data), one process, as it is meant to run.
"""

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s")


@contextmanager
def running(command: list[str], health_url: str, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_up(health_url, process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def service(database_url: str, workers: int) -> Iterator[tuple[str, int]]:
    """`engagements serve` on `database_url`; yields its base URL and the supervisor's pid."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ENGAGEMENTS_RATE_LIMIT_ANONYMOUS": "0",
        "ENGAGEMENTS_RATE_LIMIT_KEYED": "0",
        "ENGAGEMENTS_LOG_LEVEL": "warning",
    }
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--workers", str(workers)]
    base = f"http://127.0.0.1:{port}"
    with running(command, f"{base}/health", env) as process:
        yield base, process.pid


def datasette_binary() -> str | None:
    beside = Path(sys.executable).parent / "datasette"
    return str(beside) if beside.exists() else shutil.which("datasette")


@contextmanager
def datasette(path: Path) -> Iterator[tuple[str, int]]:
    """Datasette serving `path` immutable; yields its base URL (database at /<stem>) and pid."""
    binary = datasette_binary()
    if binary is None:
        raise RuntimeError("datasette is not installed (pip install -e '.[bench]')")
    port = free_port()
    command = [
        binary, "serve", "-i", str(path), "--host", "127.0.0.1", "--port", str(port),
        "--setting", "sql_time_limit_ms", "30000",  # its 1 s default would cut off the slow equivalents, not time them
        "--setting", "max_returned_rows", "1000",
        "--setting", "default_page_size", "50",
        "--setting", "num_sql_threads", "3",
    ]
    base = f"http://127.0.0.1:{port}"
    with running(command, f"{base}/-/versions.json") as process:
        yield base, process.pid


def tree_memory(pid: int) -> tuple[int, int]:
    """(RSS summed over the process and its descendants, largest single RSS), in bytes."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    sizes = []
    for process in processes:
        try:
            sizes.append(process.memory_info().rss)
        except psutil.NoSuchProcess:
            pass
    return sum(sizes), max(sizes, default=0)


def wait_idle(pid: int, busy_percent: float = 10.0, longest: float = 60.0) -> float:
    """Wait until the process tree stops working (CPU under `busy_percent` over 0.25 s); returns the seconds waited.

    A client that hangs up does not stop the query it asked for: without this, queries
    still running from the last load would be timed as part of the next question's.
    """
    started = time.monotonic()
    while time.monotonic() - started < longest:
        try:
            root = psutil.Process(pid)
            processes = [root, *root.children(recursive=True)]
            for process in processes:
                process.cpu_percent(None)
            time.sleep(0.25)
            busy = sum(process.cpu_percent(None) for process in processes)
        except psutil.NoSuchProcess:
            return time.monotonic() - started
        if busy < busy_percent:
            break
    return time.monotonic() - started


class MemorySampler:
    """Samples a process tree's RSS every `interval` seconds in a thread; keeps the peaks."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.pid, self.interval = pid, interval
        self.peak_total = self.peak_single = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            total, single = tree_memory(self.pid)
            self.peak_total, self.peak_single = max(self.peak_total, total), max(self.peak_single, single)
            self._stop.wait(self.interval)

    def __enter__(self) -> "MemorySampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
