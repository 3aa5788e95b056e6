"""Response schemas for locations."""

from pydantic import Field

from app.models.enums import LocationKind
from app.schema_base import ReadSchema


class LocationRead(ReadSchema):
    id: int
    name: str = Field(examples=["Lima"])
    kind: LocationKind
    country_code: str | None = Field(examples=["PE"])
    latitude: float | None = Field(examples=[-12.0432])
    longitude: float | None = Field(examples=[-77.0282])


class LocationListItem(LocationRead):
    engagement_count: int = Field(description="Engagements held at this location.")
