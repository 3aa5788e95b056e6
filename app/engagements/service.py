"""Use cases for reading engagements."""

from collections.abc import Iterator

from sqlalchemy.orm import Session

from app.documents.evidence import evidence_read, sources_of
from app.engagements import repository
from app.engagements.filters import EngagementFilters
from app.engagements.schemas import EngagementDetail, EngagementSummary, WarningRead
from app.errors import NotFound
from app.export.stream import stream_scalars
from app.models import Engagement
from app.pagination import PageParams, fetch_page, fetch_page_counting_along


def list_(session: Session, filters: EngagementFilters, params: PageParams) -> tuple[list[Engagement], int]:
    """Engagements matching every filter, one page of them, and how many match in all."""
    # The page is chosen on ids alone, then its rows loaded: sorting thousands of matches
    # (a year, a name, a word) then carries no titles, summaries, places or series.
    fetch = fetch_page_counting_along if filters.looked_up_elsewhere else fetch_page
    ids, total = fetch(session, repository.ids_statement(filters), params)
    return repository.by_ids(session, ids), total


def stream(session: Session, filters: EngagementFilters) -> Iterator[EngagementSummary]:
    """Every engagement matching the filters, in list order, read in batches (for file exports)."""
    for engagement in stream_scalars(session, repository.list_statement(filters)):
        yield EngagementSummary.model_validate(engagement)


def get(session: Session, engagement_id: int) -> EngagementDetail:
    """One engagement with its participants, place, agreed actions, sources and warnings."""
    engagement = repository.get_detail(session, engagement_id)
    if engagement is None:
        raise NotFound("Engagement", engagement_id)
    warnings = repository.warnings_for(session, engagement_id)
    evidence = repository.evidence_for(session, engagement, [w.id for w in warnings])
    warning_evidence = [e for e in evidence if e.data_quality_warning_id is not None]
    fact_evidence = [e for e in evidence if e.data_quality_warning_id is None]
    summary = EngagementSummary.model_validate(engagement)
    return EngagementDetail(
        **summary.model_dump(),
        summary=engagement.summary,
        participants=engagement.participations,  # type: ignore[arg-type]
        agreed_actions=engagement.agreed_actions,  # type: ignore[arg-type]
        sources=sources_of(fact_evidence),
        warnings=[
            WarningRead(
                id=w.id,
                code=w.code,
                message=w.message,
                engagement_id=w.engagement_id,
                document_id=w.document_id,
                evidence=[evidence_read(e) for e in warning_evidence if e.data_quality_warning_id == w.id],
            )
            for w in warnings
        ],
    )


def ensure_exists(session: Session, engagement_id: int) -> None:
    if not repository.exists_by_id(session, engagement_id):
        raise NotFound("Engagement", engagement_id)
