"""Use cases for changing participants: create, validate a change, merge a duplicate person."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from app.audit import service as audit
from app.audit.snapshot import snapshot
from app.auth.actor import Actor
from app.curation import merge as merging
from app.curation import service as curation
from app.curation.named import name_and_country
from app.curation.references import load_live, referenced
from app.errors import Conflict
from app.models import Participation, Person
from app.participants import repository
from app.participants.schemas import ParticipantCreate
from app.participations import repository as participations

# What a kept participation takes from the duplicate's when it does not know it itself.
_FILLABLE = ("rank", "title", "organization_id", "country_code")


def load(session: Session, person_id: int, include_deleted: bool = False) -> Person:
    return load_live(session, Person, person_id, include_deleted)


def create(session: Session, actor: Actor, body: ParticipantCreate) -> Person:
    """A new person stated by an editor (accepted, every given field curated)."""
    person = Person()
    return curation.create(session, actor, person, prepare(session, person, body.model_dump(exclude_unset=True)), body.model_fields_set)


def prepare(session: Session, person: Person, changes: dict[str, Any]) -> dict[str, Any]:
    """Column values for a change: the name's search key and a country code; one person per name and country."""
    values = name_and_country(changes)
    country = values.get("country_code", person.country_code)
    if ("name" in changes or "country_code" in changes) and country is not None:
        same = repository.with_same_key(session, values.get("name_key", person.name_key), country, person.id)
        if same is not None:
            hint = " (deleted: restore it)" if same.deleted_at is not None else ""
            raise Conflict(f"Participant {same.id}{hint} already has this name in {country}; merge the two instead.")
    return values


def merge(session: Session, actor: Actor, person_id: int, duplicate_id: int, if_match: str | None) -> Person:
    """Fold a duplicate person into this one: every participation moves here, then the duplicate retires."""
    survivor = load(session, person_id)
    merging.check_distinct(survivor, duplicate_id)
    duplicate = referenced(session, Person, duplicate_id, "duplicate_id")
    assert duplicate is not None

    def move() -> dict[str, Any]:
        kept = {p.engagement_id: p for p in participations.of_person(session, survivor.id)}
        moved, absorbed = [], []
        for theirs in participations.of_person(session, duplicate.id):
            ours = kept.get(theirs.engagement_id)
            if ours is None:
                merging.record_move(session, actor, theirs, {"person_id": survivor.id})
                moved.append(theirs.id)
            else:
                _absorb(session, actor, ours, theirs)
                absorbed.append(theirs.id)
        return {"moved_participation_ids": moved, "absorbed_participation_ids": absorbed}

    return merging.merge(session, actor, survivor, duplicate, if_match, move)


def _absorb(session: Session, actor: Actor, ours: Participation, theirs: Participation) -> None:
    """Both took part in one engagement: keep ours, fill its gaps from theirs, take its evidence."""
    filled = {f: getattr(theirs, f) for f in _FILLABLE if getattr(ours, f) is None and getattr(theirs, f) is not None}
    if filled:
        merging.record_move(session, actor, ours, filled)
    evidence = participations.move_evidence(session, theirs.id, ours.id)
    before = snapshot(theirs)
    theirs.deleted_at = theirs.deleted_at or datetime.now(UTC)
    session.flush()
    audit.record(session, actor, "merge", theirs, before=before, after={**snapshot(theirs), "absorbed_into": ours.id, "moved_evidence": evidence})
