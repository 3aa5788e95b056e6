"""HTTP routes for API keys (admin only)."""

from typing import Annotated

from fastapi import APIRouter, Path

from app.audit import service as audit
from app.audit.snapshot import snapshot
from app.auth import service as key_service
from app.auth.dependencies import AdminDep
from app.auth.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyRead
from app.deps import SessionDep, WriteSessionDep
from app.responses import CONFLICT, INVALID, NOT_FOUND, UNAUTHORIZED

router = APIRouter(prefix="/api-keys", tags=["api-keys"], responses=UNAUTHORIZED)

KeyId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The key's id.")]


@router.get("", response_model=list[ApiKeyRead])
def list_api_keys(session: SessionDep, actor: AdminDep) -> list[ApiKeyRead]:
    """List every API key (without the keys themselves)."""
    return [ApiKeyRead.model_validate(key) for key in key_service.list_(session)]


@router.post("", status_code=201, response_model=ApiKeyCreated, responses={**INVALID, **CONFLICT})
def create_api_key(body: ApiKeyCreate, session: WriteSessionDep, actor: AdminDep) -> ApiKeyCreated:
    """Create a key; the response is the only time the key is shown."""
    api_key, plain = key_service.create(session, body.name, body.role)
    audit.record(session, actor, "create", api_key, before=None)
    return ApiKeyCreated(**ApiKeyRead.model_validate(api_key).model_dump(), key=plain)


@router.post("/{key_id}/revoke", response_model=ApiKeyRead, responses={**NOT_FOUND, **INVALID})
def revoke_api_key(key_id: KeyId, session: WriteSessionDep, actor: AdminDep) -> ApiKeyRead:
    """Revoke a key: it stops working at once; its name stays in the audit log."""
    before = snapshot(key_service.get(session, key_id))
    api_key = key_service.revoke(session, key_id)
    audit.record(session, actor, "revoke", api_key, before=before)
    return ApiKeyRead.model_validate(api_key)
