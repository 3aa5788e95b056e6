"""The service's own browser assets (app/static/) under /static, shipped inside the package."""

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).with_name("static")
STATIC_URL = "/static"


def mount_static(app: FastAPI) -> None:
    """Serve app/static/ at /static: vendored Swagger UI and ReDoc, the dashboard's scripts."""
    app.mount(STATIC_URL, StaticFiles(directory=STATIC_DIR), name="static")
