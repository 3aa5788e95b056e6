"""Engines and sessions: SQLite pragmas vs PostgreSQL, request and CLI scopes."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import Request

from app.config import get_settings

# An execution option a session sets when it is going to write (see `get_write_session`).
WRITE_INTENT = "engagements_write_intent"


def build_engine(url: str) -> Engine:
    """An engine for `url`, with SQLite made to behave like a real transactional database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)

    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 15})
    _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT; SQLAlchemy's
    # documented recipe hands transaction control back to SQLAlchemy.
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        # SQLite's lower() folds ASCII only; PostgreSQL's folds all of Unicode. Same answers on both.
        dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        # Writers take the write lock at BEGIN: two read-then-write transactions would
        # otherwise fail with SQLITE_BUSY_SNAPSHOT instead of waiting their turn.
        immediate = connection.get_execution_options().get(WRITE_INTENT, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


@lru_cache
def get_engine() -> Engine:
    return build_engine(get_settings().database_url)


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


def get_session(request: Request) -> Iterator[Session]:
    """Request scope: the same transaction shape as the CLI's, around one request.

    One session per request, shared by the API-key check and the handler (SessionDep and
    WriteSessionDep both resolve here). Two sessions would hold two pooled connections per
    request: under load every connection is held by a request waiting for its second one,
    and the pool deadlocks until its timeout (found by tests/api/test_concurrency.py).
    """
    with session_scope(write=request.method in WRITE_METHODS) as session:
        yield session


def get_write_session() -> Iterator[Session]:
    """Request scope for writes: the transaction takes the write lock when it begins."""
    with session_scope(write=True) as session:
        yield session
