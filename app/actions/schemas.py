"""Schemas for agreed-to-actions: what reads show and the bodies of writes."""

from typing import Self

from pydantic import Field, field_validator, model_validator

from app.curation.schemas import CurationRead, WriteSchema, not_null
from app.export.columns import Columns
from app.models.enums import ActionStatus, DatePrecision
from app.schema_base import JsonId, as_partial_iso


class AgreedActionRead(CurationRead):
    id: int
    engagement_id: int
    description: str = Field(examples=["Leadership development"])
    topic: str | None = Field(examples=["professional military education"])
    status: ActionStatus
    horizon: str | None = Field(examples=["through 2029"])
    target_precision: DatePrecision | None
    target_date: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD, as precise as known.")

    _target = field_validator("target_date", mode="before")(as_partial_iso("target_precision"))


AGREED_ACTION_COLUMNS = Columns(
    id="id",
    engagement_id="engagement_id",
    description="description",
    topic="topic",
    status="status",
    horizon="horizon",
    target_date="target_date",
    target_precision="target_precision",
    origin="origin",
    review_state="review_state",
    version="version",
)


class AgreedActionChanges(WriteSchema):
    """Fields a person may set on an agreed action; all optional for PATCH (the engagement is fixed)."""

    multiline = frozenset({"description"})  # free text: line breaks allowed

    description: str | None = Field(default=None, min_length=1, max_length=5_000, examples=["Expand NCO exchanges"], json_schema_extra=not_null)
    topic: str | None = Field(default=None, max_length=200, examples=["NCO development"])
    status: ActionStatus | None = Field(default=None, examples=["in_progress"], json_schema_extra=not_null)
    horizon: str | None = Field(default=None, max_length=100, examples=["through 2029"])
    target_date: str | None = Field(default=None, max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD: the format is the precision.", examples=["2029"])

    @model_validator(mode="after")
    def required_fields_not_null(self) -> Self:
        for name in ("description", "status"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class AgreedActionCreate(AgreedActionChanges):
    engagement_id: JsonId = Field(description="The engagement that agreed it.")
    description: str = Field(min_length=1, max_length=5_000, examples=["Expand NCO exchanges"])  # type: ignore[assignment]
    status: ActionStatus = Field(default=ActionStatus.agreed, examples=["agreed"])  # type: ignore[assignment]
