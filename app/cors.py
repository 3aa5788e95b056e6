"""CORS for browser clients on other origins (dashboards), off unless `cors_origins` is set."""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

METHODS = ["GET", "POST", "PATCH", "DELETE"]
REQUEST_HEADERS = ["Authorization", "Content-Type", "If-Match", "If-None-Match"]
# Scripts on another origin read only the headers listed here: the ETag for If-Match and
# revalidation, Location for what a POST created, and when to come back after a 429.
EXPOSED_HEADERS = ["ETag", "Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"]


def add_cors(app: FastAPI, origins: list[str]) -> None:
    """Answer preflights and label responses for `origins` ("*" for any); nothing when empty."""
    if not origins:
        return
    # No credentials mode: keys travel in the Authorization header, not in cookies, and
    # browsers refuse "*" together with credentials.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=origins,
        allow_methods=METHODS,
        allow_headers=REQUEST_HEADERS,
        expose_headers=EXPOSED_HEADERS,
    )
