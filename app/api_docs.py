"""/docs (Swagger UI) and /redoc (ReDoc) built from the service's own files, never a CDN.

FastAPI's built-in pages load their scripts, styles, favicon and ReDoc's Google fonts from
the internet, which a closed network cannot reach; the app turns them off (`docs_url=None`,
`redoc_url=None`) and these routes serve the same pages with every asset under /static
(app/static/vendor/, fetched by `make vendor-assets`). Both stay open when reading needs a key.
"""

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

from app.static_files import STATIC_URL

SWAGGER_UI = f"{STATIC_URL}/vendor/swagger-ui"
REDOC = f"{STATIC_URL}/vendor/redoc"

SWAGGER_UI_PARAMETERS = {
    # The key typed into Authorize survives a page reload (Swagger UI keeps it in localStorage).
    "persistAuthorization": True,
    # Otherwise Swagger UI may send the schema's address to validator.swagger.io for a badge.
    "validatorUrl": None,
    "displayRequestDuration": True,
}

# Pages, not API operations: kept out of the OpenAPI schema.
router = APIRouter(include_in_schema=False)


def _root(request: Request) -> str:
    """The path prefix a proxy mounts the service under (`--root-path`), so links still resolve."""
    return request.scope.get("root_path", "").rstrip("/")


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI: try every operation, with the Authorize button for API keys"""
    root = _root(request)
    return get_swagger_ui_html(
        openapi_url=root + request.app.openapi_url,
        title=f"{request.app.title} - Swagger UI",
        swagger_js_url=f"{root}{SWAGGER_UI}/swagger-ui-bundle.js",
        swagger_css_url=f"{root}{SWAGGER_UI}/swagger-ui.css",
        swagger_favicon_url=f"{root}{SWAGGER_UI}/favicon-32x32.png",
        swagger_ui_parameters=SWAGGER_UI_PARAMETERS,
    )


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    """ReDoc: the API reference on one page"""
    root = _root(request)
    return get_redoc_html(
        openapi_url=root + request.app.openapi_url,
        title=f"{request.app.title} - ReDoc",
        redoc_js_url=f"{root}{REDOC}/redoc.standalone.js",
        redoc_favicon_url=f"{root}{SWAGGER_UI}/favicon-32x32.png",
        with_google_fonts=False,
    )
