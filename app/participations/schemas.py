"""Schemas for participations: one person's part in one engagement, and the bodies of its writes."""

from typing import Annotated, Self

from pydantic import Field, model_validator

from app.curation.schemas import CurationRead, HideDeleted, WriteSchema
from app.engagements.schemas import PersonBrief
from app.models.enums import ParticipantRole
from app.organizations.schemas import OrganizationRead

_ID = {"ge": 1, "le": 2**31 - 1}


class ParticipationRead(CurationRead):
    id: int
    engagement_id: int
    person: PersonBrief
    organization: Annotated[OrganizationRead | None, HideDeleted]
    rank: str | None = Field(examples=["Maj. Gen."], description="Rank as of this engagement.")
    title: str | None = Field(examples=["chief of the Army General Staff"], description="Title as of this engagement.")
    role: ParticipantRole
    country_code: str | None = Field(examples=["PE"], description="The side the person stood for.")


class ParticipationChanges(WriteSchema):
    """What a person may correct on a participation; who and which engagement stay fixed."""

    organization_id: int | None = Field(default=None, **_ID)  # type: ignore[arg-type]
    rank: str | None = Field(default=None, min_length=1, max_length=80, examples=["Maj. Gen."])
    title: str | None = Field(default=None, min_length=1, max_length=300, examples=["chief of the Army General Staff"])
    role: ParticipantRole | None = None
    country_code: str | None = Field(default=None, min_length=2, max_length=60, description="ISO 3166-1 code or English name.", examples=["PE"])

    @model_validator(mode="after")
    def role_not_null(self) -> Self:
        if "role" in self.model_fields_set and self.role is None:
            raise ValueError("role cannot be null")
        return self


class ParticipationCreate(ParticipationChanges):
    engagement_id: int = Field(**_ID)  # type: ignore[arg-type]
    person_id: int = Field(**_ID)  # type: ignore[arg-type]
    role: ParticipantRole = Field(default=ParticipantRole.attendee)  # type: ignore[assignment]
