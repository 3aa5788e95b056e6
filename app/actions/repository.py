"""Queries over agreed-to-actions: only live ones of live engagements."""

from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from app.curation.service import visible
from app.engagements.repository import overlapping
from app.models import AgreedAction, Engagement
from app.models.enums import ActionStatus, ReviewState


def list_statement(
    status: ActionStatus | None,
    engagement_id: int | None,
    year: int | None,
    country: str | None,
    review_state: ReviewState | None = None,
) -> Select[tuple[AgreedAction]]:
    statement = (
        select(AgreedAction)
        .join(Engagement, Engagement.id == AgreedAction.engagement_id)
        .where(visible(AgreedAction, review_state), Engagement.deleted_at.is_(None))
    )
    if status is not None:
        statement = statement.where(AgreedAction.status == status)
    if engagement_id is not None:
        statement = statement.where(AgreedAction.engagement_id == engagement_id)
    if year is not None:
        # The year of the engagement that agreed it (partial dates count where they overlap).
        statement = statement.where(overlapping(date(year, 1, 1), date(year, 12, 31)))
    if country is not None:
        statement = statement.where(or_(Engagement.country_a == country, Engagement.country_b == country))
    return statement.order_by(AgreedAction.engagement_id, AgreedAction.id)


def get_live(session: Session, action_id: int, include_deleted: bool = False) -> AgreedAction | None:
    """An action whose engagement is not deleted; a deleted action only when asked (restoring)."""
    statement = (
        select(AgreedAction)
        .join(Engagement, Engagement.id == AgreedAction.engagement_id)
        .where(AgreedAction.id == action_id, Engagement.deleted_at.is_(None))
    )
    if not include_deleted:
        statement = statement.where(AgreedAction.deleted_at.is_(None))
    return session.scalars(statement).one_or_none()
