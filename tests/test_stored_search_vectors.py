"""PostgreSQL's stored search vectors (migration 0009): filled for the rows already there, kept
current by the database, and what the search's lossy-bitmap recheck reads."""

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from app.db import build_engine
from app.full_text import engagement_ids_matching, in_matching
from app.models import Engagement
from tests.databases import run_migration, scratch_postgres_database
from tests.factories import make_document, make_engagement, make_evidence, make_location
from tests.searching import engagements_found

# The column must hold exactly what migration 0003's expressions compute.
ENGAGEMENT_DRIFT = "SELECT count(*) FROM engagement WHERE search_words IS DISTINCT FROM search_vector(title || ' ' || coalesce(summary, ''))"
EVIDENCE_DRIFT = (
    "SELECT count(*) FROM evidence WHERE search_words IS DISTINCT FROM"
    " (CASE WHEN engagement_id IS NOT NULL THEN search_vector(quote) END)"
)


@pytest.fixture
def postgres_engine() -> Iterator[Engine]:
    with scratch_postgres_database("engagements_vectors") as url:
        engine = build_engine(url)
        yield engine
        engine.dispose()


def _fill(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        talks = make_engagement(session, title="Łódź Army Staff Talks", summary="Interoperability")
        other = make_engagement(session, title="Bilateral meeting", countries=("KE", "US"))
        document = make_document(session, text="Officers discussed counternarcotics cooperation. Unrelated wolverine.")
        start = document.text.index("counternarcotics")
        make_evidence(session, document, start, start + 16, engagement_id=other.id)
        start = document.text.index("wolverine")
        place = make_location(session)
        make_evidence(session, document, start, start + 9, location_id=place.id)  # not an engagement's: no vector stored
        session.commit()
        return {"talks": talks.id, "other": other.id, "place": place.id}


def test_upgrade_fills_the_vectors_of_existing_rows_and_downgrade_keeps_search(postgres_engine: Engine) -> None:
    run_migration(postgres_engine, "upgrade", "head")
    made = _fill(postgres_engine)
    run_migration(postgres_engine, "downgrade", "0008")
    with postgres_engine.connect() as connection:
        columns = connection.execute(text(
            "SELECT table_name FROM information_schema.columns WHERE column_name = 'search_words'"
        )).scalars().all()
    assert columns == []
    run_migration(postgres_engine, "upgrade", "head")
    with postgres_engine.connect() as connection:
        assert connection.execute(text(ENGAGEMENT_DRIFT)).scalar() == 0
        assert connection.execute(text(EVIDENCE_DRIFT)).scalar() == 0
        stored = connection.execute(text("SELECT count(*) FROM evidence WHERE search_words IS NOT NULL")).scalar()
    assert stored == 1
    assert engagements_found(postgres_engine, "lodz staff") == {made["talks"]}
    assert engagements_found(postgres_engine, "counternarc") == {made["other"]}
    assert engagements_found(postgres_engine, "wolverine") == set()


def test_vectors_follow_writes_that_bypass_the_application(postgres_engine: Engine) -> None:
    run_migration(postgres_engine, "upgrade", "head")
    made = _fill(postgres_engine)
    with postgres_engine.begin() as connection:
        connection.execute(text("UPDATE engagement SET summary = 'Riverine patrols' WHERE id = :id"), {"id": made["talks"]})
        # Evidence moved to an engagement gains a vector; one moved off loses it.
        connection.execute(text(
            "UPDATE evidence SET engagement_id = CASE WHEN engagement_id IS NULL THEN :talks END,"
            " location_id = CASE WHEN engagement_id IS NULL THEN NULL ELSE :place END"
        ), made)
    with postgres_engine.connect() as connection:
        assert connection.execute(text(ENGAGEMENT_DRIFT)).scalar() == 0
        assert connection.execute(text(EVIDENCE_DRIFT)).scalar() == 0
    assert engagements_found(postgres_engine, "riverine") == {made["talks"]}
    assert engagements_found(postgres_engine, "interoperability") == set()
    assert engagements_found(postgres_engine, "wolverine") == {made["talks"]}
    assert engagements_found(postgres_engine, "counternarcotics") == set()


def test_the_search_reads_the_stored_vectors(postgres_engine: Engine) -> None:
    """The plan's conditions name the columns, not search_vector(): a lossy bitmap's recheck reads, it does not re-analyse."""
    run_migration(postgres_engine, "upgrade", "head")
    _fill(postgres_engine)
    statement = select(Engagement.id).where(in_matching(Engagement.id, engagement_ids_matching(["staff"])))
    compiled = statement.compile(postgres_engine)
    with postgres_engine.connect() as connection:
        plan = "\n".join(connection.exec_driver_sql(f"EXPLAIN {compiled.string}", compiled.params).scalars())
    # On so few rows the planner picks whichever path it likes; whatever checks a row reads the column.
    assert plan.count("search_words @@") == 2, plan  # the title and summary's, and the quotes'
    assert "search_vector(" not in plan
