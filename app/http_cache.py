"""ETags, `Cache-Control: no-cache` and 304 Not Modified for successful JSON reads.

Pure ASGI. Only GET and HEAD answered 200 with `application/json` and a Content-Length are
touched: such a body is already whole in memory when it is sent, so holding it to hash it
costs a copy, not a buffer. Streams (CSV, GeoJSON, anything without a Content-Length) and
every other media type pass through untouched, chunk by chunk, as they come.

A record's detail names its version as ETag (`"3"`, what If-Match checks). A detail also
embeds other records (an engagement's participants and agreed actions) whose changes leave
its version alone, so the version alone would answer 304 for changed data: the body's hash
is appended (`"3.5f1c..."`), and If-Match reads the version before the dot. Any other
response gets a weak ETag from the SHA-256 of its body. `If-None-Match` is
compared weakly (RFC 9110 13.1.2): `*` or any listed tag equal to the current one, `W/`
aside, answers 304 with no body, keeping the headers a cache needs (ETag, Cache-Control,
Vary, ...).
"""

import hashlib
import re

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CACHE_CONTROL = "no-cache"  # clients may keep a copy but must revalidate: curation changes data
_ENTITY_TAG = re.compile(r'(?:W/)?"[^"]*"')
_VERSION_TAG = re.compile(r'"\d+"')
# Headers that describe a body; a 304 has none.
_BODY_HEADERS = ("content-length", "content-type", "content-encoding", "transfer-encoding")


def weak_etag(body: bytes) -> str:
    return f'W/"{hashlib.sha256(body).hexdigest()[:32]}"'


def _validator(route_etag: str | None, body: bytes) -> str:
    if route_etag is None:
        return weak_etag(body)
    if _VERSION_TAG.fullmatch(route_etag):
        return f'{route_etag[:-1]}.{hashlib.sha256(body).hexdigest()[:16]}"'
    return route_etag


def none_match(if_none_match: str, etag: str) -> bool:
    """Whether `If-None-Match` names the current representation (weak comparison)."""
    if if_none_match.strip() == "*":
        return True
    current = etag.removeprefix("W/")
    return any(tag.removeprefix("W/") == current for tag in _ENTITY_TAG.findall(if_none_match))


def _cacheable(headers: Headers) -> bool:
    media_type = headers.get("content-type", "").split(";")[0].strip().lower()
    return media_type == "application/json" and "content-length" in headers


class HttpCache:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        if_none_match = Headers(scope=scope).get("if-none-match")
        start: Message | None = None
        chunks: list[bytes] = []

        async def send_with_validators(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                if message["status"] == 200 and _cacheable(Headers(raw=message["headers"])):
                    start = message  # held until the body is whole
                    return
                await send(message)
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            headers = MutableHeaders(raw=list(start["headers"]))
            etag = _validator(headers.get("etag"), body)
            headers["ETag"] = etag
            headers.setdefault("Cache-Control", CACHE_CONTROL)
            if if_none_match is not None and none_match(if_none_match, etag):
                for name in _BODY_HEADERS:
                    del headers[name]
                await send({**start, "status": 304, "headers": headers.raw})
                await send({"type": "http.response.body", "body": b""})
                return
            await send({**start, "headers": headers.raw})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, send_with_validators)
