"""405 answers name every method the path takes (RFC 9110 15.5.6), not one route's.

FastAPI keeps one route per method, and Starlette's 405 lists the methods of the first route
whose path matched, so `OPTIONS /engagements` said `Allow: GET` although POST is there too.
"""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from starlette.exceptions import HTTPException
from starlette.routing import Match

from app.errors import problem


def allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """Every method some route of the app takes at the request's path."""
    methods: set[str] = set()
    for route in iter_route_contexts(app.routes):
        match, _ = route.matches(request.scope)
        if match is not Match.NONE and route.methods:
            methods |= set(route.methods)
    return sorted(methods)


def install_method_not_allowed(app: FastAPI) -> None:
    async def on_method_not_allowed(request: Request, exc: Exception) -> JSONResponse:
        allowed = allowed_methods(app, request)
        if not allowed and isinstance(exc, HTTPException) and exc.headers:
            allowed = [exc.headers.get("Allow", "")]
        response = problem(request, 405, "method_not_allowed", f"{request.method} is not allowed here; use {', '.join(allowed)}.")
        response.headers["Allow"] = ", ".join(allowed)
        return response

    app.add_exception_handler(405, on_method_not_allowed)
