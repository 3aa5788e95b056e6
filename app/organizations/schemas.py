"""Schemas for organizations: the brief form other records nest, the full read, and the bodies of writes."""

from typing import Self

from pydantic import Field, model_validator

from app.curation.schemas import CurationRead, WriteSchema, not_null
from app.export.columns import Columns
from app.schema_base import JsonId, ReadSchema


class OrganizationRead(ReadSchema):
    id: int
    name: str
    acronym: str | None
    country_code: str | None
    parent_id: int | None


class OrganizationDetail(CurationRead):
    id: int
    name: str = Field(examples=["U.S. Army South"])
    acronym: str | None = Field(examples=["USARSOUTH"])
    country_code: str | None = Field(examples=["US"])
    parent_id: int | None = Field(description="The organization this one is part of.")


ORGANIZATION_COLUMNS = Columns(
    id="id",
    name="name",
    acronym="acronym",
    country_code="country_code",
    parent_id="parent_id",
    origin="origin",
    review_state="review_state",
    version="version",
)


class OrganizationChanges(WriteSchema):
    """Fields a person may set on an organization; all optional for PATCH."""

    name: str | None = Field(default=None, min_length=1, max_length=300, examples=["U.S. Army South"], json_schema_extra=not_null)
    acronym: str | None = Field(default=None, min_length=1, max_length=40, examples=["USARSOUTH"])
    country_code: str | None = Field(default=None, min_length=2, max_length=60, description="ISO 3166-1 code or English name.", examples=["US"])
    parent_id: JsonId | None = Field(default=None, description="The organization this one is part of.")

    @model_validator(mode="after")
    def name_not_null(self) -> Self:
        if "name" in self.model_fields_set and self.name is None:
            raise ValueError("name cannot be null")
        return self


class OrganizationCreate(OrganizationChanges):
    name: str = Field(min_length=1, max_length=300, examples=["U.S. Army South"])  # type: ignore[assignment]
