"""Source articles, and the spans of their text that support each extracted fact."""

from datetime import date

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import NEVER_REUSE_IDS, Base, TimestampMixin

# An evidence row supports exactly one fact: these are the columns that can name it.
EVIDENCE_TARGETS = (
    "engagement_id",
    "participation_id",
    "location_id",
    "agreed_action_id",
    "data_quality_warning_id",
)
_ONE_TARGET = " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in EVIDENCE_TARGETS) + " = 1"


class Document(TimestampMixin, Base):
    __tablename__ = "document"
    __table_args__ = (NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Where the text came from (a file name or URL): what identifies a document across loads.
    source_ref: Mapped[str] = mapped_column(String(500), unique=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str | None] = mapped_column(String(500))
    publisher: Mapped[str | None] = mapped_column(String(200))
    published_date: Mapped[date | None] = mapped_column(Date, index=True)
    text: Mapped[str] = mapped_column(Text)

    evidence: Mapped[list["Evidence"]] = relationship(
        back_populates="document", lazy="raise", passive_deletes=True
    )


class Evidence(TimestampMixin, Base):
    """A span [char_start, char_end) of a document that supports one fact."""

    __tablename__ = "evidence"
    __table_args__ = (
        CheckConstraint("char_start >= 0 AND char_end > char_start", name="span_ordered"),
        CheckConstraint(_ONE_TARGET, name="exactly_one_target"),
        CheckConstraint("confidence IS NULL OR (confidence >= 0 AND confidence <= 1)", name="confidence_range"),
        # Each target's index holds only the rows that name it (migration 0006): a full one is
        # mostly NULL keys, which SQLite's statistics then count as useless.
        *(
            Index(f"ix_evidence_{target}", target, sqlite_where=text(f"{target} IS NOT NULL"), postgresql_where=text(f"{target} IS NOT NULL"))
            for target in EVIDENCE_TARGETS
        ),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
    char_start: Mapped[int]
    char_end: Mapped[int]
    quote: Mapped[str] = mapped_column(Text)
    # The rule of the extractor that produced the fact, so a wrong answer can be explained.
    rule: Mapped[str | None] = mapped_column(String(100))
    confidence: Mapped[float | None] = mapped_column(Float)
    engagement_id: Mapped[int | None] = mapped_column(ForeignKey("engagement.id", ondelete="CASCADE"))
    participation_id: Mapped[int | None] = mapped_column(ForeignKey("participation.id", ondelete="CASCADE"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id", ondelete="CASCADE"))
    agreed_action_id: Mapped[int | None] = mapped_column(ForeignKey("agreed_action.id", ondelete="CASCADE"))
    data_quality_warning_id: Mapped[int | None] = mapped_column(ForeignKey("data_quality_warning.id", ondelete="CASCADE"))

    document: Mapped[Document] = relationship(back_populates="evidence", lazy="raise")
