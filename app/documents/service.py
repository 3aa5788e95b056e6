"""Use cases for reading documents."""

from collections.abc import Iterator

from sqlalchemy.orm import Session

from app.documents import repository
from app.documents.evidence import evidence_read
from app.documents.schemas import DocumentListItem, DocumentRead
from app.errors import NotFound
from app.export.stream import stream_rows
from app.pagination import PageParams, fetch_rows


def list_(session: Session, params: PageParams, *, year: int | None, q: str | None) -> tuple[list[DocumentListItem], int]:
    """Documents (without their text), newest first."""
    rows, total = fetch_rows(session, repository.list_statement(year, q), params)
    return [DocumentListItem.model_validate(row._mapping) for row in rows], total


def stream(session: Session, *, year: int | None, q: str | None) -> Iterator[DocumentListItem]:
    """Every document (without its text) matching the filters, newest first, read in batches (for file exports)."""
    for row in stream_rows(session, repository.list_statement(year, q)):
        yield DocumentListItem.model_validate(row._mapping)


def get(session: Session, document_id: int) -> DocumentRead:
    """One document: its text and every fact extracted from it."""
    document = repository.get(session, document_id)
    if document is None:
        raise NotFound("Document", document_id)
    return DocumentRead(
        id=document.id,
        source_ref=document.source_ref,
        title=document.title,
        publisher=document.publisher,
        published_date=document.published_date,
        sha256=document.sha256,
        length=len(document.text),
        text=document.text,
        facts=[evidence_read(e) for e in repository.evidence_of(session, document_id)],
    )
