"""What every curatable record carries: a version for ETags, review state, the fields a person set, soft delete."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from app.models.base import UtcDateTime
from app.models.enums import Origin, ReviewState, checked


class Curated:
    # Incremented by SQLAlchemy on every UPDATE (`version_id_col`), which also adds
    # `WHERE version = <read version>`: a concurrent writer's update hits zero rows.
    version: Mapped[int] = mapped_column(server_default=text("1"))
    origin: Mapped[Origin] = mapped_column(
        checked(Origin, "origin"), default=Origin.extracted, server_default=Origin.extracted.value
    )
    review_state: Mapped[ReviewState] = mapped_column(
        checked(ReviewState, "review_state"), default=ReviewState.pending, server_default=ReviewState.pending.value, index=True
    )
    # Names of the fields a person set: the loader never writes them again.
    curated_fields: Mapped[list[str]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    # Not indexed: every read asks `deleted_at IS NULL`, true of nearly every row (migration 0003).
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_curated(self) -> bool:
        """Whether a person has touched the record: the loader must then keep it."""
        return (
            self.origin == Origin.manual
            or self.review_state != ReviewState.pending
            or bool(self.curated_fields)
            or self.deleted_at is not None
        )
