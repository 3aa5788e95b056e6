"""Use cases for changing locations: create, and the validation every change goes through."""

from typing import Any

from sqlalchemy.orm import Session

from app.auth.actor import Actor
from app.curation import service as curation
from app.curation.named import name_and_country
from app.curation.references import load_live
from app.errors import Conflict, InvalidParameter
from app.locations import repository
from app.locations.schemas import LocationCreate
from app.models import Location


class DuplicateLocation(Conflict):
    code = "duplicate_location"


def load(session: Session, location_id: int, include_deleted: bool = False) -> Location:
    return load_live(session, Location, location_id, include_deleted)


def create(session: Session, actor: Actor, body: LocationCreate) -> Location:
    """A new location stated by a person (accepted, every given field curated)."""
    location = Location()
    return curation.create(session, actor, location, prepare(session, location, body.model_dump(exclude_unset=True)), body.model_fields_set)


def prepare(session: Session, location: Location, changes: dict[str, Any]) -> dict[str, Any]:
    """Turn a validated body into column values: the name's search key, a country code, paired coordinates."""
    values = name_and_country(changes)
    latitude = values.get("latitude", location.latitude)
    longitude = values.get("longitude", location.longitude)
    if (latitude is None) != (longitude is None):
        missing = "longitude" if longitude is None else "latitude"
        raise InvalidParameter(missing, "Latitude and longitude go together: give both or neither.", "body")
    ensure_unique(session, location, values)
    return values


def ensure_unique(session: Session, location: Location, values: dict[str, Any]) -> None:
    """A clear 409 before the database's unique (name, country, kind) constraint would refuse the row."""
    name_key = values.get("name_key", location.name_key)
    kind = values.get("kind", location.kind)
    country = values.get("country_code", location.country_code)
    clash = repository.same_place(session, name_key, country, kind, location.id)
    if clash is None:
        return
    where = f" in {country}" if country else " without a country"
    hint = ""
    if clash.merged_into_id is not None:
        hint = f" (merged into location {clash.merged_into_id})"
    elif clash.deleted_at is not None:
        hint = " (deleted: restore it instead)"
    raise DuplicateLocation(f"Location {clash.id}{hint} is already the {kind} '{clash.name}'{where}.")
