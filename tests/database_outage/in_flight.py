"""A request held in flight inside PostgreSQL: it waits for a table lock the test holds, until the test lets go or cuts."""

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

import httpx
from sqlalchemy import Connection, Engine, text

from tests.database_outage.service import Service, wait_for


def _waiting_for_a_lock(admin: Engine) -> bool:
    with admin.connect() as connection:
        waiting = connection.execute(
            text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
        ).scalar_one()
    return waiting > 0


@contextmanager
def request_in_flight(service: Service, admin: Engine, path: str) -> Iterator[tuple[Future[httpx.Response], Connection]]:
    """GET `path` from another thread while the test holds an exclusive lock on the engagement table.

    Yields once the request's query is inside the server, blocked on that lock, with the
    future response and the connection holding the lock.
    """
    with ThreadPoolExecutor(max_workers=1) as pool, admin.connect() as locker:
        transaction = locker.begin()
        locker.execute(text("LOCK TABLE engagement IN ACCESS EXCLUSIVE MODE"))
        future = pool.submit(service.client.get, path)
        wait_for(lambda: _waiting_for_a_lock(admin))
        try:
            yield future, locker
        finally:
            if transaction.is_active:
                try:
                    transaction.rollback()
                except Exception:  # noqa: BLE001 - the test may have killed the server under it
                    pass
