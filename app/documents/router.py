"""HTTP routes for source documents."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from app.auth.dependencies import READABLE, EditorDep
from app.deps import PageDep, SessionDep, WriteSessionDep
from app.documents import ingest as document_ingest
from app.documents import service as document_service
from app.documents.schemas import DOCUMENT_COLUMNS, DocumentIngest, DocumentListItem, DocumentRead, IngestRead
from app.export.formats import Export, Exportable
from app.pagination import Page, build_page
from app.query_params import plain_text
from app.responses import CONFLICT, INVALID, NOT_FOUND, TOO_LARGE, UNAUTHORIZED

router = APIRouter(prefix="/documents", tags=["documents"], dependencies=READABLE)

DOCUMENTS_EXPORT = Exportable("documents", DOCUMENT_COLUMNS)


@router.get("", response_model=Page[DocumentListItem], responses={**INVALID, **DOCUMENTS_EXPORT.responses})
def list_documents(
    request: Request,
    session: SessionDep,
    page: PageDep,
    export: Annotated[Export, Depends(DOCUMENTS_EXPORT.negotiate)],
    year: Annotated[int | None, Query(ge=1800, le=2200, description="Year the document was published.")] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200, description="Text in the title or source reference.")] = None,
) -> dict[str, object] | Response:
    """List source documents, newest first."""
    if export.wanted:
        return export.respond(document_service.stream(export.session, year=year, q=plain_text(q, "q")))
    items, total = document_service.list_(session, page, year=year, q=plain_text(q, "q"))
    return build_page(request, items, total, page)


@router.get("/{document_id}", response_model=DocumentRead, responses={**NOT_FOUND, **INVALID})
def get_document(
    document_id: Annotated[int, Path(ge=1, le=2**31 - 1, description="The document's id.")], session: SessionDep
) -> DocumentRead:
    """One document: its text and every fact extracted from it, with spans."""
    return document_service.get(session, document_id)


@router.post(
    "",
    status_code=201,
    response_model=IngestRead,
    responses={200: {"model": IngestRead, "description": "The same text was already loaded: nothing changed."}, **UNAUTHORIZED, **INVALID, **CONFLICT, **TOO_LARGE},
)
def ingest_document(body: DocumentIngest, session: WriteSessionDep, actor: EditorDep, response: Response) -> IngestRead:
    """Add an article (editor): its facts are extracted and stored as pending review."""
    result = document_ingest.ingest(session, actor, body)
    if result.outcome == "skipped":
        response.status_code = 200
    else:
        response.headers["Location"] = f"/documents/{result.document_id}"
    return result
