"""An engagement's evidence is found through the target indexes, whatever the statistics say.

Four of an evidence row's five target columns are NULL. With full indexes, SQLite's statistics
counted the warning index as one NULL key covering every row, and a detail with a warning then
read the whole evidence table (migration 0006 made the indexes partial).
"""

from typing import Any

import pytest
from sqlalchemy import event, inspect, text
from sqlalchemy.orm import Session

from app.engagements import service
from app.models.document import EVIDENCE_TARGETS
from tests.factories import (
    make_action,
    make_document,
    make_engagement,
    make_evidence,
    make_participation,
    make_person,
    make_warning,
)


def test_every_target_index_holds_only_the_rows_that_name_it(session: Session) -> None:
    indexes = {index["name"]: index for index in inspect(session.connection()).get_indexes("evidence")}
    for target in EVIDENCE_TARGETS:
        index = indexes[f"ix_evidence_{target}"]
        assert index["column_names"] == [target]
        where = index.get("dialect_options", {}).get(f"{session.get_bind().dialect.name}_where")
        if where is None:  # reflection of the WHERE clause varies; the stored definition does not
            where = _definition(session, f"ix_evidence_{target}")
        assert f"{target} IS NOT NULL" in str(where).replace('"', "").replace("(", "").replace(")", "")


def _definition(session: Session, name: str) -> str:
    if session.get_bind().dialect.name == "sqlite":
        return session.execute(text("SELECT sql FROM sqlite_master WHERE name = :name"), {"name": name}).scalar_one()
    return session.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = :name"), {"name": name}).scalar_one()


def test_a_detail_with_a_warning_searches_evidence_when_no_warning_has_any_yet(session: Session) -> None:
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("SQLite's planner and statistics (sqlite_stat1) only; PostgreSQL plans from its own")
    document = make_document(session, text="The 7th staff talks agreed 30 actions in Manila.")
    engagements = [make_engagement(session, title=f"Talks {n}") for n in range(40)]
    for engagement in engagements:
        make_evidence(session, document, 0, 16, engagement_id=engagement.id)
    engagement = engagements[0]
    participation = make_participation(session, engagement, make_person(session, "Maria Santos", "PH"))
    make_evidence(session, document, 4, 15, participation_id=participation.id)
    make_action(session, engagement, "Maritime exchanges")
    make_warning(session, engagement)  # a warning, and no evidence names any warning
    session.execute(text("ANALYZE"))

    plans: list[str] = []

    def explain(connection: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        if "FROM evidence" in statement and not statement.startswith("EXPLAIN"):
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            plans.append(" | ".join(row[-1] for row in rows))

    bind = session.connection()
    event.listen(bind, "before_cursor_execute", explain)
    try:
        detail = service.get(session, engagement.id)
    finally:
        event.remove(bind, "before_cursor_execute", explain)

    assert len(detail.warnings) == 1 and detail.participants
    [plan] = plans
    assert "SCAN evidence" not in plan, plan
    assert "ix_evidence_data_quality_warning_id" in plan, plan
