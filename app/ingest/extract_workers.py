"""Extraction in worker processes for a large seed: pure work, no database, gone with their parent.

Heuristic: `spawn` workers (fresh interpreters, not forks of a process holding database
connections and, under Rich, threads) run the pure extractor; each asks the kernel to kill
it when the seeding process dies (Linux `PR_SET_PDEATHSIG`; elsewhere a thread watching the
parent id), so a seed killed with SIGKILL leaves no idle workers behind: they would otherwise
wait forever on a queue whose write end they hold themselves.
Known failure: on a platform with neither prctl nor a parent id that changes (none known),
an orphaned worker stays until it is killed by hand.
"""

import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

R = TypeVar("R")
_PR_SET_PDEATHSIG = 1


@contextmanager
def extraction_pool(extract: Callable[[str], R], workers: int) -> Iterator[Callable[[str], Callable[[], R]]]:
    """`submit(text)` -> a function returning its extraction: inline for no worker, else from a pool of `workers`."""
    if workers < 1:
        yield lambda text: lambda: extract(text)
        return
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),))
    try:
        def submit(text: str) -> Callable[[], R]:
            future: Future[R] = pool.submit(extract, text)
            return future.result

        yield submit
    finally:
        # On a fatal error nothing queued is wanted; running extractions finish in milliseconds.
        pool.shutdown(wait=True, cancel_futures=True)


def die_with_parent(parent: int) -> None:
    """Worker initializer: end this process when `parent` ends."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):  # not Linux
        armed = False
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if not armed:
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)
