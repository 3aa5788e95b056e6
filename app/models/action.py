"""Agreed-to-actions: commitments an engagement (usually staff talks) agreed."""

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import NEVER_REUSE_IDS, Base, TimestampMixin
from app.models.curation import Curated
from app.models.enums import ActionStatus, DatePrecision, checked

if TYPE_CHECKING:
    from app.models.engagement import Engagement


class AgreedAction(Curated, TimestampMixin, Base):
    __tablename__ = "agreed_action"
    __table_args__ = (
        CheckConstraint(
            "(target_date IS NULL AND target_precision IS NULL) OR "
            "(target_date IS NOT NULL AND target_precision <> 'unknown')",
            name="target_precision_matches",
        ),
        # Visible actions counted per engagement (statistics, lists) from the index alone.
        Index("ix_agreed_action_engagement_visible", "engagement_id", "deleted_at", "review_state", "status"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), index=True
    )
    description: Mapped[str] = mapped_column(Text)
    topic: Mapped[str | None] = mapped_column(String(200), index=True)
    status: Mapped[ActionStatus] = mapped_column(
        checked(ActionStatus, "action_status"), default=ActionStatus.agreed, index=True
    )
    horizon: Mapped[str | None] = mapped_column(String(100))
    target_date: Mapped[date | None] = mapped_column(Date)
    target_precision: Mapped[DatePrecision | None] = mapped_column(
        checked(DatePrecision, "target_precision")
    )

    engagement: Mapped["Engagement"] = relationship(back_populates="agreed_actions", lazy="raise")
