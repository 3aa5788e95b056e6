"""create_app(): routers, error handlers and API documentation."""

import logging

from fastapi import APIRouter, Depends, FastAPI
from fastapi.routing import APIRoute

from app.actions.router import router as actions_router
from app.api_docs import router as api_docs_router
from app.audit.router import router as audit_router
from app.auth.router import router as api_keys_router
from app.body_limit import BodySizeLimit
from app.config import get_settings
from app.cors import add_cors
from app.dashboard.router import router as dashboard_router
from app.documents.router import router as documents_router
from app.engagements.router import router as engagements_router
from app.errors import install_error_handlers
from app.health.router import router as health_router
from app.http_cache import HttpCache
from app.locations.router import router as locations_router
from app.method_not_allowed import install_method_not_allowed
from app.openapi_schema import install_openapi
from app.organizations.router import router as organizations_router
from app.participants.router import router as participants_router
from app.participations.router import router as participations_router
from app.proxy_headers import trust_proxies
from app.rate_limit import add_rate_limits, enforce_rate_limit
from app.responses import RATE_LIMITED
from app.static_files import mount_static
from app.stats.router import router as stats_router

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
    {"name": "stats", "description": "Counts for dashboards, as flat arrays, filtered like GET /engagements."},
]


def create_app() -> FastAPI:
    settings = get_settings()
    logging.basicConfig(level=settings.log_level.upper())
    app = FastAPI(
        title="Engagements API",
        version="0.1.0",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        docs_url=None,  # served by app.api_docs from /static: no CDN
        redoc_url=None,
        dependencies=[Depends(enforce_rate_limit)],  # every route counts; /static and /openapi.json do not
        responses=RATE_LIMITED,
    )
    install_error_handlers(app)
    install_openapi(app, settings.read_requires_key)  # optional keys on reads, If-Match required
    install_method_not_allowed(app)  # Allow lists every method of the path
    app.add_middleware(BodySizeLimit)  # refuses oversized bodies (413) before anything buffers them
    app.add_middleware(HttpCache)  # ETag, Cache-Control and 304 on JSON reads
    add_rate_limits(app, settings.rate_limit_anonymous, settings.rate_limit_keyed)  # RateLimit headers on 304s too
    add_cors(app, settings.cors_origins)  # preflights answered first, 304s labelled too
    trust_proxies(app, settings.trusted_proxies)  # outermost: everything inside sees the real client
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
        stats_router,
    ):
        _summaries_from_docstrings(router)
        app.include_router(router)
    app.include_router(api_docs_router)
    app.include_router(dashboard_router)
    mount_static(app)
    return app


def _summaries_from_docstrings(router: APIRouter) -> None:
    """A handler's one-line docstring becomes its OpenAPI summary (shown in Swagger UI's list).

    Done per router before it is included: the app itself only holds wrappers of routers.
    """
    for route in router.routes:
        if isinstance(route, APIRoute) and route.summary is None and route.description:
            route.summary = route.description.strip().splitlines()[0].rstrip(".")
