"""Engagements between two countries, and the recurring series some belong to."""

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import NEVER_REUSE_IDS, Base, TimestampMixin
from app.models.curation import Curated
from app.models.enums import (
    DatePrecision,
    EngagementMode,
    EngagementStatus,
    EngagementType,
    checked,
)
from app.models.location import Location

if TYPE_CHECKING:
    from app.models.action import AgreedAction
    from app.models.person import Participation


class Series(TimestampMixin, Base):
    """A recurring event ("U.S.-Peru Army Staff Talks") whose editions are engagements."""

    __tablename__ = "series"
    __table_args__ = (NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), unique=True)


class Engagement(Curated, TimestampMixin, Base):
    __tablename__ = "engagement"
    __table_args__ = (
        UniqueConstraint("series_id", "edition"),
        CheckConstraint("country_a < country_b", name="countries_ordered_distinct"),
        CheckConstraint("length(country_a) = 2 AND length(country_b) = 2", name="countries_alpha2"),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="end_after_start"),
        CheckConstraint("end_date IS NULL OR start_date IS NOT NULL", name="end_needs_start"),
        CheckConstraint("(start_date IS NULL) = (start_precision = 'unknown')", name="start_precision_matches"),
        CheckConstraint(
            "(end_date IS NULL AND end_precision IS NULL) OR (end_date IS NOT NULL AND end_precision <> 'unknown')",
            name="end_precision_matches",
        ),
        CheckConstraint("latest_date IS NULL OR latest_date >= earliest_date", name="span_ordered"),
        CheckConstraint("(earliest_date IS NULL) = (start_date IS NULL)", name="span_matches_start"),
        CheckConstraint("edition IS NULL OR edition > 0", name="edition_positive"),
        CheckConstraint("edition IS NULL OR series_id IS NOT NULL", name="edition_needs_series"),
        CheckConstraint("agreed_actions_reported IS NULL OR agreed_actions_reported >= 0", name="actions_count_non_negative"),
        # Date filters compare the span; with the visibility columns a count reads only the
        # index, and with start_date a page in list order is sorted from it too (migration 0004).
        Index("ix_engagement_span", "earliest_date", "latest_date", "deleted_at", "review_state", "start_date"),
        Index("ix_engagement_latest_date", "latest_date"),
        # Whether an engagement is visible, for the joins from its participations and actions,
        # read from a small index instead of the wide rows.
        # With start_date, a page of ids found elsewhere (a name, a word) is sorted from it too.
        Index("ix_engagement_visible", "id", "deleted_at", "review_state", "start_date"),
        # `country` is either side: one index per side (SQLite and PostgreSQL OR them), with type and date.
        Index("ix_engagement_country_a_type", "country_a", "type", "earliest_date"),
        Index("ix_engagement_country_b_type", "country_b", "type", "earliest_date"),
        # Dashboard counts per value of the visible engagements read one index (migration 0007).
        *(
            Index(name, *columns, "review_state", sqlite_where=text("deleted_at IS NULL"), postgresql_where=text("deleted_at IS NULL"))
            for name, columns in (
                ("ix_engagement_type", ("type",)),
                ("ix_engagement_mode", ("mode",)),
                ("ix_engagement_pair", ("country_a", "country_b")),
            )
        ),
        # Counts per place (migration 0008). `deleted_at` is a column too: without it SQLite does
        # not see the partial index as covering and reads every row through ix_engagement_location_id.
        Index(
            "ix_engagement_location_visible", "location_id", "review_state", "deleted_at",
            sqlite_where=text("deleted_at IS NULL"), postgresql_where=text("deleted_at IS NULL"),
        ),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    type: Mapped[EngagementType] = mapped_column(checked(EngagementType, "engagement_type"))
    status: Mapped[EngagementStatus] = mapped_column(
        checked(EngagementStatus, "engagement_status"), default=EngagementStatus.held
    )
    mode: Mapped[EngagementMode] = mapped_column(
        checked(EngagementMode, "engagement_mode"), default=EngagementMode.unknown
    )
    summary: Mapped[str | None] = mapped_column(Text)
    # The two sides, stored in alphabetical order so that a pair has one spelling.
    country_a: Mapped[str] = mapped_column(String(2))
    country_b: Mapped[str] = mapped_column(String(2))
    start_date: Mapped[date | None] = mapped_column(Date)
    start_precision: Mapped[DatePrecision] = mapped_column(
        checked(DatePrecision, "start_precision"), default=DatePrecision.unknown
    )
    end_date: Mapped[date | None] = mapped_column(Date)
    end_precision: Mapped[DatePrecision | None] = mapped_column(checked(DatePrecision, "end_precision"))
    # First and last calendar day the (partial) dates can cover; what date filters compare.
    earliest_date: Mapped[date | None] = mapped_column(Date)
    latest_date: Mapped[date | None] = mapped_column(Date)
    location_id: Mapped[int | None] = mapped_column(
        ForeignKey("location.id", ondelete="SET NULL"), index=True
    )
    series_id: Mapped[int | None] = mapped_column(ForeignKey("series.id", ondelete="SET NULL"), index=True)
    edition: Mapped[int | None]
    agreed_actions_reported: Mapped[int | None]

    location: Mapped[Location | None] = relationship(lazy="raise")
    series: Mapped[Series | None] = relationship(lazy="raise")
    participations: Mapped[list["Participation"]] = relationship(
        back_populates="engagement", lazy="raise", passive_deletes=True
    )
    agreed_actions: Mapped[list["AgreedAction"]] = relationship(
        back_populates="engagement", lazy="raise", passive_deletes=True
    )
