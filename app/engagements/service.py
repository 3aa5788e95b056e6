"""Use cases for reading engagements."""

from collections.abc import Iterator
from typing import Any

from sqlalchemy.orm import Session

from app.documents.evidence import evidence_read, sources_of
from app.engagements import repository
from app.engagements.filters import EngagementFilters
from app.engagements.schemas import EngagementDetail, EngagementSummary
from app.errors import NotFound
from app.export.stream import stream_rows
from app.pagination import PageParams, fetch_page, fetch_page_counting_along


def list_(session: Session, filters: EngagementFilters, params: PageParams) -> tuple[list[dict[str, Any]], int]:
    """Engagements matching every filter, one page of them, and how many match in all."""
    # The page is chosen on ids alone, then its rows loaded: sorting thousands of matches
    # (a year, a name, a word) then carries no titles, summaries, places or series.
    if not filters.looked_up_elsewhere:
        ids, total = fetch_page(session, repository.ids_statement(filters), params)
    else:
        on_postgresql = session.get_bind().dialect.name == "postgresql"
        statement = repository.matches_first_ids_statement(filters) if on_postgresql else repository.ids_statement(filters)
        ids, total = fetch_page_counting_along(session, statement, params)
    return repository.summaries(session, ids), total


def stream(session: Session, filters: EngagementFilters) -> Iterator[EngagementSummary]:
    """Every engagement matching the filters, in list order, read in batches (for file exports)."""
    for row in stream_rows(session, repository.list_statement(filters)):
        yield EngagementSummary.model_validate(repository.summary_of(row._mapping))


def get(session: Session, engagement_id: int) -> EngagementDetail:
    """One engagement with its participants, place, agreed actions, sources and warnings."""
    engagement = repository.detail(session, engagement_id)
    if engagement is None:
        raise NotFound("Engagement", engagement_id)
    participants = repository.participants_of(session, engagement_id)
    actions = repository.actions_of(session, engagement_id)
    warnings = repository.warnings_for(session, engagement_id)
    evidence = repository.evidence_for(
        session,
        engagement_id,
        participation_ids=[participant["id"] for participant in participants],
        action_ids=[action["id"] for action in actions],
        warning_ids=[warning["id"] for warning in warnings],
    )
    warning_evidence = [e for e in evidence if e.data_quality_warning_id is not None]
    return EngagementDetail.model_validate(
        {
            **engagement,
            "participants": participants,
            "agreed_actions": actions,
            "sources": sources_of((e for e in evidence if e.data_quality_warning_id is None), repository.source_of),
            "warnings": [
                {
                    **warning,
                    "evidence": [evidence_read(e) for e in warning_evidence if e.data_quality_warning_id == warning["id"]],
                }
                for warning in warnings
            ],
        }
    )


def ensure_exists(session: Session, engagement_id: int) -> None:
    if not repository.exists_by_id(session, engagement_id):
        raise NotFound("Engagement", engagement_id)
