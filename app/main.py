"""create_app(): routers, error handlers and API documentation."""

import logging

from fastapi import FastAPI
from fastapi.routing import APIRoute

from app.actions.router import router as actions_router
from app.config import get_settings
from app.documents.router import router as documents_router
from app.engagements.router import router as engagements_router
from app.errors import install_error_handlers
from app.health.router import router as health_router
from app.locations.router import router as locations_router
from app.participants.router import router as participants_router

DESCRIPTION = """
Bilateral defense engagements (staff talks, visits, meetings, exercises) extracted from
articles, with the officials who took part, where they happened, the agreed-to-actions,
and the source text behind every fact.

Errors are RFC 9457 `application/problem+json` with a stable `code`.
"""

TAGS = [
    {"name": "engagements", "description": "Events between two countries, filterable by year, official, country and more."},
    {"name": "participants", "description": "Officials who took part in engagements, with rank and title as of each."},
    {"name": "locations", "description": "Named places where engagements happened."},
    {"name": "agreed-actions", "description": "Commitments agreed at engagements, with status and horizon."},
    {"name": "documents", "description": "Source articles and the facts extracted from them."},
    {"name": "health", "description": "Service and database health."},
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
    for router in (
        engagements_router,
        participants_router,
        locations_router,
        actions_router,
        documents_router,
        health_router,
    ):
        app.include_router(router)
    _summaries_from_docstrings(app)
    return app


def _summaries_from_docstrings(app: FastAPI) -> None:
    """A handler's one-line docstring becomes its OpenAPI summary (shown in Swagger UI's list)."""
    for route in app.routes:
        if isinstance(route, APIRoute) and route.summary is None and route.description:
            route.summary = route.description.strip().splitlines()[0].rstrip(".")
