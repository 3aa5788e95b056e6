"""Engines and sessions: SQLite pragmas vs PostgreSQL, request and CLI scopes."""

import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from anyio import CancelScope, CapacityLimiter, to_thread
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request

from app.config import get_settings

# An execution option a session sets when it is going to write (see `get_write_session`).
WRITE_INTENT = "engagements_write_intent"


# How long a request may wait for a pooled connection before it is answered 503: every
# connection busy is an overload, not a reason to queue for the default 30 s.
POOL_TIMEOUT_SECONDS = 10
# Bounds on waiting for a PostgreSQL that went away (libpq parameters; the URL's own win).
# Connecting gives up after connect_timeout; keepalives notice a peer that vanished without
# closing the connection (a host or network gone) after about idle + interval * count seconds.
POSTGRES_CONNECT_DEFAULTS = {
    "connect_timeout": 3,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 2,
}
# How long a SQLite writer waits for another writer's lock; `?timeout=` in the URL overrides.
SQLITE_BUSY_TIMEOUT_SECONDS = 15.0
SQLITE_ERRORS_NEEDING_A_NEW_CONNECTION = ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR")


def build_engine(url: str, query_timeout_seconds: float = 0) -> Engine:
    """An engine for `url`, with SQLite made to behave like a real transactional database.

    PostgreSQL connections are pinged when taken from the pool, so after the server
    restarts the next request reconnects instead of failing on a dead connection.

    `query_timeout_seconds` > 0 cancels any one statement that runs longer (see
    `_limit_statement_time`); 0, for migrations and generated benchmark data, never does.
    """
    engine = _sqlite_engine(url) if make_url(url).get_backend_name() == "sqlite" else _postgres_engine(url)
    if query_timeout_seconds > 0:
        _limit_statement_time(engine, query_timeout_seconds)
    return engine


def _postgres_engine(url: str) -> Engine:
    parsed = make_url(url)
    connect_args = {key: value for key, value in POSTGRES_CONNECT_DEFAULTS.items() if key not in parsed.query}
    return create_engine(url, pool_pre_ping=True, pool_timeout=POOL_TIMEOUT_SECONDS, connect_args=connect_args)


def _sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    file_database = bool(parsed.database) and parsed.database != ":memory:" and not parsed.query.get("uri")
    if file_database:
        try:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)  # type: ignore[arg-type]
        except OSError:
            pass  # connecting reports it, as an unavailable database rather than a crash
    busy_timeout = float(parsed.query.get("timeout", SQLITE_BUSY_TIMEOUT_SECONDS))  # type: ignore[arg-type]
    # A file database is pooled (QueuePool), LIFO: the connection a request gets is the one used
    # last, whose page cache (cache_size below) is warm; first-in-first-out rotated every pooled
    # connection, each filling a cache of its own (the service's memory grew by ~13 MB more over
    # the scale benchmark's questions). In-memory databases keep one connection per thread.
    pooling = {"pool_use_lifo": True} if file_database else {}
    engine = create_engine(url, connect_args={"timeout": busy_timeout}, **pooling)
    _configure_sqlite(engine, busy_timeout)
    return engine


# SQLite's virtual machine calls the deadline check once per this many instructions: about a
# millisecond of work, so the check costs nothing measurable and a statement overruns by little.
SQLITE_INSTRUCTIONS_PER_CHECK = 100_000


class _StatementDeadline:
    """When the statement running on one SQLite connection must stop (monotonic seconds; None: never)."""

    __slots__ = ("until",)

    def __init__(self) -> None:
        self.until: float | None = None

    def passed(self) -> bool:
        # A true value makes SQLite abandon the statement with SQLITE_INTERRUPT.
        return self.until is not None and time.monotonic() > self.until


def _limit_statement_time(engine: Engine, seconds: float) -> None:
    """Cancel any one statement that runs longer than `seconds`.

    A query the planner gets wrong, or a client that gave up, would otherwise hold a
    connection and a core for as long as the query runs: nothing else stops it. The caller
    gets the driver's error, which the API answers as 503 `query_timeout` (app.database_faults).

    PostgreSQL: the session's `statement_timeout`, set once per new connection (a `SET` rather
    than the `options` startup parameter, which connection poolers such as PgBouncer refuse).
    On a server-side cursor each FETCH is a statement, so a streamed export is bounded per
    batch, not in total. SQLite: a progress handler checks a deadline set as each statement
    starts; a streamed statement (an export, stepped for as long as the client reads) has none.
    """
    if engine.dialect.name == "postgresql":
        @event.listens_for(engine, "connect")
        def set_statement_timeout(dbapi_connection: Any, _record: Any) -> None:
            with dbapi_connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {max(1, round(seconds * 1000))}")
            dbapi_connection.commit()  # psycopg opened a transaction; the setting outlives it
        return

    @event.listens_for(engine, "connect")
    def watch_deadline(dbapi_connection: Any, record: Any) -> None:
        deadline = record.info["statement_deadline"] = _StatementDeadline()
        dbapi_connection.set_progress_handler(deadline.passed, SQLITE_INSTRUCTIONS_PER_CHECK)

    @event.listens_for(engine, "before_cursor_execute")
    def start_deadline(connection: Any, _cursor: Any, _statement: Any, _parameters: Any, context: Any, _many: bool) -> None:
        deadline = connection.info["statement_deadline"]
        streamed = context is not None and context.execution_options.get("stream_results", False)
        deadline.until = None if streamed else time.monotonic() + seconds


