"""ETags from record versions, and the If-Match check that stops lost updates.

A record's ETag is its version in quotes ("3"). PATCH, DELETE and review require If-Match:
without it 428, with a version that is no longer current 412. `*` is refused too: it
would match any version, which is exactly the lost update the header exists to prevent.
"""

from app.errors import PreconditionFailed, PreconditionRequired
from app.models.curation import Curated


def etag_of(record: Curated) -> str:
    return f'"{record.version}"'


def check_if_match(if_match: str | None, record: Curated) -> None:
    """Raise unless If-Match names the record's current version."""
    if if_match is None or not if_match.strip():
        raise PreconditionRequired(
            "This change needs an If-Match header with the record's ETag (from GET), so that "
            "two people editing at once cannot overwrite each other."
        )
    tags = [tag.strip() for tag in if_match.split(",")]
    if tags == ["*"]:
        raise PreconditionRequired('If-Match must name a version: "*" would allow a lost update.')
    # Weak tags (W/"3") never match for If-Match (RFC 9110 13.1.1: strong comparison).
    if etag_of(record) not in tags:
        raise PreconditionFailed(
            f"The record is at version {record.version}, not {if_match}: someone changed it; fetch it again."
        )
