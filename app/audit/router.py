"""HTTP routes for the audit log (admin only)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from app.audit import service as audit_service
from app.audit.schemas import AUDIT_COLUMNS, AuditEntryRead
from app.auth.dependencies import AdminDep
from app.deps import PageDep, SessionDep
from app.export.formats import Export, Exportable
from app.pagination import Page, build_page
from app.query_params import Timestamp, plain_text, within_years
from app.responses import INVALID, UNAUTHORIZED

router = APIRouter(prefix="/audit", tags=["audit"], responses=UNAUTHORIZED)

AUDIT_EXPORT = Exportable("audit", AUDIT_COLUMNS)


@router.get("", response_model=Page[AuditEntryRead], responses={**INVALID, **AUDIT_EXPORT.responses})
def list_audit_entries(
    request: Request,
    session: SessionDep,
    actor: AdminDep,
    page: PageDep,
    export: Annotated[Export, Depends(AUDIT_EXPORT.negotiate)],
    record_type: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]+$", description="engagement, person, organization, location, agreed_action, participation, document, api_key.", examples=["engagement"])] = None,
    record_id: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="With record_type: one record's history.")] = None,
    key: Annotated[str | None, Query(max_length=100, description="The name of the key that wrote.", examples=["desk-officer-1"])] = None,
    action: Annotated[str | None, Query(max_length=20, description="create, update, delete, restore, review:accept, merge, ingest...")] = None,
    since: Annotated[Timestamp | None, Query(description="Entries at or after this time (ISO 8601).")] = None,
    until: Annotated[Timestamp | None, Query(description="Entries before this time (ISO 8601).")] = None,
) -> dict[str, object] | Response:
    """The audit log, newest first: who changed what, when, before and after."""
    within_years(since, "since")
    within_years(until, "until")
    filters = {"record_type": record_type, "record_id": record_id, "actor": plain_text(key, "key"), "action": plain_text(action, "action"), "since": since, "until": until}
    if export.wanted:
        return export.respond(audit_service.stream(export.session, **filters))
    items, total = audit_service.list_(session, page, **filters)
    return build_page(request, items, total, page)
