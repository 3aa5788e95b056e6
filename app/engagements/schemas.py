"""Schemas for engagements: a summary for lists, everything for the detail, and the bodies of writes."""

from datetime import date
from typing import Annotated, Self

from pydantic import Field, field_validator, model_validator

from app.actions.schemas import AgreedActionRead
from app.curation.schemas import CurationRead, HideDeleted, WriteSchema, not_null
from app.documents.schemas import EvidenceRead, SourceRead
from app.export.columns import Columns
from app.locations.schemas import LocationRead
from app.models.enums import (
    DatePrecision,
    EngagementMode,
    EngagementStatus,
    EngagementType,
    ParticipantRole,
)
from app.organizations.schemas import OrganizationRead
from app.schema_base import JsonId, ReadSchema, as_partial_iso, json_int


class SeriesRead(ReadSchema):
    id: int
    name: str = Field(examples=["U.S.-Peru Army Staff Talks"])


class EngagementSummary(CurationRead):
    id: int
    title: str = Field(examples=["11th U.S.-Peru Army Staff Talks"])
    type: EngagementType
    status: EngagementStatus
    mode: EngagementMode
    country_a: str = Field(examples=["PE"], description="One side (ISO 3166-1 alpha-2); pairs are stored in alphabetical order.")
    country_b: str = Field(examples=["US"], description="The other side.")
    start_precision: DatePrecision
    start_date: str | None = Field(examples=["2025-05-05"], description="YYYY, YYYY-MM or YYYY-MM-DD: exactly as precise as known.")
    end_precision: DatePrecision | None
    end_date: str | None = Field(examples=["2025-05-09"], description="Null for a one-day event.")
    earliest_date: date | None = Field(description="First calendar day the dates can cover.")
    latest_date: date | None = Field(description="Last calendar day the dates can cover.")
    location: Annotated[LocationRead | None, HideDeleted]
    series: SeriesRead | None
    edition: int | None = Field(examples=[11])
    agreed_actions_reported: int | None = Field(examples=[45])

    _start = field_validator("start_date", mode="before")(as_partial_iso("start_precision"))
    _end = field_validator("end_date", mode="before")(as_partial_iso("end_precision"))


# The CSV columns (and GeoJSON properties) of every engagement list; the names are a contract.
ENGAGEMENT_COLUMNS = Columns(
    id="id",
    title="title",
    type="type",
    mode="mode",
    status="status",
    start_date="start_date",
    start_precision="start_precision",
    end_date="end_date",
    end_precision="end_precision",
    earliest_date="earliest_date",
    latest_date="latest_date",
    country_a="country_a",
    country_b="country_b",
    series="series.name",
    series_id="series.id",
    edition="edition",
    location="location.name",
    location_id="location.id",
    latitude="location.latitude",
    longitude="location.longitude",
    agreed_actions_reported="agreed_actions_reported",
    origin="origin",
    review_state="review_state",
    version="version",
)


class PersonBrief(ReadSchema):
    id: int
    name: str = Field(examples=["Phil Ryan"])
    country_code: str | None


class EngagementParticipantRead(ReadSchema):
    """A person's part in this engagement, with rank and title as of then."""

    participation_id: int = Field(validation_alias="id")
    person: PersonBrief
    rank: str | None = Field(examples=["Maj. Gen."])
    title: str | None = Field(examples=["commanding general"])
    organization: Annotated[OrganizationRead | None, HideDeleted]
    role: ParticipantRole
    country_code: str | None


class WarningRead(ReadSchema):
    id: int
    code: str = Field(examples=["edition_year_mismatch"])
    message: str
    engagement_id: int | None
    document_id: int | None
    evidence: list[EvidenceRead] = []


class EngagementDetail(EngagementSummary):
    summary: str | None
    participants: list[EngagementParticipantRead]
    agreed_actions: list[AgreedActionRead]
    sources: list[SourceRead]
    warnings: list[WarningRead]


class EngagementChanges(WriteSchema):
    """Fields a person may set on an engagement; all optional for PATCH."""

    multiline = frozenset({"summary"})  # free text: line breaks allowed

    title: str | None = Field(default=None, min_length=1, max_length=300, examples=["12th U.S.-Peru Army Staff Talks"], json_schema_extra=not_null)
    type: EngagementType | None = Field(default=None, json_schema_extra=not_null)
    status: EngagementStatus | None = Field(default=None, json_schema_extra=not_null)
    mode: EngagementMode | None = Field(default=None, json_schema_extra=not_null)
    summary: str | None = Field(default=None, max_length=20_000)
    countries: list[Annotated[str, Field(min_length=2, max_length=60)]] | None = Field(
        default=None, min_length=2, max_length=2, json_schema_extra=not_null, description="The two sides, as ISO 3166-1 codes or English names.", examples=[["US", "PE"]]
    )
    start_date: str | None = Field(default=None, max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD: the format is the precision.", examples=["2026-05"])
    end_date: str | None = Field(default=None, max_length=10, description="Same formats; null for a one-day event.", examples=[None])
    location_id: JsonId | None = None
    series_id: JsonId | None = None
    edition: json_int(1, 10_000) | None = Field(default=None, examples=[12])
    agreed_actions_reported: json_int(0, 100_000) | None = Field(default=None, examples=[45])

    @model_validator(mode="after")
    def required_fields_not_null(self) -> Self:
        for name in ("title", "type", "status", "mode", "countries"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class EngagementCreate(EngagementChanges):
    title: str = Field(min_length=1, max_length=300, examples=["12th U.S.-Peru Army Staff Talks"])  # type: ignore[assignment]
    type: EngagementType = Field(examples=["staff_talks"])  # type: ignore[assignment]
    countries: list[Annotated[str, Field(min_length=2, max_length=60)]] = Field(  # type: ignore[assignment]
        min_length=2, max_length=2, description="The two sides, as ISO 3166-1 codes or English names.", examples=[["US", "PE"]]
    )
