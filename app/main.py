"""create_app(): routers, error handlers and API documentation."""

import logging

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute

from app.actions.router import router as actions_router
from app.audit.router import router as audit_router
from app.auth.router import router as api_keys_router
from app.body_limit import BodySizeLimit
from app.config import get_settings
from app.documents.router import router as documents_router
from app.engagements.router import router as engagements_router
from app.errors import install_error_handlers
from app.health.router import router as health_router
from app.locations.router import router as locations_router
from app.organizations.router import router as organizations_router
from app.participants.router import router as participants_router
from app.participations.router import router as participations_router

DESCRIPTION = """
Bilateral defense engagements (staff talks, visits, meetings, exercises) extracted from
articles, with the officials who took part, where they happened, the agreed-to-actions,
and the source text behind every fact.

Errors are RFC 9457 `application/problem+json` with a stable `code`.

Reading is open unless the server closes it. Writing needs an API key (`Authorization:
Bearer <key>`; use the **Authorize** button): editors change data, admins also manage keys
and read the audit log. Every record has an ETag (its `version`); PATCH, DELETE and review
need `If-Match` with it, so two people editing at once never overwrite each other.
"""

TAGS = [
    {"name": "engagements", "description": "Events between two countries, filterable by year, official, country and more."},
    {"name": "participants", "description": "Officials who took part in engagements, with rank and title as of each."},
    {"name": "participations", "description": "One official's part in one engagement: rank, title, organization, role."},
    {"name": "organizations", "description": "Armies, commands and ministries the officials belong to."},
    {"name": "locations", "description": "Named places where engagements happened."},
    {"name": "agreed-actions", "description": "Commitments agreed at engagements, with status and horizon."},
    {"name": "documents", "description": "Source articles and the facts extracted from them."},
    {"name": "health", "description": "Service and database health."},
    {"name": "api-keys", "description": "API keys and their roles (admin)."},
    {"name": "audit", "description": "Every write: who, when, what, before and after (admin)."},
]


def create_app() -> FastAPI:
    settings = get_settings()
    logging.basicConfig(level=settings.log_level.upper())
    app = FastAPI(
        title="Engagements API",
        version="0.1.0",
        description=DESCRIPTION,
        openapi_tags=TAGS,
    )
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit)  # refuses oversized bodies (413) before anything buffers them
    for router in (
        engagements_router,
        participants_router,
        participations_router,
        organizations_router,
        locations_router,
        actions_router,
        documents_router,
        health_router,
        api_keys_router,
        audit_router,
    ):
        _summaries_from_docstrings(router)
        app.include_router(router)
    return app


def _summaries_from_docstrings(router: APIRouter) -> None:
    """A handler's one-line docstring becomes its OpenAPI summary (shown in Swagger UI's list).

    Done per router before it is included: the app itself only holds wrappers of routers.
    """
    for route in router.routes:
        if isinstance(route, APIRoute) and route.summary is None and route.description:
            route.summary = route.description.strip().splitlines()[0].rstrip(".")
