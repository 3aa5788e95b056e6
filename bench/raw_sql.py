"""The floor: the SQL the service sends for a question, replayed straight on the database driver.

The statements are caught as the app answers the question in process (SQLAlchemy's
`before_cursor_execute`, with their bound parameters), then run in a loop on one plain
DB-API connection (sqlite3 or psycopg) with every row fetched: no HTTP, no ORM, no
serialization. What is left is the database's own work, so service / raw SQL says what
the layers above cost. If the app's queries change, the floor follows them.
"""

import math
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from sqlalchemy import event
from sqlalchemy.engine import make_url

Statement = tuple[str, Any]


def capture(engine: Any, client: Any, path: str) -> list[Statement]:
    """The SELECTs the app runs to answer GET `path` (through a TestClient on the same engine)."""
    caught: list[Statement] = []

    def catch(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            caught.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", catch)
    try:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
    finally:
        event.remove(engine, "before_cursor_execute", catch)
    return caught


@contextmanager
def connect(database_url: str) -> Iterator[Any]:
    """One plain driver connection: sqlite3 for a file, psycopg for PostgreSQL."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        connection: Any = sqlite3.connect(url.database or "", check_same_thread=False)
    else:
        connection = psycopg.connect(url.set(drivername="postgresql").render_as_string(hide_password=False))
    try:
        yield connection
    finally:
        connection.close()


def _once(connection: Any, statements: list[Statement]) -> int:
    rows = 0
    cursor = connection.cursor()
    for statement, parameters in statements:
        cursor.execute(statement, parameters)
        rows += len(cursor.fetchall())
    cursor.close()
    if isinstance(connection, psycopg.Connection):
        connection.rollback()  # end the read transaction psycopg opened, as the service's session does
    return rows


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def measure(database_url: str, statements: list[Statement], seconds: float, warmup: float = 1.0) -> dict[str, Any]:
    """Run the statements in a loop for `seconds` (after `warmup`): calls/s and per-call p50/p99 in ms."""
    with connect(database_url) as connection:
        until = time.perf_counter() + warmup
        while time.perf_counter() < until:
            _once(connection, statements)
        timings: list[float] = []
        started = time.perf_counter()
        until = started + seconds
        rows = 0
        while time.perf_counter() < until or not timings:
            begun = time.perf_counter()
            rows = _once(connection, statements)
            timings.append(time.perf_counter() - begun)
        elapsed = time.perf_counter() - started
    return {
        "requests": len(timings),
        "requests_per_second": round(len(timings) / elapsed, 1),
        "p50_ms": round(percentile(timings, 50) * 1000, 2),
        "p99_ms": round(percentile(timings, 99) * 1000, 2),
        "statements": len(statements),
        "rows": rows,
    }
