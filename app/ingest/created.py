"""Which rows a block of work inserted: watched at flush time, so the loader needs no bookkeeping."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, UOWTransaction


@contextmanager
def rows_created(session: Session) -> Iterator[list[Any]]:
    """Yield a list that fills with every object inserted by the flushes inside the block."""
    created: list[Any] = []

    def before_flush(flushing: Session, context: UOWTransaction, instances: object) -> None:
        # `new` is what this flush will INSERT: each object appears in exactly one flush.
        created.extend(flushing.new)

    event.listen(session, "before_flush", before_flush)
    try:
        yield created
    finally:
        event.remove(session, "before_flush", before_flush)
