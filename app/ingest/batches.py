"""Write transactions of a seed: several documents per commit, each document in a SAVEPOINT of its own.

One transaction per document cost the loading process, the slower stage of a seed, a
quarter of its time: every COMMIT writes the WAL and the full-text indexes' new segments on
SQLite, and is a round trip on PostgreSQL. A batch commits once it is COMMIT_EVERY_SECONDS
old (and at the end), so the guarantees per document hold:

- a document that fails rolls back to its savepoint and leaves nothing behind, while the
  documents before it in the batch stay;
- a kill loses the batch not yet committed, which a rerun loads again (it skips what committed);
- an API writer waits at most about a batch for SQLite's write lock (its busy timeout is longer).
"""

import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from app.db import session_scope

# Long enough that a commit is a small part of a batch, short enough that a kill loses little
# and another writer waits little (bench/seed_throughput.py: ~100 documents on 2 cores).
COMMIT_EVERY_SECONDS = 0.5


class Batches:
    """A context around the loading loop: `document()` gives each document its savepoint in the
    open batch, `commit_if_due()` ends a batch that is old enough. Leaving the context commits the
    last batch, or rolls it back when an error (a database that went away) leaves it."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory
        self._transaction: AbstractContextManager[Session] | None = None  # the open batch's session_scope
        self._session: Session | None = None
        self._started = 0.0

    def __enter__(self) -> "Batches":
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._end(kind, error, trace)

    @contextmanager
    def document(self) -> Iterator[Session]:
        """One document's savepoint in the current batch (which begins here when none is open).

        Its objects leave the session afterwards, as they did when each document had a session
        of its own: a later document's bulk changes (`session.expire_all()`) must not reach them.
        """
        session = self._open()
        try:
            with session.begin_nested():
                yield session
        finally:
            session.expunge_all()

    def commit_if_due(self) -> None:
        if self._session is not None and time.monotonic() - self._started >= COMMIT_EVERY_SECONDS:
            self._end(None, None, None)

    def _open(self) -> Session:
        if self._session is None:
            # Write intent: on SQLite the write lock is taken at BEGIN and waited for, so another
            # writer (the API) makes the batch wait instead of failing "database is locked".
            self._transaction = session_scope(self._factory, write=True)
            self._session = self._transaction.__enter__()
            self._started = time.monotonic()
        return self._session

    def _end(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        scope, self._transaction, self._session = self._transaction, None, None
        if scope is not None:
            scope.__exit__(kind, error, trace)
