"""Which database errors are faults (503 with a reason) and which are not, from a table of driver errors.

The faults the other tests cause for real (tests/database_outage) cover the common reasons;
this table covers the rest, built from the drivers' own exception classes.
"""

import sqlite3

import psycopg
import pytest
from psycopg import errors as pg
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from app.database_faults import database_fault


def _sqlite(kind: type[sqlite3.Error], name: str, message: str) -> sqlite3.Error:
    error = kind(message)
    error.sqlite_errorname = name  # type: ignore[attr-defined]  # set by SQLite itself on real errors
    return error


def _wrapped(original: BaseException) -> DBAPIError:
    """What SQLAlchemy raises for `original`, by its own rules (OperationalError for an OperationalError, ...)."""
    base = sqlite3.Error if isinstance(original, sqlite3.Error) else psycopg.Error
    return DBAPIError.instance("SELECT 1", {}, original, base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("original", "reason"),
    [
        (psycopg.OperationalError('connection failed: connection to server at "10.0.0.5", port 5432 failed: Connection refused'), "connection_refused"),
        (pg.ConnectionTimeout("connection timeout expired"), "connection_timeout"),
        (psycopg.OperationalError("failed to resolve host 'db.internal': [Errno -2] Name or service not known"), "host_unknown"),
        (psycopg.OperationalError('connection failed: FATAL:  password authentication failed for user "engagements"'), "authentication_failed"),
        (psycopg.OperationalError('connection failed: FATAL:  database "engagements" does not exist'), "database_missing"),
        (psycopg.OperationalError("connection failed: FATAL:  the database system is starting up"), "starting_or_stopping"),
        (psycopg.OperationalError("connection failed: FATAL:  sorry, too many clients already"), "too_many_connections"),
        (psycopg.OperationalError("consuming input failed: server closed the connection unexpectedly"), "connection_lost"),
        (pg.AdminShutdown("terminating connection due to administrator command"), "connection_lost"),
        (pg.CannotConnectNow("the database system is shutting down"), "starting_or_stopping"),
        (pg.QueryCanceled("canceling statement due to statement timeout"), "query_timeout"),
        (pg.LockNotAvailable("canceling statement due to lock timeout"), "locked"),
        (pg.DiskFull('could not extend file "base/16384/16385": No space left on device'), "disk_full"),
        (pg.OutOfMemory("out of memory"), "out_of_resources"),
        (pg.IoError("could not read block 0"), "disk_error"),
        (pg.ReadOnlySqlTransaction("cannot execute INSERT in a read-only transaction"), "read_only"),
        (_sqlite(sqlite3.OperationalError, "SQLITE_BUSY", "database is locked"), "locked"),
        (_sqlite(sqlite3.OperationalError, "SQLITE_READONLY_DIRECTORY", "attempt to write a readonly database"), "read_only"),
        (_sqlite(sqlite3.OperationalError, "SQLITE_IOERR_SHORT_READ", "disk I/O error"), "disk_error"),
        (_sqlite(sqlite3.OperationalError, "SQLITE_FULL", "database or disk is full"), "disk_full"),
        (_sqlite(sqlite3.OperationalError, "SQLITE_CANTOPEN", "unable to open database file"), "cannot_open"),
        (_sqlite(sqlite3.OperationalError, "SQLITE_ERROR", "no such table: engagement"), "unavailable"),
    ],
)
def test_faults_have_a_reason(original: BaseException, reason: str) -> None:
    fault = database_fault(_wrapped(original))
    assert fault is not None and fault.reason == reason
    assert fault.retry_after >= 1 and fault.detail.endswith(".")


@pytest.mark.parametrize(
    "original",
    [
        pg.UniqueViolation("duplicate key value violates unique constraint"),
        pg.InsufficientPrivilege("permission denied for table alembic_version"),
        pg.UndefinedColumn('column "colour" does not exist'),
        _sqlite(sqlite3.IntegrityError, "SQLITE_CONSTRAINT_CHECK", "CHECK constraint failed"),
    ],
)
def test_errors_of_the_request_or_the_deployment_are_not_faults(original: BaseException) -> None:
    assert database_fault(_wrapped(original)) is None


def test_an_exhausted_pool_is_a_fault_and_other_errors_are_not() -> None:
    assert database_fault(PoolTimeout("QueuePool limit of size 5 overflow 10 reached")).reason == "pool_exhausted"  # type: ignore[union-attr]
    assert database_fault(ValueError("not a database error")) is None


def test_no_reason_repeats_what_the_driver_said() -> None:
    original = psycopg.OperationalError('connection failed: connection to server at "10.0.0.5", port 5432 failed: Connection refused')
    fault = database_fault(_wrapped(original))
    assert fault is not None and "10.0.0.5" not in fault.detail and "5432" not in fault.detail
