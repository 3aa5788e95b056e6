"""Running a coroutine from a test, whatever the test process's main thread is doing."""

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_on_own_thread(coroutine: Coroutine[Any, Any, T], timeout: float = 120) -> T:
    """asyncio.run(coroutine) on a thread of its own.

    The browser tests' session fixture keeps Playwright's sync API, and with it an event loop,
    running on the main thread of whichever pytest-xdist worker ran them; asyncio.run on that
    thread then refuses to nest ("cannot be called from a running event loop").
    """
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result(timeout=timeout)
