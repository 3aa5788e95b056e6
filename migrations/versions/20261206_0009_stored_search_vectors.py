"""PostgreSQL: the words of titles, summaries and quotes stored beside them, indexed from there.

Until now the GIN indexes of migration 0003 were built on the expression
`search_vector(title || ' ' || coalesce(summary, ''))` (and `search_vector(quote)`). When a
common word matches more rows than `work_mem` holds as exact row pointers, PostgreSQL's bitmap
turns lossy: it remembers whole pages, and every row on them is checked again by evaluating the
condition. With an expression index that check recomputes `search_vector()` (normalize,
translate, regular expressions) for every row of every such page. At 1,000,000 engagements,
`?q=staff` (233,356 matches) took 29 s, 113 s under EXPLAIN ANALYZE for the page alone.

Each table now stores the vector as a generated column (`search_words`, computed by PostgreSQL
on every insert and update, whoever writes), and the indexes are on the column: the recheck
reads the stored vector. The columns live outside the models (app/schema_extras.py): nothing in
the application writes or reads them but the search condition (app/full_text.py), and a dump
leaves them out, as PostgreSQL fills them in again on restore. Evidence stores a vector only
where it supports an engagement, the rows the search looks at (the index stays partial).

Adding a stored generated column rewrites the table under an exclusive lock: at 1,000,000
engagements this upgrade takes minutes, during which the tables cannot be read.

SQLite has nothing to change: its FTS5 tables (migration 0003) hold their own copy of the words.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 14:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ENGAGEMENT_WORDS = "search_vector(title || ' ' || coalesce(summary, ''))"
QUOTE_WORDS = "search_vector(quote)"


def _on_postgresql(*statements: str) -> None:
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return
    for statement in statements:
        connection.exec_driver_sql(statement)


def upgrade() -> None:
    _on_postgresql(
        "DROP INDEX ix_engagement_search",
        "DROP INDEX ix_evidence_search",
        f"ALTER TABLE engagement ADD COLUMN search_words tsvector GENERATED ALWAYS AS ({ENGAGEMENT_WORDS}) STORED",
        "ALTER TABLE evidence ADD COLUMN search_words tsvector GENERATED ALWAYS AS"
        f" (CASE WHEN engagement_id IS NOT NULL THEN {QUOTE_WORDS} END) STORED",
        "CREATE INDEX ix_engagement_search ON engagement USING gin (search_words)",
        "CREATE INDEX ix_evidence_search ON evidence USING gin (search_words) WHERE engagement_id IS NOT NULL",
    )


def downgrade() -> None:
    _on_postgresql(
        "DROP INDEX ix_engagement_search",
        "DROP INDEX ix_evidence_search",
        "ALTER TABLE engagement DROP COLUMN search_words",
        "ALTER TABLE evidence DROP COLUMN search_words",
        f"CREATE INDEX ix_engagement_search ON engagement USING gin ({ENGAGEMENT_WORDS})",
        f"CREATE INDEX ix_evidence_search ON evidence USING gin ({QUOTE_WORDS}) WHERE engagement_id IS NOT NULL",
    )
