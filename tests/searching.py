"""The engagement search asked in process, below HTTP: for tests that build their own databases."""

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.full_text import engagement_ids_matching, in_matching, search_words
from app.models import Engagement


def engagements_found(engine: Engine, term: str) -> set[int]:
    """The ids of the engagements `q=term` finds on `engine` (deleted and rejected ones included)."""
    condition = in_matching(Engagement.id, engagement_ids_matching(search_words(term)))
    with Session(engine) as session:
        return set(session.scalars(select(Engagement.id).where(condition)))
