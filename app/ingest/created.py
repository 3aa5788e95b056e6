"""Which rows a block of work inserted: watched at flush time, and told by the loader's own INSERTs."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction

# session.info key: the lists of the blocks watching that session.
_WATCHERS = "rows_created"


@contextmanager
def rows_created(session: Session) -> Iterator[list[Any]]:
    """Yield a list that fills with every object inserted inside the block (by a flush or `insert_new`)."""
    created: list[Any] = []

    def before_flush(flushing: Session, context: UOWTransaction, instances: object) -> None:
        # `new` is what this flush will INSERT: each object appears in exactly one flush.
        created.extend(flushing.new)

    event.listen(session, "before_flush", before_flush)
    watchers = session.info.setdefault(_WATCHERS, [])
    watchers.append(created)
    try:
        yield created
    finally:
        watchers[:] = [w for w in watchers if w is not created]
        event.remove(session, "before_flush", before_flush)


def announce_created(session: Session, rows: Iterable[Any]) -> None:
    """Rows inserted without a flush (`inserts.insert_new`), for the blocks watching the session."""
    for created in session.info.get(_WATCHERS, ()):
        created.extend(rows)
