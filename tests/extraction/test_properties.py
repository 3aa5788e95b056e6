"""Property-based: the extractor never crashes, spans stay in the text, output is JSON."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.extraction.contract import to_contract_document
from app.extraction.pipeline import extract
from app.extraction.records import ExtractionResult, Span

_WORDS = st.sampled_from([
    "Maj. Gen.", "Lt. Col.", "Adm.", "Minister of Defense", "Secretary of Defense", "José", "Álvarez", "Walrath",
    "U.S.-Peru", "Peruvian", "Filipino", "staff talks", "met", "will visit", "exercise", "Exercise Balikatan",
    "conference", "Lima, Peru", "Miami, Florida", "the Pentagon", "Camp Aguinaldo", "May 5-9", "June 2-4, 2024",
    "Monday", "later this year", "45 agreed-to-actions", "through 2029", "virtually", "date 2025-05-12",
    "Date Posted: 05.12.2025", "By Sgt. John Doe", "MANILA, Philippines (March 3, 2024) –", "\n", "\n\n", ",", ".",
    "“", "”", "said", "the", "and", "previous", "Sixth Annual", "11th", "Dec. 30 - Jan. 3, 2025", "Feb. 30",
])
_DOCS = st.one_of(st.text(max_size=400), st.lists(_WORDS, max_size=60).map(" ".join))


def _spans(result: ExtractionResult) -> list[Span]:
    spans = list(result.document.evidence) + [s for n in result.notes for s in n.evidence]
    if result.document.dateline:
        spans += result.document.dateline.evidence
    for engagement in result.engagements:
        spans += engagement.evidence
        if engagement.location:
            spans += engagement.location.evidence
        spans += [s for p in engagement.participants for s in p.evidence]
        spans += [s for a in engagement.agreed_actions for s in a.evidence]
    return spans


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCS)
def test_never_crashes_and_spans_are_inside(text: str) -> None:
    result = extract(text)
    for span in _spans(result):
        assert 0 <= span.start < span.end <= len(text), (span, len(text))


@settings(max_examples=150, deadline=None)
@given(_DOCS)
def test_contract_output_is_json(text: str) -> None:
    document = to_contract_document("x.txt", text, extract(text))
    decoded = json.loads(json.dumps(document))
    assert decoded["file"] == "x.txt"
    for engagement in decoded["engagements"]:
        assert len(engagement["countries"]) == 2
        assert engagement["mode"] in (None, "in_person", "virtual", "hybrid")
        for span in engagement["evidence"]:
            assert 0 <= span["start"] < span["end"] <= len(text)
