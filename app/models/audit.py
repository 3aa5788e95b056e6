"""The audit log: who changed what, when, with the record before and after."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import NEVER_REUSE_IDS, Base, UtcDateTime


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_record", "record_type", "record_id"), NEVER_REUSE_IDS)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now(), index=True)
    # The key's name (kept even if the key is later revoked), or "seed" for the command line.
    actor: Mapped[str] = mapped_column(String(100), index=True)
    api_key_id: Mapped[int | None] = mapped_column(ForeignKey("api_key.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(20), index=True)
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int]
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
