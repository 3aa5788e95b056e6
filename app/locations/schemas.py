"""Schemas for locations: what reads show and the bodies of writes."""

from typing import Self

from pydantic import Field, model_validator

from app.curation.schemas import CurationRead, WriteSchema
from app.models.enums import LocationKind


class LocationRead(CurationRead):
    id: int
    name: str = Field(examples=["Lima"])
    kind: LocationKind
    country_code: str | None = Field(examples=["PE"])
    latitude: float | None = Field(examples=[-12.0432])
    longitude: float | None = Field(examples=[-77.0282])


class LocationListItem(LocationRead):
    engagement_count: int = Field(description="Engagements held at this location.")


class LocationChanges(WriteSchema):
    """Fields a person may set on a location; all optional for PATCH."""

    name: str | None = Field(default=None, min_length=1, max_length=200, examples=["Fort Bonifacio"])
    kind: LocationKind | None = Field(default=None, examples=["installation"])
    country_code: str | None = Field(default=None, min_length=2, max_length=60, description="ISO 3166-1 code or English name.", examples=["PH"])
    latitude: float | None = Field(default=None, ge=-90, le=90, allow_inf_nan=False, description="Set together with longitude.", examples=[14.5396])
    longitude: float | None = Field(default=None, ge=-180, le=180, allow_inf_nan=False, description="Set together with latitude.", examples=[121.0476])

    @model_validator(mode="after")
    def required_fields_not_null(self) -> Self:
        for name in ("name", "kind"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class LocationCreate(LocationChanges):
    name: str = Field(min_length=1, max_length=200, examples=["Fort Bonifacio"])  # type: ignore[assignment]
    kind: LocationKind = Field(examples=["installation"])  # type: ignore[assignment]
