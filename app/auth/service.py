"""Use cases for API keys: create (shown once), list, revoke, authenticate."""

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from app.auth import repository
from app.auth.keys import display_prefix, hash_key, new_key
from app.errors import Conflict, DomainError
from app.models import ApiKey
from app.models.enums import Role


class KeyNotFound(DomainError):
    status = 404
    code = "api_key_not_found"


def create(session: Session, name: str, role: Role) -> tuple[ApiKey, str]:
    """A new key; the plain key is returned here and never again."""
    if repository.by_name(session, name) is not None:
        raise Conflict(f"An API key named {name!r} already exists.")
    plain = new_key()
    api_key = ApiKey(name=name, role=role, key_hash=hash_key(plain), key_prefix=display_prefix(plain))
    session.add(api_key)
    session.flush()
    return api_key, plain


def list_(session: Session) -> list[ApiKey]:
    """Every key, revoked ones included (their names stay in the audit log)."""
    return repository.all_keys(session)


def get(session: Session, name_or_id: str | int) -> ApiKey:
    """A key by id or by name."""
    api_key = (
        session.get(ApiKey, name_or_id) if isinstance(name_or_id, int) else repository.by_name(session, name_or_id)
    )
    if api_key is None:
        raise KeyNotFound(f"API key {name_or_id} does not exist.")
    return api_key


def revoke(session: Session, name_or_id: str | int) -> ApiKey:
    """Revoke a key by id or name; revoking twice is harmless."""
    api_key = get(session, name_or_id)
    if api_key.revoked_at is None:
        api_key.revoked_at = datetime.now(UTC)
        session.flush()
    return api_key


def authenticate(session: Session, plain: str) -> ApiKey | None:
    """The active key whose hash matches, if any."""
    api_key = repository.by_hash(session, hash_key(plain))
    return api_key if api_key is not None and api_key.is_active else None
