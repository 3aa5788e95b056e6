"""HTTP routes for the audit log (admin only)."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request

from app.audit import service as audit_service
from app.audit.schemas import AuditEntryRead
from app.auth.dependencies import AdminDep
from app.deps import PageDep, SessionDep
from app.pagination import Page, build_page
from app.responses import INVALID, UNAUTHORIZED

router = APIRouter(prefix="/audit", tags=["audit"], responses=UNAUTHORIZED)


@router.get("", response_model=Page[AuditEntryRead], responses=INVALID)
def list_audit_entries(
    request: Request,
    session: SessionDep,
    actor: AdminDep,
    page: PageDep,
    record_type: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]+$", description="engagement, person, organization, location, agreed_action, participation, document, api_key.", examples=["engagement"])] = None,
    record_id: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="With record_type: one record's history.")] = None,
    key: Annotated[str | None, Query(max_length=100, description="The name of the key that wrote.", examples=["desk-officer-1"])] = None,
    action: Annotated[str | None, Query(max_length=20, description="create, update, delete, restore, review:accept, merge, ingest...")] = None,
    since: Annotated[datetime | None, Query(description="Entries at or after this time (ISO 8601).")] = None,
    until: Annotated[datetime | None, Query(description="Entries before this time (ISO 8601).")] = None,
) -> dict[str, object]:
    """The audit log, newest first: who changed what, when, before and after."""
    items, total = audit_service.list_(
        session, page, record_type=record_type, record_id=record_id, actor=key, action=action, since=since, until=until
    )
    return build_page(request, items, total, page)
