"""Data-quality warnings: contradictions between or inside documents, kept, not hidden."""

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import NEVER_REUSE_IDS, Base, TimestampMixin


class DataQualityWarning(TimestampMixin, Base):
    __tablename__ = "data_quality_warning"
    __table_args__ = (NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80), index=True)
    message: Mapped[str] = mapped_column(Text)
    engagement_id: Mapped[int | None] = mapped_column(
        ForeignKey("engagement.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), index=True)
