"""Why the database cannot answer, in words safe to show a client: a fixed reason, never the driver's text.

Driver messages name hosts, ports, users and file paths, so they go to the log only; clients
and `/health` get one of the reasons below. A fault is something to wait out or for an
operator to fix, never the request's own doing, so the API answers it with 503 and
`Retry-After`. Errors that are the request's doing (a constraint, a bad query) are not faults.
"""

import re
import sqlite3
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

# Seconds a client should wait before trying again: contention clears fast, an outage does not.
RETRY_SOON = 1
RETRY_LATER = 5


@dataclass(frozen=True)
class DatabaseFault:
    reason: str  # stable snake_case
    detail: str  # one sentence for people
    retry_after: int = RETRY_LATER


REFUSED = DatabaseFault("connection_refused", "Nothing answers at the database's address (connection refused).")
TIMED_OUT = DatabaseFault("connection_timeout", "The database did not answer in time.")
LOST = DatabaseFault("connection_lost", "The connection to the database was lost.")
STARTING = DatabaseFault("starting_or_stopping", "The database is starting up or shutting down.")
HOST_UNKNOWN = DatabaseFault("host_unknown", "The database's host name cannot be resolved.")
AUTHENTICATION = DatabaseFault("authentication_failed", "The database refused the service's credentials.")
MISSING = DatabaseFault("database_missing", "The database named in the settings does not exist.")
CROWDED = DatabaseFault("too_many_connections", "The database has no free connections.", RETRY_SOON)
POOL_EXHAUSTED = DatabaseFault("pool_exhausted", "Every database connection of this service is busy.", RETRY_SOON)
DISK_FULL = DatabaseFault("disk_full", "The database's disk is full.")
RESOURCES = DatabaseFault("out_of_resources", "The database is out of memory or other resources.")
DISK_ERROR = DatabaseFault("disk_error", "The database could not read or write its files.")
CANNOT_OPEN = DatabaseFault("cannot_open", "The database file cannot be opened (missing, or its directory is not accessible).")
READ_ONLY = DatabaseFault("read_only", "The database is read-only; changes cannot be saved.")
LOCKED = DatabaseFault("locked", "The database is busy with another writer.", RETRY_SOON)
QUERY_TIMEOUT = DatabaseFault("query_timeout", "The database took too long to answer.", RETRY_SOON)
UNAVAILABLE = DatabaseFault("unavailable", "The database is not available.")

# The service cannot get a working connection at all (as opposed to one that works but is refused).
CONNECTION_FAULTS = frozenset({REFUSED, TIMED_OUT, LOST, STARTING, HOST_UNKNOWN, AUTHENTICATION, MISSING, CROWDED})

# Connection failures carry no SQLSTATE (no server answered with one): libpq's words decide.
_CONNECT_MESSAGES = tuple(
    (re.compile(pattern, re.IGNORECASE), fault)
    for pattern, fault in (
        (r"connection refused", REFUSED),
        (r"timeout expired", TIMED_OUT),
        (r"failed to resolve host|could not translate host name", HOST_UNKNOWN),
        (r"authentication failed|no password supplied|role \".*\" does not exist", AUTHENTICATION),
        (r"database \".*\" does not exist", MISSING),
        (r"the database system is (starting|shutting|in recovery|not yet accepting)", STARTING),
        (r"too many clients|remaining connection slots", CROWDED),
        (r"server closed the connection|connection is closed|connection reset|broken pipe", LOST),
        (r"no route to host|network is unreachable", TIMED_OUT),
    )
)

# PostgreSQL SQLSTATEs, most specific first (a prefix is a class of conditions).
_SQLSTATES = (
    ("57P03", STARTING),  # cannot_connect_now
    ("57P0", LOST),  # admin_shutdown (pg_terminate_backend, a fast shutdown), crash_shutdown
    ("57014", QUERY_TIMEOUT),  # query_canceled (statement_timeout)
    ("55P03", LOCKED),  # lock_not_available (lock_timeout)
    ("53300", CROWDED),
    ("53100", DISK_FULL),
    ("53", RESOURCES),
    ("58", DISK_ERROR),  # system_error, io_error
    ("08", LOST),  # connection_exception
    ("28", AUTHENTICATION),
    ("3D000", MISSING),
    ("25006", READ_ONLY),  # a hot standby, or default_transaction_read_only
)

# SQLite's result codes by name (Python 3.11+); extended codes start with the primary's name.
_SQLITE_CODES = (
    ("SQLITE_INTERRUPT", QUERY_TIMEOUT),  # the statement deadline (app.db._limit_statement_time)
    ("SQLITE_BUSY", LOCKED),
    ("SQLITE_LOCKED", LOCKED),
    ("SQLITE_READONLY", READ_ONLY),
    ("SQLITE_IOERR", DISK_ERROR),
    ("SQLITE_FULL", DISK_FULL),
    ("SQLITE_CANTOPEN", CANNOT_OPEN),
    ("SQLITE_NOMEM", RESOURCES),
)


def database_fault(exc: BaseException) -> DatabaseFault | None:
    """The fault behind `exc`, or None when the error is not about reaching the database."""
    if isinstance(exc, PoolTimeout):
        return POOL_EXHAUSTED
    if not isinstance(exc, DBAPIError):
        return None
    original = exc.orig
    if isinstance(original, sqlite3.Error):
        return _sqlite_fault(original, exc)
    sqlstate = getattr(original, "sqlstate", None) or ""
    for prefix, fault in _SQLSTATES:
        if sqlstate.startswith(prefix):
            return fault
    if exc.connection_invalidated:
        return LOST
    if isinstance(exc, OperationalError):
        message = str(original)
        return next((fault for pattern, fault in _CONNECT_MESSAGES if pattern.search(message)), UNAVAILABLE)
    return None


def _sqlite_fault(original: sqlite3.Error, exc: DBAPIError) -> DatabaseFault | None:
    name = getattr(original, "sqlite_errorname", "")
    for prefix, fault in _SQLITE_CODES:
        if name.startswith(prefix):
            return fault
    # Anything else SQLite calls operational ("no such table": a database never migrated).
    return UNAVAILABLE if isinstance(exc, OperationalError) else None
