"""Response schema of the audit log."""

from datetime import datetime
from typing import Any

from pydantic import Field

from app.export.columns import Columns
from app.schema_base import ReadSchema


class AuditEntryRead(ReadSchema):
    id: int
    at: datetime
    actor: str = Field(description="The name of the API key that wrote, or `command-line`.", examples=["desk-officer-1"])
    action: str = Field(examples=["update"], description="create, update, delete, restore, review:<decision>, merge, ingest, revoke.")
    record_type: str = Field(examples=["engagement"])
    record_id: int
    before: dict[str, Any] | None = Field(description="The record before the write (null for a creation).")
    after: dict[str, Any] | None = Field(description="The record after the write.")


# before and after are whole records: a CSV cell holds each as JSON text.
AUDIT_COLUMNS = Columns(
    id="id",
    at="at",
    actor="actor",
    action="action",
    record_type="record_type",
    record_id="record_id",
    before="before",
    after="after",
)
