"""Response schemas for participants: the officials who took part in engagements."""

from pydantic import Field

from app.engagements.schemas import EngagementSummary
from app.models.enums import ParticipantRole
from app.organizations.schemas import OrganizationRead
from app.schema_base import ReadSchema


class ParticipantRead(ReadSchema):
    id: int
    name: str = Field(examples=["Walter Astudillo"])
    country_code: str | None = Field(examples=["PE"])
    engagement_count: int = Field(description="Engagements this person took part in.")


class ParticipantEngagementRead(ReadSchema):
    """One engagement of the person, with the rank and title held at that time."""

    engagement: EngagementSummary
    rank: str | None = Field(examples=["Maj. Gen."])
    title: str | None = Field(examples=["Minister of Defense"])
    organization: OrganizationRead | None
    role: ParticipantRole


class ParticipantDetail(ParticipantRead):
    engagements: list[ParticipantEngagementRead]
