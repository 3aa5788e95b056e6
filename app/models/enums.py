"""The closed vocabularies of the domain, stored as checked strings on both databases."""

from enum import StrEnum

from sqlalchemy import Enum


class EngagementType(StrEnum):
    staff_talks = "staff_talks"
    meeting = "meeting"
    visit = "visit"
    exercise = "exercise"
    training = "training"
    conference = "conference"
    other = "other"


class DatePrecision(StrEnum):
    day = "day"
    month = "month"
    year = "year"
    unknown = "unknown"


class EngagementMode(StrEnum):
    in_person = "in_person"
    virtual = "virtual"
    hybrid = "hybrid"
    unknown = "unknown"


class EngagementStatus(StrEnum):
    held = "held"
    planned = "planned"
    postponed = "postponed"
    cancelled = "cancelled"


class LocationKind(StrEnum):
    city = "city"
    installation = "installation"
    building = "building"
    virtual = "virtual"
    region = "region"
    country = "country"


class ParticipantRole(StrEnum):
    head_of_delegation = "head_of_delegation"
    speaker = "speaker"
    attendee = "attendee"
    host = "host"
    other = "other"


class ActionStatus(StrEnum):
    agreed = "agreed"
    in_progress = "in_progress"
    completed = "completed"
    postponed = "postponed"
    rescheduled = "rescheduled"
    cancelled = "cancelled"


def checked(enum_class: type[StrEnum], name: str) -> Enum:
    """A VARCHAR with a named CHECK constraint: no native ENUM type to migrate on PostgreSQL."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Origin(StrEnum):
    """Who stated a record first: the extractor, or a person through the API."""

    extracted = "extracted"
    manual = "manual"


class ReviewState(StrEnum):
    pending = "pending"
    accepted = "accepted"
    corrected = "corrected"
    rejected = "rejected"


class Role(StrEnum):
    """What an API key may do; each role may do everything the roles before it may."""

    reader = "reader"
    editor = "editor"
    admin = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)
