"""Counts kept current by triggers, for the dashboard aggregates that joined whole tables.

At 100,000 engagements (200,000 agreed actions, 600,000 participations) on a 2-core machine,
`/stats/agreed-actions/by-status` took 150 ms, `by-year` 160 ms and
`/stats/participants/by-engagements` 550 ms of SQL: each joined every action or participation
to its engagement to learn whether that engagement is listed. Two tables now hold the counts,
kept current by triggers on every insert, update and delete, whoever writes (the API, a seed,
a restored dump):

- `engagement_action_tally`: per engagement, its visible agreed actions (not deleted, not
  rejected) per status, one column per status. The aggregates join these rows (one per
  engagement with actions) to the engagements their filters match.
- `person_engagement_tally`: per person, the visible participations in visible engagements.
  It answers the unfiltered top officials from an index; a filtered question still joins.
  Besides the participation triggers, an engagement that becomes hidden or visible again moves
  the counts of its participants, and one deleted outright takes its participations' counts
  with it first (a cascade removes them after the engagement row is gone).

Both live outside the models (like the search tables, app/schema_extras.py), so a dump
neither writes nor restores them: restoring the rows rebuilds them through the triggers.

Two indexes change:
- `ix_engagement_location_visible` (declared on the model): the count per place reads it alone
  (100 ms -> 12 ms). `deleted_at` is a column as well as its condition: without it SQLite does
  not see the index as covering and reads every row through `ix_engagement_location_id`.
- `ix_engagement_start_year` (0004) also holds `agreed_actions_reported`, so the agreed actions
  per year read the reported numbers from it instead of every engagement row (120 ms -> 34 ms).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 04:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = ("agreed", "in_progress", "completed", "postponed", "rescheduled", "cancelled")


def _visible(row: str) -> str:
    return f"{row}.deleted_at IS NULL AND {row}.review_state <> 'rejected'"


def _per_status(row: str) -> list[str]:
    return [f"CASE WHEN {row}.status = '{status}' THEN 1 ELSE 0 END" for status in STATUSES]


# Statements a trigger runs, the same text on both databases; OLD and NEW are the changed row.
ACTION_REMOVED = (
    "UPDATE engagement_action_tally SET "
    + ", ".join(f"{status} = {status} - {case}" for status, case in zip(STATUSES, _per_status("OLD"), strict=True))
    + f" WHERE engagement_id = OLD.engagement_id AND {_visible('OLD')};"
)
ACTION_ADDED = (
    f"INSERT INTO engagement_action_tally (engagement_id, {', '.join(STATUSES)})"
    f" SELECT NEW.engagement_id, {', '.join(_per_status('NEW'))} WHERE {_visible('NEW')}"
    " ON CONFLICT (engagement_id) DO UPDATE SET "
    + ", ".join(f"{status} = engagement_action_tally.{status} + excluded.{status}" for status in STATUSES)
    + ";"
)
PARTICIPATION_REMOVED = (
    "UPDATE person_engagement_tally SET engagements = engagements - 1"
    f" WHERE person_id = OLD.person_id AND {_visible('OLD')}"
    f" AND EXISTS (SELECT 1 FROM engagement WHERE engagement.id = OLD.engagement_id AND {_visible('engagement')});"
)
PARTICIPATION_ADDED = (
    "INSERT INTO person_engagement_tally (person_id, engagements)"
    f" SELECT NEW.person_id, 1 FROM engagement WHERE engagement.id = NEW.engagement_id AND {_visible('engagement')}"
    f" AND {_visible('NEW')}"
    " ON CONFLICT (person_id) DO UPDATE SET engagements = person_engagement_tally.engagements + 1;"
)
# An engagement's participants, counted per person: `row` is the engagement (OLD or NEW).
_PARTICIPANTS = f"FROM participation WHERE participation.engagement_id = {{row}}.id AND {_visible('participation')}"
ENGAGEMENT_HIDDEN = (
    "UPDATE person_engagement_tally SET engagements = engagements - (SELECT count(*) "
    + _PARTICIPANTS.format(row="OLD")
    + " AND participation.person_id = person_engagement_tally.person_id)"
    f" WHERE person_id IN (SELECT participation.person_id {_PARTICIPANTS.format(row='OLD')});"
)
ENGAGEMENT_SHOWN = (
    "INSERT INTO person_engagement_tally (person_id, engagements)"
    f" SELECT participation.person_id, count(*) {_PARTICIPANTS.format(row='NEW')} GROUP BY participation.person_id"
    " ON CONFLICT (person_id) DO UPDATE SET engagements = person_engagement_tally.engagements + excluded.engagements;"
)
VISIBILITY_CHANGED = ("deleted_at", "review_state")
_WAS_VISIBLE, _IS_VISIBLE = f"({_visible('OLD')})", f"({_visible('NEW')})"

TABLES = {
    "engagement_action_tally": (
        "CREATE TABLE engagement_action_tally ("
        " engagement_id INTEGER NOT NULL PRIMARY KEY REFERENCES engagement (id) ON DELETE CASCADE, "
        + ", ".join(f"{status} INTEGER NOT NULL DEFAULT 0" for status in STATUSES)
        + ")"
    ),
    "person_engagement_tally": (
        "CREATE TABLE person_engagement_tally ("
        " person_id INTEGER NOT NULL PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,"
        " engagements INTEGER NOT NULL DEFAULT 0)"
    ),
}
INDEXES = {"ix_person_engagement_tally_engagements": "person_engagement_tally (engagements)"}
BACKFILL = (
    f"INSERT INTO engagement_action_tally (engagement_id, {', '.join(STATUSES)})"
    f" SELECT engagement_id, {', '.join(f'SUM({case})' for case in _per_status('agreed_action'))}"
    f" FROM agreed_action WHERE {_visible('agreed_action')} GROUP BY engagement_id",
    "INSERT INTO person_engagement_tally (person_id, engagements)"
    " SELECT participation.person_id, count(*) FROM participation"
    " JOIN engagement ON engagement.id = participation.engagement_id"
    f" WHERE {_visible('participation')} AND {_visible('engagement')} GROUP BY participation.person_id",
)

# SQLite: one trigger per event, each statement guarded by its own WHERE.
SQLITE_TRIGGERS = {
    "agreed_action_tally_insert": f"AFTER INSERT ON agreed_action BEGIN {ACTION_ADDED} END",
    "agreed_action_tally_delete": f"AFTER DELETE ON agreed_action BEGIN {ACTION_REMOVED} END",
    "agreed_action_tally_update": (
        "AFTER UPDATE OF engagement_id, status, deleted_at, review_state ON agreed_action"
        f" BEGIN {ACTION_REMOVED} {ACTION_ADDED} END"
    ),
    "participation_tally_insert": f"AFTER INSERT ON participation BEGIN {PARTICIPATION_ADDED} END",
    "participation_tally_delete": f"AFTER DELETE ON participation BEGIN {PARTICIPATION_REMOVED} END",
    "participation_tally_update": (
        "AFTER UPDATE OF engagement_id, person_id, deleted_at, review_state ON participation"
        f" BEGIN {PARTICIPATION_REMOVED} {PARTICIPATION_ADDED} END"
    ),
    "engagement_tally_hidden": (
        f"AFTER UPDATE OF {', '.join(VISIBILITY_CHANGED)} ON engagement WHEN {_WAS_VISIBLE} AND NOT {_IS_VISIBLE}"
        f" BEGIN {ENGAGEMENT_HIDDEN} END"
    ),
    "engagement_tally_shown": (
        f"AFTER UPDATE OF {', '.join(VISIBILITY_CHANGED)} ON engagement WHEN NOT {_WAS_VISIBLE} AND {_IS_VISIBLE}"
        f" BEGIN {ENGAGEMENT_SHOWN} END"
    ),
    "engagement_tally_delete": f"BEFORE DELETE ON engagement WHEN {_WAS_VISIBLE} BEGIN {ENGAGEMENT_HIDDEN} END",
}

# PostgreSQL: one function per table, branching on the event.


def _row_changed(removed: str, added: str) -> str:
    """A function body: the old row's count goes (update, delete), the new row's comes (insert, update)."""
    return f"""
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN {removed} END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') THEN {added} END IF;
            RETURN NULL;
        END"""


POSTGRESQL_FUNCTIONS = {
    "agreed_action_tally": _row_changed(ACTION_REMOVED, ACTION_ADDED),
    "participation_tally": _row_changed(PARTICIPATION_REMOVED, PARTICIPATION_ADDED),
    "engagement_tally": f"""
        BEGIN
            IF TG_OP = 'DELETE' THEN
                IF {_WAS_VISIBLE} THEN {ENGAGEMENT_HIDDEN} END IF;
                RETURN OLD;
            END IF;
            IF {_WAS_VISIBLE} AND NOT {_IS_VISIBLE} THEN {ENGAGEMENT_HIDDEN} END IF;
            IF NOT {_WAS_VISIBLE} AND {_IS_VISIBLE} THEN {ENGAGEMENT_SHOWN} END IF;
            RETURN NULL;
        END""",
}
POSTGRESQL_TRIGGERS = {
    "agreed_action_tally": (
        "AFTER INSERT OR DELETE OR UPDATE OF engagement_id, status, deleted_at, review_state ON agreed_action",
        "agreed_action_tally",
    ),
    "participation_tally": (
        "AFTER INSERT OR DELETE OR UPDATE OF engagement_id, person_id, deleted_at, review_state ON participation",
        "participation_tally",
    ),
    "engagement_tally_visibility": (f"AFTER UPDATE OF {', '.join(VISIBILITY_CHANGED)} ON engagement", "engagement_tally"),
    "engagement_tally_delete": ("BEFORE DELETE ON engagement", "engagement_tally"),
}


# What follows ON, on SQLite and on PostgreSQL: the expressions must stay those the statistics render.
_START_YEAR = ("(CAST(CAST(STRFTIME('%Y', start_date) AS INTEGER) AS INTEGER))", "(CAST(CAST(EXTRACT(year FROM start_date) AS INTEGER) AS INTEGER))")
START_YEAR_BEFORE = tuple(f"engagement ({year}, review_state) WHERE deleted_at IS NULL" for year in _START_YEAR)
START_YEAR_AFTER = tuple(f"engagement ({year}, review_state, agreed_actions_reported) WHERE deleted_at IS NULL" for year in _START_YEAR)


def _start_year_index(connection: sa.Connection, spellings: tuple[str, ...]) -> None:
    connection.exec_driver_sql("DROP INDEX IF EXISTS ix_engagement_start_year")
    on = spellings[0] if connection.dialect.name == "sqlite" else spellings[1]
    connection.exec_driver_sql(f"CREATE INDEX ix_engagement_start_year ON {on}")


def upgrade() -> None:
    op.create_index(
        "ix_engagement_location_visible", "engagement", ["location_id", "review_state", "deleted_at"],
        sqlite_where=sa.text("deleted_at IS NULL"), postgresql_where=sa.text("deleted_at IS NULL"),
    )
    connection = op.get_bind()
    _start_year_index(connection, START_YEAR_AFTER)
    for ddl in TABLES.values():
        connection.exec_driver_sql(ddl)
    for name, on in INDEXES.items():
        connection.exec_driver_sql(f"CREATE INDEX {name} ON {on}")
    for statement in BACKFILL:
        connection.exec_driver_sql(statement)
    if connection.dialect.name == "sqlite":
        for name, body in SQLITE_TRIGGERS.items():
            connection.exec_driver_sql(f"CREATE TRIGGER {name} {body}")
        if connection.exec_driver_sql("SELECT 1 FROM engagement LIMIT 1").first():
            connection.exec_driver_sql("ANALYZE")  # statistics for the new tables and index, as 0004 does
        return
    for name, body in POSTGRESQL_FUNCTIONS.items():
        connection.exec_driver_sql(f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $${body}\n$$")
    for name, (when, function) in POSTGRESQL_TRIGGERS.items():
        connection.exec_driver_sql(f"CREATE TRIGGER {name} {when} FOR EACH ROW EXECUTE FUNCTION {function}()")


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name, (when, _) in POSTGRESQL_TRIGGERS.items():
            table = when.rsplit(" ON ", 1)[1]
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        for name in POSTGRESQL_FUNCTIONS:
            connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")
    for name in TABLES:
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
    op.drop_index("ix_engagement_location_visible", table_name="engagement")
    _start_year_index(connection, START_YEAR_BEFORE)
