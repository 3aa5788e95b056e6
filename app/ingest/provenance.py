"""What a document said before it was reloaded: its evidence spans and the rows they supported.

Heuristic: a fact of the new extraction is the row an old evidence span of the same document
and kind supported when (1) the span has the same offsets and quotes the same text, or
(2) failing that, its quote supported exactly one row of that kind before (the text moved).
This keeps ids stable across a re-extraction and finds a row a person renamed, which
name resolution alone would miss. Known failure: an edit that changes the quoted words
themselves ("Phil Ryan" -> "Philip Ryan") falls back to name resolution.
Nothing here commits.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.extraction.records import Span
from app.ingest import repository

# Evidence columns, in the order `repository.evidence_spans` returns them after the span.
KINDS = ("engagement_id", "participation_id", "location_id", "agreed_action_id")


@dataclass
class Previous:
    """Old spans -> row ids, per evidence column; empty for a document loaded the first time."""

    by_span: dict[tuple[str, int, int, str], int] = field(default_factory=dict)
    by_quote: dict[tuple[str, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    touched: dict[str, set[int]] = field(default_factory=lambda: {kind: set() for kind in KINDS})

    def find(self, kind: str, spans: list[Span], text: str) -> int | None:
        """The id of the row these spans supported before, if the old evidence says so."""
        for span in spans:
            found = self.by_span.get((kind, span.start, span.end, span.quote(text)))
            if found is not None:
                return found
        for span in spans:
            ids = self.by_quote.get((kind, span.quote(text)))
            if ids is not None and len(ids) == 1:
                return next(iter(ids))
        return None


def forget_evidence(session: Session, document_id: int) -> Previous:
    """Read the document's evidence, then delete it (and its notes); the rows stay for now."""
    previous = Previous()
    for quote, start, end, *targets in repository.evidence_spans(session, document_id):
        for kind, target in zip(KINDS, targets, strict=True):
            if target is None:
                continue
            previous.by_span[(kind, start, end, quote)] = target
            previous.by_quote[(kind, quote)].add(target)
            previous.touched[kind].add(target)
    repository.delete_document_evidence(session, document_id)
    return previous


def delete_unsupported(session: Session, previous: Previous) -> None:
    """After the reload: delete the rows the old version supported that nothing supports now.

    Rows a person touched (`is_curated`) stay, so a rejected or deleted fact is found
    again, still rejected or deleted, instead of coming back as new.
    """
    touched = previous.touched
    if not any(touched.values()):
        return
    participations = repository.participations_by_ids(session, touched["participation_id"])
    actions = repository.actions_by_ids(session, touched["agreed_action_id"])
    parents = {p.engagement_id for p in participations} | {a.engagement_id for a in actions}
    engagements = repository.engagements_by_ids(session, touched["engagement_id"] | parents)
    repository.delete_orphans(
        session,
        participation_ids=touched["participation_id"],
        action_ids=touched["agreed_action_id"],
        engagement_ids={e.id for e in engagements},
        location_ids=touched["location_id"] | {e.location_id for e in engagements if e.location_id is not None},
        person_ids={p.person_id for p in participations},
        organization_ids={p.organization_id for p in participations if p.organization_id is not None},
        series_ids={e.series_id for e in engagements if e.series_id is not None},
    )
    # Bulk deletes bypass the identity map (and their ON DELETE actions with it).
    session.expire_all()

