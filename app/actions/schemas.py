"""Response schemas for agreed-to-actions."""

from pydantic import Field, field_validator

from app.models.enums import ActionStatus, DatePrecision
from app.schema_base import ReadSchema, as_partial_iso


class AgreedActionRead(ReadSchema):
    id: int
    engagement_id: int
    description: str = Field(examples=["Leadership development"])
    topic: str | None = Field(examples=["professional military education"])
    status: ActionStatus
    horizon: str | None = Field(examples=["through 2029"])
    target_precision: DatePrecision | None
    target_date: str | None = Field(description="YYYY, YYYY-MM or YYYY-MM-DD, as precise as known.")

    _target = field_validator("target_date", mode="before")(as_partial_iso("target_precision"))
