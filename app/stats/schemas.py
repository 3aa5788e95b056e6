"""Rows of the dashboard aggregates: flat objects, so charting tools read them as tables."""

from pydantic import Field

from app.models.enums import ActionStatus, EngagementMode, EngagementType
from app.schema_base import ReadSchema


class YearCount(ReadSchema):
    year: int | None = Field(examples=[2025], description="Year of the start date; null when the date is unknown.")
    count: int = Field(examples=[3])


class MonthCount(ReadSchema):
    month: str = Field(examples=["2025-05"], description="YYYY-MM of the start date.")
    count: int = Field(examples=[2])


class TypeCount(ReadSchema):
    type: EngagementType
    count: int = Field(examples=[2])


class ModeCount(ReadSchema):
    mode: EngagementMode | None = Field(description="As on the engagement: `unknown` when no article says.")
    count: int = Field(examples=[3])


class CountryPairCount(ReadSchema):
    country_a: str = Field(examples=["PE"], description="One side (ISO 3166-1 alpha-2), alphabetically first.")
    country_b: str = Field(examples=["US"])
    count: int = Field(examples=[4])


class LocationCount(ReadSchema):
    location_id: int
    name: str = Field(examples=["Lima"])
    country_code: str | None = Field(examples=["PE"])
    latitude: float | None = Field(examples=[-12.04])
    longitude: float | None = Field(examples=[-77.03])
    count: int = Field(examples=[2])


class ActionStatusCount(ReadSchema):
    status: ActionStatus
    count: int = Field(examples=[10])


class ActionYearCount(ReadSchema):
    year: int | None = Field(examples=[2025], description="Start year of the engagements that agreed them.")
    count: int = Field(examples=[14], description="Agreed-action records.")
    reported: int = Field(examples=[45], description="Sum of the numbers articles reported (`agreed_actions_reported`).")


class ParticipantCount(ReadSchema):
    person_id: int
    name: str = Field(examples=["Walter Astudillo"])
    country_code: str | None = Field(examples=["PE"])
    engagement_count: int = Field(examples=[2])