def _configure_sqlite(engine: Engine, busy_timeout: float) -> None:
    # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT; SQLAlchemy's
    # documented recipe hands transaction control back to SQLAlchemy.
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        # SQLite's lower() folds ASCII only; PostgreSQL's folds all of Unicode. Same answers on both.
        dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # 32 MB of pages per connection instead of 2 MB: lists and statistics over a large
        # database read index pages again and again (bench/query_timings.py).
        cursor.execute("PRAGMA cache_size=-32000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        # Writers take the write lock at BEGIN: two read-then-write transactions would
        # otherwise fail with SQLITE_BUSY_SNAPSHOT instead of waiting their turn.
        immediate = connection.get_execution_options().get(WRITE_INTENT, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    @event.listens_for(engine, "handle_error")
    def on_error(context: ExceptionContext) -> None:
        # A connection opened while the file (or its directory) was read-only or unreadable
        # stays that way after an operator fixes it; counted as a disconnect, it is thrown
        # away and the next request opens the file afresh: recovery without a restart.
        name = getattr(context.original_exception, "sqlite_errorname", "")
        if name.startswith(SQLITE_ERRORS_NEEDING_A_NEW_CONNECTION):
            context.is_disconnect = True


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


@lru_cache
def get_engine() -> Engine:
    settings = get_settings()
    return build_engine(settings.database_url, settings.query_timeout_seconds)


@lru_cache
def get_sessionmaker() -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(), expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session] | None = None, *, write: bool = False) -> Iterator[Session]:
    """One transaction: committed when the block succeeds, rolled back when it raises.

    `write=True` declares the intent up front; on SQLite the transaction then starts with
    BEGIN IMMEDIATE, so concurrent writers queue instead of failing.
    """
    with (factory or get_sessionmaker())() as session:
        if write:
            session.connection(execution_options={WRITE_INTENT: True})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# Methods whose requests write: their transaction declares write intent when it begins.
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


async def get_session(request: Request) -> AsyncIterator[Session]:
    """Request scope: the same transaction shape as the CLI's, around one request.

    One session per request, shared by the API-key check and the handler (SessionDep and
    WriteSessionDep both resolve here). Two sessions would hold two pooled connections per
    request: under load every connection is held by a request waiting for its second one,
    and the pool deadlocks until its timeout (found by tests/api/test_concurrency.py).

    Async, so a read goes to the thread pool only for database work: its session connects at
    the first query, in the handler's thread, and only the end of its transaction (commit or
    rollback) runs in the pool here. A sync generator would also enter in the pool, one more
    trip per request. A write declares its intent at once (BEGIN IMMEDIATE may wait for the
    lock), so it enters in the pool.
    """
    write = request.method in WRITE_METHODS
    scope = session_scope(write=write)
    session = await to_thread.run_sync(scope.__enter__) if write else scope.__enter__()
    async with finished_in_threadpool(scope.__exit__):
        yield session


@asynccontextmanager
async def finished_in_threadpool(finish: Callable[[Any, Any, Any], bool | None]) -> AsyncIterator[None]:
    """Run a context's exit, `finish(type, error, traceback)`, in the thread pool: what FastAPI does
    for sync generator dependencies (see `ending_in_threadpool`)."""
    try:
        yield
    except BaseException as error:
        if not await ending_in_threadpool(finish, type(error), error, error.__traceback__):
            raise
    else:
        await ending_in_threadpool(finish, None, None, None)


async def ending_in_threadpool(end: Callable[..., Any], *arguments: Any) -> Any:
    """`end(*arguments)` in the thread pool, shielded from cancellation, so a client that goes
    away still gets its transaction ended; and outside the pool's capacity limit, so ending
    never waits for a thread held by a request that waits for this request's connection."""
    with CancelScope(shield=True):
        return await to_thread.run_sync(end, *arguments, limiter=CapacityLimiter(1))
