"""OpenAPI descriptions of the error responses routes share."""

from typing import Any

from pydantic import BaseModel, Field


class Problem(BaseModel):
    """RFC 9457 problem details, plus a stable `code` and, for validation, `errors`."""

    type: str = Field(examples=["/problems/engagement_not_found"])
    title: str = Field(examples=["Not Found"])
    status: int = Field(examples=[404])
    detail: str = Field(examples=["Engagement 42 does not exist."])
    instance: str | None = Field(default=None, examples=["/engagements/42"])
    code: str = Field(examples=["engagement_not_found"])
    errors: list[dict[str, Any]] | None = None
    # 503 database_unavailable only: why, from a fixed list (connection_refused, locked, read_only, ...).
    reason: str | None = Field(default=None, examples=["connection_refused"])


def _problem(description: str) -> dict[str, Any]:
    return {"model": Problem, "description": description, "content": {"application/problem+json": {}}}


NOT_FOUND: dict[int | str, dict[str, Any]] = {404: _problem("No record with this id.")}
INVALID: dict[int | str, dict[str, Any]] = {422: _problem("A parameter is invalid; `errors` names it.")}
UNAUTHORIZED: dict[int | str, dict[str, Any]] = {
    401: _problem("No valid API key (send `Authorization: Bearer <key>`)."),
    403: _problem("The key's role is too low for this operation."),
}
PRECONDITION: dict[int | str, dict[str, Any]] = {
    412: _problem("If-Match names a version that is no longer current: fetch the record again."),
    428: _problem("If-Match is missing: send the ETag from the last GET."),
}
CONFLICT: dict[int | str, dict[str, Any]] = {409: _problem("The change conflicts with data already stored.")}
TOO_LARGE: dict[int | str, dict[str, Any]] = {413: _problem("The request body is larger than the server accepts.")}
RATE_LIMITED: dict[int | str, dict[str, Any]] = {
    429: _problem("Too many requests from this client (its key, or its address without one); see Retry-After.")
}
