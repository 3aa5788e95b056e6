"""Merging two locations that are the same place: everything at the duplicate moves to the survivor.

The shared bookkeeping (If-Match, retiring the duplicate, audit, no merge chains) is in
`app.curation.merge`; this module says what a location's links are and which gaps to fill.
"""

from typing import Any

from sqlalchemy.orm import Session

from app.auth.actor import Actor
from app.curation import merge as merging
from app.curation.references import load_live, referenced
from app.errors import Conflict
from app.locations import repository
from app.models import Location


def merge(session: Session, actor: Actor, survivor_id: int, duplicate_id: int, if_match: str | None) -> Location:
    """Merge `duplicate_id` into `survivor_id`: engagements and evidence move, gaps are filled; all audited."""
    survivor = load_live(session, Location, survivor_id)
    merging.check_distinct(survivor, duplicate_id)
    duplicate = referenced(session, Location, duplicate_id, "duplicate_id")
    assert duplicate is not None

    def move() -> dict[str, Any]:
        filled = _fill_gaps(session, survivor, duplicate)
        engagements = repository.engagements_at(session, duplicate.id)
        for engagement in engagements:
            merging.record_move(session, actor, engagement, {"location_id": survivor.id})
        repository.move_evidence(session, duplicate.id, survivor.id)
        return {"moved_engagement_ids": [e.id for e in engagements], "filled_from_duplicate": filled}

    return merging.merge(session, actor, survivor, duplicate, if_match, move)


def _fill_gaps(session: Session, survivor: Location, duplicate: Location) -> list[str]:
    """What the survivor does not know and the duplicate does: coordinates, the country."""
    filled = []
    if survivor.latitude is None and duplicate.latitude is not None:
        survivor.latitude, survivor.longitude = duplicate.latitude, duplicate.longitude
        filled += ["latitude", "longitude"]
    if survivor.country_code is None and duplicate.country_code is not None:
        clash = repository.same_place(session, survivor.name_key, duplicate.country_code, survivor.kind, survivor.id)
        if clash is not None:
            # The unique (name, country, kind) key would repeat a stored one (the duplicate stays, deleted).
            raise Conflict(
                f"Location {survivor.id} would take country {duplicate.country_code} and become the same place "
                f"as location {clash.id}; merge location {survivor.id} into location {clash.id} instead."
            )
        survivor.country_code = duplicate.country_code
        filled.append("country_code")
    return filled
