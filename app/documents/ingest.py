"""Posting an article: extract it and load it exactly as a seed file would be, inside the request.

Nothing here commits: the request's write session does, so a failed load leaves nothing.
"""

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from app.audit import service as audit
from app.audit.snapshot import snapshot
from app.auth.actor import Actor
from app.documents.schemas import CreatedRecord, CreatedRecords, DocumentIngest, IngestRead
from app.extraction.pipeline import extract
from app.ingest import repository
from app.ingest.consistency import recompute_warnings
from app.ingest.created import rows_created
from app.ingest.load import Outcome, load_document, sha256_of
from app.models import (
    AgreedAction,
    DataQualityWarning,
    Document,
    Engagement,
    Location,
    Organization,
    Participation,
    Person,
)
from app.query_params import within_years

# Response group per kind, in the order they are listed.
_GROUPS: dict[type, str] = {
    Engagement: "engagements",
    Participation: "participations",
    Person: "people",
    Organization: "organizations",
    Location: "locations",
    AgreedAction: "agreed_actions",
    DataQualityWarning: "warnings",
}


def ingest(session: Session, actor: Actor, body: DocumentIngest) -> IngestRead:
    """Extract and load one posted article, recompute the cross-document warnings, log it."""
    within_years(body.published_date, "published_date", "body")
    digest = sha256_of(body.text)
    source_ref = body.source_ref or f"api:{digest[:16]}"
    existing = repository.document_by_source(session, source_ref)
    if existing is not None and existing.sha256 == digest:
        # The same text again: not even extracted, nothing written, nothing to log.
        return _result(existing, Outcome.skipped, [(name, []) for name in _GROUPS.values()])
    before = snapshot(existing) if existing is not None else None
    with rows_created(session) as created:
        outcome = load_document(session, source_ref, body.text, extract(body.text))
        document = existing or repository.document_by_source(session, source_ref)
        assert document is not None  # just loaded
        # What the person said about the article wins over what the extractor guessed.
        for name in ("title", "publisher", "published_date"):
            if getattr(body, name) is not None:
                setattr(document, name, getattr(body, name))
        recompute_warnings(session)
        session.flush()
    records = _grouped(session, created)
    summary = {kind: [r.id for r in rows] for kind, rows in records if rows}
    after = {**snapshot(document), "outcome": outcome.value, "created": summary}
    audit.record(session, actor, "ingest", document, before=before, after=after)
    return _result(document, outcome, records)


def _result(document: Document, outcome: Outcome, records: list[tuple[str, list[CreatedRecord]]]) -> IngestRead:
    return IngestRead(
        document_id=document.id,
        source_ref=document.source_ref,
        sha256=document.sha256,
        outcome=outcome.value,
        created=CreatedRecords(**dict(records)),
    )


def _grouped(session: Session, created: Iterable[Any]) -> list[tuple[str, list[CreatedRecord]]]:
    groups: dict[str, list[CreatedRecord]] = {name: [] for name in _GROUPS.values()}
    people = {row.id: row.name for row in created if isinstance(row, Person)}
    for row in created:
        group = _GROUPS.get(type(row))
        if group is None:
            continue  # evidence, the document itself
        review_state = None if isinstance(row, DataQualityWarning) else row.review_state
        origin = "extracted" if isinstance(row, DataQualityWarning) else row.origin
        groups[group].append(CreatedRecord(id=row.id, label=_label(session, row, people), origin=origin, review_state=review_state))
    return [(name, sorted(rows, key=lambda r: r.id)) for name, rows in groups.items()]


def _label(session: Session, row: Any, people: dict[int, str]) -> str:
    if isinstance(row, Engagement):
        return row.title
    if isinstance(row, Participation):
        name = people.get(row.person_id) or session.get_one(Person, row.person_id).name
        return f"{row.rank} {name}" if row.rank else name
    if isinstance(row, AgreedAction):
        return row.description if len(row.description) <= 120 else row.description[:119] + "…"
    if isinstance(row, DataQualityWarning):
        return row.code
    return row.name  # person, organization, location
