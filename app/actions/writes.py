"""Use cases for changing agreed-to-actions: create, and the validation every change goes through."""

from typing import Any

from sqlalchemy.orm import Session

from app.actions.schemas import AgreedActionCreate
from app.auth.actor import Actor
from app.curation import service as curation
from app.curation.references import referenced
from app.models import AgreedAction, Engagement
from app.models.enums import DatePrecision
from app.query_params import partial_date


def create(session: Session, actor: Actor, body: AgreedActionCreate) -> AgreedAction:
    """A new agreed action stated by a person (accepted, every given field curated)."""
    referenced(session, Engagement, body.engagement_id, "engagement_id")
    action = AgreedAction(engagement_id=body.engagement_id)
    changes = body.model_dump(exclude_unset=True, exclude={"engagement_id"})
    changes.setdefault("status", body.status)
    return curation.create(session, actor, action, prepare(session, action, changes), body.model_fields_set)


def prepare(session: Session, action: AgreedAction, changes: dict[str, Any]) -> dict[str, Any]:
    """Turn a validated body into column values: a partial target date sets its own precision."""
    values = {k: v for k, v in changes.items() if k != "target_date"}
    if "target_date" in changes:
        target = partial_date(changes["target_date"], "target_date") if changes["target_date"] else None
        values["target_date"] = target.value if target else None
        values["target_precision"] = DatePrecision(target.precision) if target else None
    return values
