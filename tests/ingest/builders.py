"""Hand-built extraction records for deterministic ingest tests (no extractor involved)."""

from datetime import date
from typing import Any

from app.extraction.records import (
    AgreedActionMention,
    DocumentFacts,
    EngagementMention,
    ExtractionResult,
    LocationMention,
    OrganizationMention,
    PartialDate,
    ParticipantMention,
    Span,
)


def span(text: str, quote: str) -> Span:
    """The span of the first occurrence of `quote` in `text` (which must contain it)."""
    start = text.index(quote)
    return Span(start, start + len(quote))


def day(year: int, month: int, dd: int) -> PartialDate:
    return PartialDate(date(year, month, dd), "day")


def participant(text: str, name: str, **overrides: Any) -> ParticipantMention:
    values: dict[str, Any] = {"country": "US", "rule": "test.person", "confidence": 0.9}
    values.update(overrides)
    return ParticipantMention(name=name, evidence=[span(text, name.split()[-1])], **values)


def engagement(text: str, quote: str, **overrides: Any) -> EngagementMention:
    values: dict[str, Any] = {
        "title": "U.S.-Peru Army Staff Talks",
        "type": "staff_talks",
        "countries": ("US", "PE"),
        "start": day(2025, 5, 5),
        "rule": "test.engagement",
        "confidence": 0.8,
    }
    values.update(overrides)
    return EngagementMention(evidence=[span(text, quote)], **values)


def lima(text: str) -> LocationMention:
    return LocationMention(name="Lima", kind="city", country="PE", evidence=[span(text, "Lima")], rule="test.place")


def result(*engagements: EngagementMention, published: PartialDate | None = None, title: str | None = None) -> ExtractionResult:
    return ExtractionResult(document=DocumentFacts(title=title, published=published), engagements=list(engagements))


def army_south(acronym: str | None = None, name: str = "U.S. Army South") -> OrganizationMention:
    return OrganizationMention(name=name, acronym=acronym, country="US")


def action(text: str, description: str) -> AgreedActionMention:
    return AgreedActionMention(description=description, evidence=[span(text, description)], rule="test.action")


class FakeExtractor:
    """`extract` for seed_paths: returns the hand-built result registered for a text."""

    def __init__(self, results: dict[str, ExtractionResult]) -> None:
        self.results = results
        self.calls = 0

    def __call__(self, text: str) -> ExtractionResult:
        self.calls += 1
        return self.results[text]
