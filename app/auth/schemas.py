"""Schemas for API keys: the plain key appears only in the response that creates it."""

from datetime import datetime

from pydantic import Field

from app.curation.schemas import WriteSchema
from app.models.enums import Role
from app.schema_base import ReadSchema


class ApiKeyCreate(WriteSchema):
    name: str = Field(min_length=1, max_length=100, pattern=r"^[\w.@-]+$", examples=["desk-officer-1"])
    role: Role = Field(examples=["editor"])


class ApiKeyRead(ReadSchema):
    id: int
    name: str
    role: Role
    key_prefix: str = Field(description="The key's first characters, to tell keys apart.")
    created_at: datetime
    revoked_at: datetime | None


class ApiKeyCreated(ApiKeyRead):
    key: str = Field(description="The key itself. Shown once: only its hash is stored.")
