"""ETags from record versions, and the If-Match check that stops lost updates.

A record's ETag is its version in quotes ("3"); on a GET, the body's hash follows the
version ("3.5f1c...": see app/http_cache.py), and only the version part counts here. PATCH, DELETE and review require If-Match:
without it 428, with a version that is no longer current 412. `*` is refused too: it
would match any version, which is exactly the lost update the header exists to prevent.
"""

from app.errors import PreconditionFailed, PreconditionRequired
from app.models.curation import Curated


def etag_of(record: Curated) -> str:
    return f'"{record.version}"'


def require_if_match(if_match: str | None) -> str:
    """Raise 428 unless If-Match is there and names a version; the header itself otherwise."""
    if if_match is None or not if_match.strip():
        raise PreconditionRequired(
            "This change needs an If-Match header with the record's ETag (from GET), so that "
            "two people editing at once cannot overwrite each other."
        )
    if [tag.strip() for tag in if_match.split(",")] == ["*"]:
        raise PreconditionRequired('If-Match must name a version: "*" would allow a lost update.')
    return if_match


def check_if_match(if_match: str | None, record: Curated) -> None:
    """Raise unless If-Match names the record's current version."""
    tags = [tag.strip() for tag in require_if_match(if_match).split(",")]
    # Weak tags (W/"3") never match for If-Match (RFC 9110 13.1.1: strong comparison).
    if etag_of(record) not in (_version_part(tag) for tag in tags):
        raise PreconditionFailed(
            f"The record is at version {record.version}, not {if_match}: someone changed it; fetch it again."
        )


def _version_part(tag: str) -> str:
    """'"3.5f1c"' -> '"3"': a GET's ETag carries the body's hash after the version."""
    if tag.startswith('"') and tag.endswith('"') and "." in tag:
        return tag.split(".", 1)[0] + '"'
    return tag
