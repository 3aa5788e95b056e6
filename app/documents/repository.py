"""Queries over documents and their evidence."""

from datetime import date
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from app.models import Document, Evidence

_LIST_COLUMNS = (
    Document.id,
    Document.source_ref,
    Document.title,
    Document.publisher,
    Document.published_date,
    Document.sha256,
    func.length(Document.text).label("length"),
)


def list_statement(year: int | None, q: str | None) -> Select[Any]:
    """Document rows without their text, which can be long."""
    statement = select(*_LIST_COLUMNS)
    if year is not None:
        statement = statement.where(Document.published_date.between(date(year, 1, 1), date(year, 12, 31)))
    if q is not None:
        statement = statement.where(
            or_(Document.title.icontains(q, autoescape=True), Document.source_ref.icontains(q, autoescape=True))
        )
    return statement.order_by(Document.published_date.is_(None), Document.published_date.desc(), Document.id)


def get(session: Session, document_id: int) -> Document | None:
    return session.get(Document, document_id)


def evidence_of(session: Session, document_id: int) -> list[Evidence]:
    statement = select(Evidence).where(Evidence.document_id == document_id).order_by(Evidence.char_start, Evidence.id)
    return list(session.scalars(statement))
