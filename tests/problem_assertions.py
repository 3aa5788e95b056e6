"""The one assertion every error test shares: an RFC 9457 body with the expected status and code."""

from typing import Any

from httpx import Response

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance", "code"}


def assert_problem(response: Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert PROBLEM_KEYS <= body.keys()
    assert (body["status"], body["code"], body["instance"]) == (status, code, response.request.url.path)
    assert body["title"] and body["detail"]
    return body
