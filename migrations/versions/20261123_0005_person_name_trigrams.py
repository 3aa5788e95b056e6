"""A trigram index of person names on SQLite, as pg_trgm gives PostgreSQL (migration 0003).

`official` and the participant `name` filter ask for names *containing* a term. Without an
index that is a LIKE over every person's `name_key`: 5 ms at 30,000 people, growing with
them. `person_name_search` is an FTS5 table with the trigram tokenizer over `person.name_key`
(external content: it stores the trigrams, not the names), kept current by triggers; a quoted
term of three characters or more matches exactly the names that contain it
(app/full_text.py `name_containing`). Shorter terms keep the LIKE: trigrams cannot answer them.

Nothing changes on PostgreSQL, whose `ix_person_name_key_trgm` already serves both filters.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 22:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ADD = "INSERT INTO person_name_search (rowid, name_key) VALUES (new.id, new.name_key);"
_REMOVE = "INSERT INTO person_name_search (person_name_search, rowid, name_key) VALUES ('delete', old.id, old.name_key);"
TRIGGERS = {
    "person_name_search_insert": f"AFTER INSERT ON person BEGIN {_ADD} END",
    "person_name_search_delete": f"AFTER DELETE ON person BEGIN {_REMOVE} END",
    "person_name_search_update": f"AFTER UPDATE OF id, name_key ON person BEGIN {_REMOVE} {_ADD} END",
}


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    # detail=full (the default): a term longer than three characters is a phrase of trigrams,
    # which needs their positions.
    connection.exec_driver_sql(
        "CREATE VIRTUAL TABLE person_name_search USING fts5(name_key, content='person', content_rowid='id', tokenize='trigram')"
    )
    for name, body in TRIGGERS.items():
        connection.exec_driver_sql(f"CREATE TRIGGER {name} {body}")
    connection.exec_driver_sql("INSERT INTO person_name_search (person_name_search) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS person_name_search")
