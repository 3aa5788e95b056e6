"""Schemas for participations: one person's part in one engagement, and the bodies of its writes."""

from typing import Annotated, Self

from pydantic import Field, model_validator

from app.curation.schemas import CurationRead, HideDeleted, WriteSchema, not_null
from app.engagements.schemas import PersonBrief
from app.export.columns import Columns
from app.models.enums import ParticipantRole
from app.organizations.schemas import OrganizationRead
from app.schema_base import JsonId


class ParticipationRead(CurationRead):
    id: int
    engagement_id: int
    person: PersonBrief
    organization: Annotated[OrganizationRead | None, HideDeleted]
    rank: str | None = Field(examples=["Maj. Gen."], description="Rank as of this engagement.")
    title: str | None = Field(examples=["chief of the Army General Staff"], description="Title as of this engagement.")
    role: ParticipantRole
    country_code: str | None = Field(examples=["PE"], description="The side the person stood for.")


PARTICIPATION_COLUMNS = Columns(
    id="id",
    engagement_id="engagement_id",
    person_id="person.id",
    person="person.name",
    rank="rank",
    title="title",
    role="role",
    country_code="country_code",
    organization_id="organization.id",
    organization="organization.name",
    organization_acronym="organization.acronym",
    origin="origin",
    review_state="review_state",
    version="version",
)


class ParticipationChanges(WriteSchema):
    """What a person may correct on a participation; who and which engagement stay fixed."""

    organization_id: JsonId | None = None
    rank: str | None = Field(default=None, min_length=1, max_length=80, examples=["Maj. Gen."])
    title: str | None = Field(default=None, min_length=1, max_length=300, examples=["chief of the Army General Staff"])
    role: ParticipantRole | None = Field(default=None, json_schema_extra=not_null)
    country_code: str | None = Field(default=None, min_length=2, max_length=60, description="ISO 3166-1 code or English name.", examples=["PE"])

    @model_validator(mode="after")
    def role_not_null(self) -> Self:
        if "role" in self.model_fields_set and self.role is None:
            raise ValueError("role cannot be null")
        return self


class ParticipationCreate(ParticipationChanges):
    engagement_id: JsonId
    person_id: JsonId
    role: ParticipantRole = Field(default=ParticipantRole.attendee)  # type: ignore[assignment]
