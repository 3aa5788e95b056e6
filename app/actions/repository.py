"""Queries over agreed-to-actions."""

from datetime import date

from sqlalchemy import Select, and_, or_, select

from app.models import AgreedAction, Engagement
from app.models.enums import ActionStatus


def list_statement(
    status: ActionStatus | None, engagement_id: int | None, year: int | None, country: str | None
) -> Select[tuple[AgreedAction]]:
    statement = select(AgreedAction).join(Engagement, Engagement.id == AgreedAction.engagement_id)
    if status is not None:
        statement = statement.where(AgreedAction.status == status)
    if engagement_id is not None:
        statement = statement.where(AgreedAction.engagement_id == engagement_id)
    if year is not None:
        # The year of the engagement that agreed it (partial dates count where they overlap).
        statement = statement.where(
            and_(Engagement.earliest_date <= date(year, 12, 31), Engagement.latest_date >= date(year, 1, 1))
        )
    if country is not None:
        statement = statement.where(or_(Engagement.country_a == country, Engagement.country_b == country))
    return statement.order_by(AgreedAction.engagement_id, AgreedAction.id)
