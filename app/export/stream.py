"""Streamed bodies: a session that outlives the handler, rows fetched in batches, the first chunk read before the status line."""

from collections.abc import AsyncIterator, Iterator
from typing import Annotated, Any

from fastapi import Depends
from sqlalchemy import Row, Select
from sqlalchemy.orm import Session
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from app.db import ending_in_threadpool, get_sessionmaker

# Rows fetched per round trip (a server-side cursor on PostgreSQL, SQLite's own stepping cursor).
ROWS_PER_BATCH = 500


async def get_export_session() -> AsyncIterator[Session]:
    """A read-only session for a streamed body, closed (rolled back) after the last byte is sent.

    The request session (`SessionDep`) is closed when the handler returns, before a streamed
    body is iterated, so the stream reads through this one. It takes its pooled connection at
    its first query, which the body runs after the request session has given its connection
    back: a request still holds one connection at a time (see `app.db.get_session`). Handlers
    must not query through it themselves. Nothing is ever committed.

    Every list asks for it (the format is negotiated before the handler runs), and a JSON page
    never uses it: unused, it is closed at once, with no trip to the thread pool.
    """
    session = get_sessionmaker()()
    try:
        yield session
    finally:
        if session.in_transaction():  # it queried: closing rolls back and gives the connection back
            await ending_in_threadpool(session.close)
        else:
            session.close()


# The default dependency scope ("request") ends after the response is sent, body included.
ExportSessionDep = Annotated[Session, Depends(get_export_session)]


def stream_scalars(session: Session, statement: Select[Any], batch: int = ROWS_PER_BATCH) -> Iterator[Any]:
    """The entities a statement selects, fetched `batch` at a time; nothing keeps them once yielded."""
    yield from session.scalars(statement.execution_options(yield_per=batch))


def stream_rows(session: Session, statement: Select[Any], batch: int = ROWS_PER_BATCH) -> Iterator[Row[Any]]:
    """Like `stream_scalars`, for statements that select several columns (an entity and a count)."""
    yield from session.execute(statement.execution_options(yield_per=batch))


class PrimedStreamingResponse(StreamingResponse):
    """A streamed body whose first chunk is produced before the status line is sent.

    Producing it runs the query, so a failure to start (a database that is down) still reaches
    the problem+json handlers as an error response instead of a 200 cut short. A failure after
    the first chunk can only end the stream early; it is logged by the server.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        chunks = aiter(self.body_iterator)
        first = await anext(chunks, b"")
        self.body_iterator = _starting_with(first, chunks)
        await super().__call__(scope, receive, send)


async def _starting_with(first: str | bytes | memoryview, rest: AsyncIterator[Any]) -> AsyncIterator[Any]:
    yield first
    async for chunk in rest:
        yield chunk
