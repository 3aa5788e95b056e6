"""The client's address and scheme from X-Forwarded-For/-Proto, believed only from trusted proxies.

Uvicorn's own middleware does the parsing (the right-most untrusted hop is the client). Off
unless `trusted_proxies` is set: without a proxy in front, anyone could forge the header and
pick the address the rate limiter counts them by.
"""

from fastapi import FastAPI
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware


def trust_proxies(app: FastAPI, proxies: list[str]) -> None:
    """Take the client's address and scheme from the headers `proxies` send; nothing when empty."""
    if proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=proxies)
