"""Records the extractor returns: plain dataclasses, no database, no HTTP.

Every mention carries the spans of text that support it (`evidence`), the name of the
rule that produced it (`rule`) and a confidence in [0, 1], so that a wrong answer can be
traced back to the rule that gave it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year", "unknown"]
EngagementType = Literal[
    "staff_talks", "meeting", "visit", "exercise", "training", "conference", "other"
]
EngagementMode = Literal["in_person", "virtual", "hybrid", "unknown"]
EngagementStatus = Literal["held", "planned", "postponed", "cancelled"]
LocationKind = Literal["city", "installation", "building", "virtual", "region", "country"]
ParticipantRole = Literal["head_of_delegation", "speaker", "attendee", "host", "other"]
ActionStatus = Literal[
    "agreed", "in_progress", "completed", "postponed", "rescheduled", "cancelled"
]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) in the document's text."""

    start: int
    end: int

    def quote(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A calendar date known only as precisely as the text says.

    `value` holds the first day of the period (2020 -> 2020-01-01, May 2025 -> 2025-05-01).
    """

    value: date | None
    precision: Precision

    @classmethod
    def unknown(cls) -> PartialDate:
        return cls(None, "unknown")

    def iso(self) -> str | None:
        """`YYYY-MM-DD`, `YYYY-MM`, `YYYY` or None, exactly as precise as known."""
        if self.value is None or self.precision == "unknown":
            return None
        if self.precision == "year":
            return f"{self.value.year:04d}"
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()

    def first_day(self) -> date | None:
        return self.value if self.precision != "unknown" else None

    def last_day(self) -> date | None:
        """The last calendar day the period covers."""
        if self.value is None or self.precision == "unknown":
            return None
        if self.precision == "year":
            return date(self.value.year, 12, 31)
        if self.precision == "month":
            last = calendar.monthrange(self.value.year, self.value.month)[1]
            return date(self.value.year, self.value.month, last)
        return self.value


@dataclass(slots=True)
class LocationMention:
    name: str
    kind: LocationKind
    country: str | None  # ISO 3166-1 alpha-2
    latitude: float | None = None
    longitude: float | None = None
    evidence: list[Span] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.5


@dataclass(slots=True)
class OrganizationMention:
    name: str
    acronym: str | None = None
    country: str | None = None
    parent: str | None = None


@dataclass(slots=True)
class ParticipantMention:
    name: str  # without rank or title
    rank: str | None = None
    title: str | None = None
    organization: OrganizationMention | None = None
    country: str | None = None
    role: ParticipantRole = "attendee"
    evidence: list[Span] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.5


@dataclass(slots=True)
class AgreedActionMention:
    description: str
    topic: str | None = None
    status: ActionStatus = "agreed"
    horizon: str | None = None  # as written: "through 2029"
    target: PartialDate | None = None
    evidence: list[Span] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.5
    # True when the text reports the fate of actions agreed at an earlier edition
    # (e.g. "the agreed-to-actions from 2020 were postponed"): context, not new actions.
    from_previous_engagement: bool = False


@dataclass(slots=True)
class DataQualityNote:
    """A contradiction or doubt the extractor noticed inside one document."""

    code: str  # snake_case, stable
    message: str
    evidence: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class EngagementMention:
    title: str
    type: EngagementType
    countries: tuple[str, str]
    start: PartialDate
    end: PartialDate | None = None  # None for a one-day (or single-period) event
    status: EngagementStatus = "held"
    mode: EngagementMode = "unknown"
    location: LocationMention | None = None
    series: str | None = None
    edition: int | None = None
    agreed_actions_reported: int | None = None
    summary: str | None = None
    participants: list[ParticipantMention] = field(default_factory=list)
    agreed_actions: list[AgreedActionMention] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.5


@dataclass(slots=True)
class DocumentFacts:
    title: str | None = None
    published: PartialDate | None = None
    dateline: LocationMention | None = None
    bylines: list[str] = field(default_factory=list)  # authors/photographers: never participants
    evidence: list[Span] = field(default_factory=list)
    # The year the article was written in, when only clear context gives it (no stated date).
    context_year: int | None = None
    context_year_rule: str | None = None
    context_year_evidence: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class DateMention:
    """A date or date range as written, resolved as precisely as the text supports."""

    start: PartialDate
    end: PartialDate | None = None
    evidence: list[Span] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.5


@dataclass(slots=True)
class CountryMention:
    code: str  # ISO 3166-1 alpha-2
    surface: str
    kind: Literal["name", "demonym", "abbreviation", "organization"] = "name"
    evidence: list[Span] = field(default_factory=list)
    rule: str = ""
    confidence: float = 0.5


@dataclass(slots=True)
class ExtractionResult:
    document: DocumentFacts
    engagements: list[EngagementMention] = field(default_factory=list)
    notes: list[DataQualityNote] = field(default_factory=list)
