"""Turning evidence rows into the shape readers see: which fact, which span, which source."""

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Row

from app.documents.schemas import DocumentBrief, EvidenceRead, FactType, SourceRead
from app.models import Evidence
from app.models.document import EVIDENCE_TARGETS

# An Evidence object, or a Core row of its columns (an engagement's detail reads rows).
EvidenceRow = Evidence | Row[Any]


def fact_of(evidence: EvidenceRow) -> tuple[FactType, int]:
    """The one fact an evidence row supports (the database guarantees there is exactly one)."""
    for column in EVIDENCE_TARGETS:
        fact_id = getattr(evidence, column)
        if fact_id is not None:
            return column.removesuffix("_id"), fact_id  # type: ignore[return-value]
    raise ValueError(f"evidence {evidence.id} supports no fact")


def evidence_read(evidence: EvidenceRow) -> EvidenceRead:
    fact_type, fact_id = fact_of(evidence)
    return EvidenceRead(
        id=evidence.id,
        document_id=evidence.document_id,
        start=evidence.char_start,
        end=evidence.char_end,
        quote=evidence.quote,
        rule=evidence.rule,
        confidence=evidence.confidence,
        fact_type=fact_type,
        fact_id=fact_id,
    )


def sources_of(evidence_rows: Iterable[Row[Any]], document_of: Callable[[Row[Any]], Any]) -> list[SourceRead]:
    """Group evidence rows by their document, whose brief `document_of(row)` reads from the row."""
    by_document: dict[int, SourceRead] = {}
    for row in evidence_rows:
        source = by_document.get(row.document_id)
        if source is None:
            source = SourceRead(document=DocumentBrief.model_validate(document_of(row)), evidence=[])
            by_document[row.document_id] = source
        source.evidence.append(evidence_read(row))
    return list(by_document.values())
