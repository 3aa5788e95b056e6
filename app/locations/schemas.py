"""Schemas for locations: what reads show and the bodies of writes."""

from typing import Self

from pydantic import Field, model_validator

from app.curation.schemas import CurationRead, WriteSchema, not_null
from app.export.columns import Columns
from app.models.enums import LocationKind
from app.schema_base import json_float


class LocationRead(CurationRead):
    id: int
    name: str = Field(examples=["Lima"])
    kind: LocationKind
    country_code: str | None = Field(examples=["PE"])
    latitude: float | None = Field(examples=[-12.0432])
    longitude: float | None = Field(examples=[-77.0282])


class LocationListItem(LocationRead):
    engagement_count: int = Field(description="Engagements held at this location.")


LOCATION_COLUMNS = Columns(
    id="id",
    name="name",
    kind="kind",
    country_code="country_code",
    latitude="latitude",
    longitude="longitude",
    engagement_count="engagement_count",
    origin="origin",
    review_state="review_state",
    version="version",
)


class LocationChanges(WriteSchema):
    """Fields a person may set on a location; all optional for PATCH."""

    name: str | None = Field(default=None, min_length=1, max_length=200, examples=["Fort Bonifacio"], json_schema_extra=not_null)
    kind: LocationKind | None = Field(default=None, examples=["installation"], json_schema_extra=not_null)
    country_code: str | None = Field(default=None, min_length=2, max_length=60, description="ISO 3166-1 code or English name.", examples=["PH"])
    latitude: json_float(-90, 90) | None = Field(default=None, description="Set together with longitude.", examples=[14.5396])
    longitude: json_float(-180, 180) | None = Field(default=None, description="Set together with latitude.", examples=[121.0476])

    @model_validator(mode="after")
    def required_fields_not_null(self) -> Self:
        for name in ("name", "kind"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class LocationCreate(LocationChanges):
    name: str = Field(min_length=1, max_length=200, examples=["Fort Bonifacio"])  # type: ignore[assignment]
    kind: LocationKind = Field(examples=["installation"])  # type: ignore[assignment]
