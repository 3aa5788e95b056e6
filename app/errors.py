"""Domain errors carry their own status; one handler turns every error into problem+json.

The body is RFC 9457 (`type`, `title`, `status`, `detail`, `instance`) plus a stable
snake_case `code`, and for validation an `errors` list naming each offending field.
"""

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.database_faults import POOL_EXHAUSTED, DatabaseFault, database_fault

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"


class DomainError(Exception):
    """An error a client can act on; subclasses set status and code."""

    status: int = 400
    code: str = "bad_request"
    headers: dict[str, str] | None = None

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(DomainError):
    status = 404
    code = "not_found"

    def __init__(self, resource: str, resource_id: int) -> None:
        super().__init__(f"{resource} {resource_id} does not exist.")
        self.code = f"{resource.lower().replace(' ', '_')}_not_found"


class InvalidParameter(DomainError):
    """A parameter that passed type validation but makes no sense (an unknown country)."""

    status = 422
    code = "invalid_parameter"

    def __init__(self, name: str, detail: str, location: str = "query") -> None:
        super().__init__(detail)
        self.errors = [{"loc": [location, name], "field": name, "message": detail}]


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"
    headers = {"WWW-Authenticate": "Bearer"}


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class PreconditionRequired(DomainError):
    status = 428
    code = "precondition_required"


class PreconditionFailed(DomainError):
    status = 412
    code = "precondition_failed"


class InvalidReference(InvalidParameter):
    """A body field names a record that does not exist (or was deleted)."""

    def __init__(self, name: str, resource: str, resource_id: int) -> None:
        super().__init__(name, f"{resource} {resource_id} does not exist.", location="body")
        self.code = "invalid_reference"


def problem(
    request: Request, status: int, code: str, detail: str, **extra: Any
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"about:blank#{code}" if status >= 500 else f"/problems/{code}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        "code": code,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE)


def database_unavailable(request: Request, fault: DatabaseFault) -> JSONResponse:
    """503 with the fault's reason (never the driver's message) and when to try again."""
    response = problem(request, 503, "database_unavailable", fault.detail, reason=fault.reason)
    response.headers["Retry-After"] = str(fault.retry_after)
    return response


def _field_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    errors = []
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ())]
        errors.append(
            {
                "loc": loc,
                "field": loc[-1] if loc else None,
                "message": error.get("msg", "invalid value"),
                "type": error.get("type"),
            }
        )
    return errors


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def on_domain_error(request: Request, exc: DomainError) -> JSONResponse:
        extra = {"errors": exc.errors} if isinstance(exc, InvalidParameter) else {}
        response = problem(request, exc.status, exc.code, exc.detail, **extra)
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _field_errors(exc)
        fields = ", ".join(sorted({str(e["field"]) for e in errors if e["field"]}))
        return problem(
            request, 422, "validation_failed", f"Invalid value for: {fields}.", errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
            # FastAPI answers a body that is not UTF-8 with 400 and one that is not JSON with
            # 422: both are a body that cannot be read, and get the one answer.
            error = {"loc": ["body"], "field": "body", "message": "The body is not UTF-8 text.", "type": "json_invalid"}
            return problem(request, 422, "validation_failed", "Invalid value for: body.", errors=[error])
        code = HTTPStatus(exc.status_code).phrase.lower().replace(" ", "_").replace("-", "_")
        response = problem(request, exc.status_code, code, str(exc.detail))
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(StaleDataError)
    async def on_lost_race(request: Request, exc: StaleDataError) -> JSONResponse:
        # Another writer committed between our read and our UPDATE ... WHERE version = ?.
        return problem(request, 412, "precondition_failed", "The record changed while this request ran; fetch it again.")

    @app.exception_handler(IntegrityError)
    async def on_conflict(request: Request, exc: IntegrityError) -> JSONResponse:
        logger.info("integrity error: %s", exc.orig)
        return problem(request, 409, "conflict", "The change conflicts with data already stored.")

    @app.exception_handler(DBAPIError)
    async def on_database_error(request: Request, exc: DBAPIError) -> JSONResponse:
        fault = database_fault(exc)
        if fault is not None:
            logger.warning("database unavailable (%s): %s", fault.reason, exc.orig)
            return database_unavailable(request, fault)
        logger.exception("database error")
        return problem(request, 500, "database_error", "The database could not answer this request.")

    @app.exception_handler(PoolTimeout)
    async def on_pool_exhausted(request: Request, exc: PoolTimeout) -> JSONResponse:
        logger.warning("database unavailable (%s): %s", POOL_EXHAUSTED.reason, exc)
        return database_unavailable(request, POOL_EXHAUSTED)

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error")
        return problem(request, 500, "internal_error", "An unexpected error occurred.")
