"""What must (and must not) come out of each seed document (US-Peru, messy on purpose)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.extraction.pipeline import extract
from app.extraction.records import EngagementMention, ExtractionResult

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "documents"


def _result(prefix: str) -> tuple[str, ExtractionResult]:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    return text, extract(text)


def _only(result: ExtractionResult) -> EngagementMention:
    assert len(result.engagements) == 1, [e.title for e in result.engagements]
    return result.engagements[0]


def _people(engagement: EngagementMention) -> dict[str, object]:
    return {p.name: p for p in engagement.participants}


def test_000_virtual_staff_talks_with_inferred_year() -> None:
    text, result = _result("000")
    engagement = _only(result)
    assert engagement.type == "staff_talks"
    assert set(engagement.countries) == {"US", "PE"}
    assert engagement.mode == "virtual" and engagement.location is None
    assert engagement.edition == 6
    assert engagement.start.iso() == "2021-05-20" and engagement.start.precision == "day"
    assert "year_from_context" in (result.document.context_year_rule or "") or result.document.context_year == 2021
    assert engagement.end is None
    assert result.document.published is None
    people = _people(engagement)
    assert people["Daniel R. Walrath"].country == "US"  # type: ignore[attr-defined]
    assert people["José Vizcarra Álvarez"].country == "PE"  # type: ignore[attr-defined]
    # the previous edition in Lima is context, not this engagement's place
    assert engagement.location is None
    previous = [a for a in engagement.agreed_actions if a.from_previous_engagement]
    assert {"postponed", "rescheduled", "cancelled"} <= {a.status for a in previous}
    assert engagement.agreed_actions_reported is None


def test_001_lima_staff_talks() -> None:
    text, result = _result("001")
    assert result.document.published is not None and result.document.published.iso() == "2025-05-12"
    assert result.document.dateline is not None and result.document.dateline.name == "Fort Sam Houston"
    assert "ShaTyra Reed-Cox" in result.document.bylines
    engagement = _only(result)
    assert engagement.type == "staff_talks"
    assert engagement.location is not None and engagement.location.name == "Lima" and engagement.location.country == "PE"
    assert engagement.mode == "in_person"
    assert (engagement.start.iso(), engagement.end.iso() if engagement.end else None) == ("2025-05-05", "2025-05-09")
    assert engagement.edition == 11
    assert engagement.agreed_actions_reported == 45
    assert any(a.horizon == "through 2029" for a in engagement.agreed_actions)
    people = _people(engagement)
    assert {"Phil Ryan", "Guillermo Velez", "Vitorio Bossio", "Victor Bezada"} <= set(people)
    ryan = people["Phil Ryan"]
    assert (ryan.rank, ryan.title, ryan.organization.name, ryan.country) == (  # type: ignore[attr-defined]
        "Maj. Gen.", "commanding general", "USARSOUTH", "US")
    assert people["Vitorio Bossio"].country == "PE"  # type: ignore[attr-defined]
    assert not any("Reed-Cox" in name for name in people)


def test_002_pentagon_meeting_without_invented_date() -> None:
    text, result = _result("002")
    engagement = _only(result)
    assert engagement.type == "meeting"
    assert set(engagement.countries) == {"US", "PE"}
    assert engagement.location is not None and engagement.location.country == "US"
    assert "Pentagon" in engagement.location.name
    assert engagement.start.iso() is None  # "Monday" with no article date: unknown, never invented
    people = _people(engagement)
    assert {"Pete Hegseth", "Walter Astudillo", "Elmer Schialer"} <= set(people)
    assert people["Walter Astudillo"].title == "Minister of Defense"  # type: ignore[attr-defined]
    assert people["Walter Astudillo"].country == "PE"  # type: ignore[attr-defined]
    assert "Sean Parnell" not in people


def test_003_background_piece_has_no_engagement() -> None:
    _, result = _result("003")
    assert result.engagements == []


def test_004_planned_visit_to_miami() -> None:
    _, result = _result("004")
    engagement = _only(result)
    assert engagement.type == "visit" and engagement.status == "planned"
    assert engagement.location is not None and (engagement.location.name, engagement.location.country) == ("Miami", "US")
    assert (engagement.start.iso(), engagement.end.iso() if engagement.end else None) == ("2024-06-02", "2024-06-04")
    people = _people(engagement)
    assert "Walter Astudillo" in people and people["Walter Astudillo"].country == "PE"  # type: ignore[attr-defined]
    for outsider in ("Dina Boluarte", "Gustavo Adrianzn", "José Arista Arbildo", "Nimrah Khatoon"):
        assert outsider not in people


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_span_points_into_the_original_text(prefix: str) -> None:
    text, result = _result(prefix)
    spans = list(result.document.evidence)
    for engagement in result.engagements:
        spans += engagement.evidence
        spans += [s for p in engagement.participants for s in p.evidence]
        spans += [s for a in engagement.agreed_actions for s in a.evidence]
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
