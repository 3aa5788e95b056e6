"""The published OpenAPI document: FastAPI's, plus two facts its dependencies cannot state.

- Reading is open unless the server closes it, so a read accepts a key but does not need one:
  its security is `[{"ApiKey": []}, {}]` (the empty requirement is "no key"), while writes and
  admin reads keep `[{"ApiKey": []}]`. FastAPI declares every bearer dependency as required.
- `If-Match` is required where an operation answers 428 without it. The header's dependency
  takes it as optional so that a missing header is answered with 428 Precondition Required
  (RFC 6585), not a generic 422; the document says what a client must send.
"""

from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

NO_KEY: dict[str, list[str]] = {}


def install_openapi(app: FastAPI, read_requires_key: bool) -> None:
    """Make `app.openapi()` (and so /openapi.json) return the corrected document."""
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        document = generate()  # FastAPI's, cached until the routes change; the changes below are idempotent
        if not read_requires_key:
            _keys_optional_on_reads(app, document)
        _describe_headers(document)
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def _keys_optional_on_reads(app: FastAPI, document: dict[str, Any]) -> None:
    # The routes as FastAPI documents them: included routers' routes with the routers' dependencies.
    for route in iter_route_contexts(app.routes):
        if not isinstance(route.original_route, APIRoute) or not route.include_in_schema or _needs_role(route.dependant):
            continue
        for method in route.methods:
            operation = document["paths"].get(route.path_format, {}).get(method.lower(), {})
            if operation.get("security") and NO_KEY not in operation["security"]:
                operation["security"].append(NO_KEY)


def _needs_role(dependant: Dependant) -> bool:
    return any(getattr(sub.call, "required_role", None) is not None for sub in _walk(dependant))


def _walk(dependant: Dependant) -> Iterator[Dependant]:
    for sub in dependant.dependencies:
        yield sub
        yield from _walk(sub)


def _describe_headers(document: dict[str, Any]) -> None:
    for item in document["paths"].values():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] != "header":
                    continue
                # `str | None` in the handler means "may be left out"; on the wire a header is text.
                schema = parameter["schema"]
                text = next((branch for branch in schema.get("anyOf", []) if branch.get("type") == "string"), None)
                if text is not None:
                    del schema["anyOf"]
                    schema.update(text)
                if parameter["name"].lower() == "if-match" and "428" in operation.get("responses", {}):
                    parameter["required"] = True
