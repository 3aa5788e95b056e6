"""HTTP routes for source documents."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from app.auth.dependencies import READABLE
from app.deps import PageDep, SessionDep
from app.documents import service as document_service
from app.documents.schemas import DocumentListItem, DocumentRead
from app.pagination import Page, build_page
from app.query_params import plain_text
from app.responses import INVALID, NOT_FOUND

router = APIRouter(prefix="/documents", tags=["documents"], dependencies=READABLE)


@router.get("", response_model=Page[DocumentListItem], responses=INVALID)
def list_documents(
    request: Request,
    session: SessionDep,
    page: PageDep,
    year: Annotated[int | None, Query(ge=1800, le=2200, description="Year the document was published.")] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200, description="Text in the title or source reference.")] = None,
) -> dict[str, object]:
    """List source documents, newest first."""
    items, total = document_service.list_(session, page, year=year, q=plain_text(q, "q"))
    return build_page(request, items, total, page)


@router.get("/{document_id}", response_model=DocumentRead, responses={**NOT_FOUND, **INVALID})
def get_document(
    document_id: Annotated[int, Path(ge=1, le=2**31 - 1, description="The document's id.")], session: SessionDep
) -> DocumentRead:
    """One document: its text and every fact extracted from it, with spans."""
    return document_service.get(session, document_id)
