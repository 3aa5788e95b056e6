"""Schemas for participants (the officials who took part in engagements) and the bodies of their writes."""

from typing import Annotated, Self

from pydantic import Field, model_validator

from app.curation.schemas import CurationRead, HideDeleted, WriteSchema, not_null
from app.engagements.schemas import EngagementSummary
from app.export.columns import Columns
from app.models.enums import ParticipantRole
from app.organizations.schemas import OrganizationRead
from app.schema_base import ReadSchema


class PersonRead(CurationRead):
    id: int
    name: str = Field(examples=["Walter Astudillo"])
    country_code: str | None = Field(examples=["PE"])


class ParticipantRead(PersonRead):
    engagement_count: int = Field(description="Engagements this person took part in.")


PARTICIPANT_COLUMNS = Columns(
    id="id",
    name="name",
    country_code="country_code",
    engagement_count="engagement_count",
    origin="origin",
    review_state="review_state",
    version="version",
)


class ParticipantEngagementRead(ReadSchema):
    """One engagement of the person, with the rank and title held at that time."""

    participation_id: int = Field(validation_alias="id", description="Change rank or title at /participations/{participation_id}.")
    engagement: EngagementSummary
    rank: str | None = Field(examples=["Maj. Gen."])
    title: str | None = Field(examples=["Minister of Defense"])
    organization: Annotated[OrganizationRead | None, HideDeleted]
    role: ParticipantRole


class ParticipantDetail(ParticipantRead):
    engagements: list[ParticipantEngagementRead]


class ParticipantChanges(WriteSchema):
    """Fields a person may set on a participant; ranks and titles belong to each participation."""

    name: str | None = Field(default=None, min_length=1, max_length=200, examples=["Walter Astudillo"], json_schema_extra=not_null)
    country_code: str | None = Field(default=None, min_length=2, max_length=60, description="ISO 3166-1 code or English name.", examples=["PE"])

    @model_validator(mode="after")
    def name_not_null(self) -> Self:
        if "name" in self.model_fields_set and self.name is None:
            raise ValueError("name cannot be null")
        return self


class ParticipantCreate(ParticipantChanges):
    name: str = Field(min_length=1, max_length=200, examples=["Walter Astudillo"])  # type: ignore[assignment]
