"""The per-document object of the extraction contract (`docs/extract-json.md`).

Only the contract's keys carry the contract's meanings; extra keys (status, series,
edition, confidence, rule, role, agreed_actions, notes) are allowed by it.
"""

from __future__ import annotations

from typing import Any

from app.extraction.records import (
    AgreedActionMention,
    EngagementMention,
    ExtractionResult,
    LocationMention,
    ParticipantMention,
    Span,
)


def _spans(spans: list[Span]) -> list[dict[str, int]]:
    unique = sorted({(s.start, s.end) for s in spans})
    return [{"start": start, "end": end} for start, end in unique]


def _location(location: LocationMention | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return {
        "name": location.name, "country": location.country, "kind": location.kind,
        "latitude": location.latitude, "longitude": location.longitude,
    }


def _participant(person: ParticipantMention) -> dict[str, Any]:
    return {
        "name": person.name,
        "rank": person.rank,
        "title": person.title,
        "organization": person.organization.name if person.organization else None,
        "country": person.country,
        "role": person.role,
        "confidence": person.confidence,
        "evidence": _spans(person.evidence),
    }


def _action(action: AgreedActionMention) -> dict[str, Any]:
    return {
        "description": action.description, "topic": action.topic, "status": action.status,
        "horizon": action.horizon, "target": action.target.iso() if action.target else None,
        "from_previous_engagement": action.from_previous_engagement,
        "evidence": _spans(action.evidence), "rule": action.rule,
    }


def _engagement(engagement: EngagementMention) -> dict[str, Any]:
    return {
        "title": engagement.title,
        "type": engagement.type,
        "start_date": engagement.start.iso(),
        "end_date": engagement.end.iso() if engagement.end else None,
        "mode": None if engagement.mode == "unknown" else engagement.mode,
        "location": _location(engagement.location),
        "countries": list(engagement.countries),
        "participants": [_participant(p) for p in engagement.participants],
        "agreed_actions_reported": engagement.agreed_actions_reported,
        "evidence": _spans(engagement.evidence),
        "status": engagement.status,
        "series": engagement.series,
        "edition": engagement.edition,
        "confidence": engagement.confidence,
        "rule": engagement.rule,
        "date_precision": engagement.start.precision,
        "agreed_actions": [_action(a) for a in engagement.agreed_actions],
    }


def to_contract_document(file_name: str, text: str, result: ExtractionResult) -> dict[str, Any]:
    """One entry of the contract's `documents` list (without an "error" key)."""
    facts = result.document
    return {
        "file": file_name,
        "published": facts.published.iso() if facts.published else None,
        "title": facts.title,
        "dateline": _location(facts.dateline),
        "bylines": list(facts.bylines),
        "characters": len(text),
        "engagements": [_engagement(e) for e in result.engagements],
        "notes": [{"code": n.code, "message": n.message, "evidence": _spans(n.evidence)} for n in result.notes],
    }
