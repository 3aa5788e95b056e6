"""API keys: only a hash is stored; the key itself is shown once, when it is created."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import NEVER_REUSE_IDS, Base, TimestampMixin, UtcDateTime
from app.models.enums import Role, checked


class ApiKey(TimestampMixin, Base):
    __tablename__ = "api_key"
    __table_args__ = (NEVER_REUSE_IDS,)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[Role] = mapped_column(checked(Role, "role"))
    # SHA-256 of the key: keys are 256 random bits, so a slow password hash adds nothing.
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters, so a person can tell keys apart in `keys list`.
    key_prefix: Mapped[str] = mapped_column(String(16))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
