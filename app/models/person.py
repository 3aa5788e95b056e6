"""Officials, their organizations, and the part each played in an engagement."""

from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import NEVER_REUSE_IDS, Base, TimestampMixin
from app.models.curation import Curated
from app.models.enums import ParticipantRole, checked

if TYPE_CHECKING:
    from app.models.engagement import Engagement


class Organization(Curated, TimestampMixin, Base):
    __tablename__ = "organization"
    __table_args__ = (
        UniqueConstraint("name_key", "country_code"),
        CheckConstraint("country_code IS NULL OR length(country_code) = 2", name="country_code_alpha2"),
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    acronym: Mapped[str | None] = mapped_column(String(40), index=True)
    country_code: Mapped[str | None] = mapped_column(String(2))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    # Set when a person merged this record into another: the loader follows it.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))

    parent: Mapped["Organization | None"] = relationship(remote_side=[id], foreign_keys=[parent_id], lazy="raise")


class Person(Curated, TimestampMixin, Base):
    __tablename__ = "person"
    __table_args__ = (
        UniqueConstraint("name_key", "country_code"),
        CheckConstraint("country_code IS NULL OR length(country_code) = 2", name="country_code_alpha2"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Lower-case ASCII fold of the name: accent- and case-insensitive search on both databases.
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    # Set when a person merged this record into another: the loader follows it.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))

    participations: Mapped[list["Participation"]] = relationship(
        back_populates="person", lazy="raise"
    )


class Participation(Curated, TimestampMixin, Base):
    """A person's part in one engagement, with rank and title as of that engagement."""

    __tablename__ = "participation"
    __table_args__ = (
        UniqueConstraint("engagement_id", "person_id"),
        CheckConstraint("country_code IS NULL OR length(country_code) = 2", name="country_code_alpha2"),
        # A person's engagements, and counts of visible participations, without reading the rows.
        Index("ix_participation_person_engagement", "person_id", "engagement_id", "deleted_at", "review_state"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    rank: Mapped[str | None] = mapped_column(String(80))
    title: Mapped[str | None] = mapped_column(String(300))
    role: Mapped[ParticipantRole] = mapped_column(
        checked(ParticipantRole, "participant_role"), default=ParticipantRole.attendee
    )
    country_code: Mapped[str | None] = mapped_column(String(2))

    person: Mapped[Person] = relationship(back_populates="participations", lazy="raise")
    organization: Mapped[Organization | None] = relationship(lazy="raise")
    engagement: Mapped["Engagement"] = relationship(back_populates="participations", lazy="raise")
