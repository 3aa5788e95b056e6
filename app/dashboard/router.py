"""GET /dashboard: one page of charts, a map and a table over the read API, served with its own assets."""

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

PAGE = Path(__file__).with_name("dashboard.html")

# Record text (titles, quotes) reaches the page only through textContent; this policy makes
# that enforceable: no inline script, no handler attribute, nothing loaded from elsewhere.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

# A page, not an API operation: kept out of the OpenAPI schema.
router = APIRouter(include_in_schema=False)


@router.get("/dashboard")
def get_dashboard() -> FileResponse:
    """The dashboard: engagements by year, a timeline, a map, agreed actions by status and a filterable table"""
    return FileResponse(PAGE, media_type="text/html; charset=utf-8", headers=HEADERS)
