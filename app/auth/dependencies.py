"""Who may do what: `Authorization: Bearer <key>`, checked against the role a route needs."""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param

from app.auth import service as key_service
from app.auth.actor import ANONYMOUS_READER, Actor
from app.config import get_settings
from app.deps import SessionDep
from app.errors import Forbidden, Unauthorized
from app.models import ApiKey
from app.models.enums import Role

# auto_error=False: a missing key is answered by our own 401 problem, not FastAPI's 403.
bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="An API key from `engagements keys create`, sent as `Authorization: Bearer <key>`.",
)
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


async def valid_key(request: Request, session: SessionDep) -> ApiKey | None:
    """The active key a request sends, if any; looked up once per request.

    Both the rate limiter (app-wide) and the role checks ask, and FastAPI caches a dependency
    within a request. It reads the header as HTTPBearer does, without declaring it, so
    routes that take no key (/health) do not show one in the OpenAPI document.
    """
    scheme, token = get_authorization_scheme_param(request.headers.get("Authorization"))
    if scheme.lower() != "bearer" or not token:
        return None
    # Only a key is looked up in the database, in a worker thread; most reads send none, and
    # a `def` dependency would cost each of them a hop to the thread pool and back.
    return await run_in_threadpool(key_service.authenticate, session, token)


ValidKey = Annotated[ApiKey | None, Depends(valid_key)]


def _actor(credentials: HTTPAuthorizationCredentials | None, api_key: ApiKey | None) -> Actor | None:
    if credentials is None or not credentials.credentials:
        return None
    if api_key is None:
        raise Unauthorized("The API key is not valid (unknown or revoked).")
    return Actor(name=api_key.name, role=api_key.role, api_key_id=api_key.id)


def requires(role: Role) -> object:
    """A dependency that answers 401 without a valid key and 403 with a key below `role`."""

    def check(credentials: Credentials, api_key: ValidKey) -> Actor:
        actor = _actor(credentials, api_key)
        if actor is None:
            raise Unauthorized(f"This operation needs an API key with the {role} role.")
        if not actor.may(role):
            raise Forbidden(f"This operation needs the {role} role; the key {actor.name!r} has {actor.role}.")
        return actor

    check.__name__ = f"requires_{role}"
    check.required_role = role  # type: ignore[attr-defined]  # read by app.openapi_schema: a key is needed
    return check


async def read_access(credentials: Credentials, api_key: ValidKey) -> Actor:
    """Reading is open unless `read_requires_key` is set; then any valid key may read."""
    actor = _actor(credentials, api_key)
    if actor is not None:
        return actor
    if get_settings().read_requires_key:
        raise Unauthorized("Reading needs an API key on this server.")
    return ANONYMOUS_READER


ReaderDep = Annotated[Actor, Depends(read_access)]
EditorDep = Annotated[Actor, Depends(requires(Role.editor))]
AdminDep = Annotated[Actor, Depends(requires(Role.admin))]

# Routers of readable resources declare this: open unless `read_requires_key` closes reading.
# (On the router, not in include_router: FastAPI keeps routes flat that way.)
READABLE = [Depends(read_access)]
