"""Requests per client per minute: a key counts on its own, everyone else by address; 429 past the limit.

Counted with `limits` in memory, moving window: at most N requests in any period of the
window's length, so a burst (the dashboard's ten requests at once) passes whole, and
Retry-After is exact. Memory is per process: under `engagements serve --workers N` each
worker counts on its own, so a client gets up to N times the limit at most.

An app-wide dependency, so every route counts (the API, the dashboard page, the docs pages),
and nothing mounted does: the assets under /static, /openapi.json. A valid key counts against
the keyed limit by its id; no key, or a key that is unknown or revoked, counts against the
address (an IPv6 client by its /64, which one host usually has whole), so rotating made-up
keys buys nothing.
"""

import ipaddress
import math
import time
from dataclasses import dataclass

from fastapi import FastAPI, Request
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.auth.dependencies import ValidKey
from app.errors import DomainError

STATE_KEY = "rate_limit_quota"  # the request.state attribute enforce_rate_limit sets, for the headers


class RateLimited(DomainError):
    status = 429
    code = "rate_limited"


@dataclass(frozen=True)
class Quota:
    """One client's standing after a request, as the RateLimit headers tell it."""

    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int  # until a request is counted out of the window (one more is allowed)
    window_seconds: int

    def headers(self) -> dict[str, str]:
        # IETF draft-ietf-httpapi-ratelimit-headers (-07) fields: the three simple numbers
        # most clients already read, and the policy (limit;w=window) they come from.
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset_seconds),
            "RateLimit-Policy": f"{self.limit};w={self.window_seconds}",
        }


class RateLimits:
    """The two limits (either may be off) and the counts behind them, for one process."""

    def __init__(self, anonymous: str, keyed: str) -> None:
        self.anonymous: RateLimitItem | None = parse(anonymous) if anonymous else None
        self.keyed: RateLimitItem | None = parse(keyed) if keyed else None
        # MemoryStorage runs a timer thread: only made when something is counted.
        on = self.anonymous is not None or self.keyed is not None
        self._limiter = MovingWindowRateLimiter(MemoryStorage()) if on else None

    def hit(self, client: str, keyed: bool) -> Quota | None:
        """Count one request of `client`; None when its kind of client has no limit."""
        item = self.keyed if keyed else self.anonymous
        if item is None or self._limiter is None:
            return None
        allowed = self._limiter.hit(item, client)
        reset_at, remaining = self._limiter.get_window_stats(item, client)
        reset = max(1, math.ceil(reset_at - time.time()))
        return Quota(allowed, item.amount, max(0, remaining), reset, item.get_expiry())


def client_address(request: Request) -> str:
    """The address a client is counted by: IPv4 as is, IPv6 by its /64 network."""
    host = request.client.host if request.client else "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host  # not an IP: a unix socket's peer, the test client's "testclient"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


async def enforce_rate_limit(request: Request, api_key: ValidKey) -> None:
    """Count the request against its client; past the limit, 429 with Retry-After."""
    limits: RateLimits = request.app.state.rate_limits
    if api_key is not None:
        quota = limits.hit(f"key:{api_key.id}", keyed=True)
    else:
        quota = limits.hit(f"address:{client_address(request)}", keyed=False)
    if quota is None:
        return
    request.state.rate_limit_quota = quota
    if not quota.allowed:
        error = RateLimited(
            f"More than {quota.limit} requests in {quota.window_seconds} s from this client; "
            f"retry in {quota.reset_seconds} s."
        )
        error.headers = {"Retry-After": str(quota.reset_seconds)}
        raise error


class RateLimitHeaders:
    """Adds the RateLimit headers to every counted response, whatever made it (JSON, CSV, an error).

    A dependency cannot: headers it sets are dropped when a handler returns its own Response.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})

        async def with_headers(message: Message) -> None:
            quota = state.get(STATE_KEY)
            if message["type"] == "http.response.start" and isinstance(quota, Quota):
                headers = MutableHeaders(scope=message)
                for name, value in quota.headers().items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, with_headers)


def add_rate_limits(app: FastAPI, anonymous: str, keyed: str) -> None:
    """Keep the counts on the app (one set per process) and label responses with them."""
    app.state.rate_limits = RateLimits(anonymous, keyed)
    app.add_middleware(RateLimitHeaders)
