"""Response schemas for organizations."""

from app.schema_base import ReadSchema


class OrganizationRead(ReadSchema):
    id: int
    name: str
    acronym: str | None
    country_code: str | None
    parent_id: int | None
