"""Indexes that keep date-overlap lists and per-year statistics fast at a million engagements.

- `ix_engagement_span` gains `start_date`: a year's page (overlap filter, list order) is then
  read and sorted from the index alone.
- `ix_engagement_visible` gains `start_date` too, and `ix_evidence_id_engagement` (id,
  engagement_id) is new: ids found elsewhere (a name, a word in a quote) reach their
  engagements and are sorted through narrow indexes, not the wide rows.
- `ix_engagement_span_width` on the widest span (latest - earliest date, in days): the overlap
  filter asks for it, as one index probe, to bound `earliest_date` from below as well as
  above (app/engagements/repository.py), so a mid-range year reads about one year of the
  index instead of every earlier year.
- `ix_engagement_start_year` on the start year as the statistics spell it, and the review
  state, of the records not deleted: counts per year read the index in year order instead of
  computing the year of every row (SQLite only uses an expression index whose expression is
  the query's own, hence the double cast SQLAlchemy renders). Partial, not with `deleted_at`
  as a column: SQLite would then skip-scan it for every `deleted_at IS NULL` (a sort by title
  took 5x longer, the top officials 3x).

Expression indexes are not declared on the models (app/full_text.py lists them for Alembic's
comparison to leave out).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 21:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (name, table, columns before, columns after); None: the index is new.
WIDENED = [
    ("ix_engagement_span", "engagement", ["earliest_date", "latest_date", "deleted_at", "review_state"]),
    ("ix_engagement_visible", "engagement", ["id", "deleted_at", "review_state"]),
]
NEW = [("ix_evidence_id_engagement", "evidence", ["id", "engagement_id"])]

# (name, what follows ON on SQLite, on PostgreSQL); the expressions must stay those the queries render.
EXPRESSION_INDEXES = [
    (
        "ix_engagement_span_width",
        "engagement ((julianday(latest_date) - julianday(earliest_date)))",
        "engagement ((latest_date - earliest_date))",
    ),
    (
        "ix_engagement_start_year",
        "engagement ((CAST(CAST(STRFTIME('%Y', start_date) AS INTEGER) AS INTEGER)), review_state) WHERE deleted_at IS NULL",
        "engagement ((CAST(CAST(EXTRACT(year FROM start_date) AS INTEGER) AS INTEGER)), review_state) WHERE deleted_at IS NULL",
    ),
]


def upgrade() -> None:
    for name, table, columns in WIDENED:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, [*columns, "start_date"])
    for name, table, columns in NEW:
        op.create_index(name, table, columns)
    connection = op.get_bind()
    sqlite = connection.dialect.name == "sqlite"
    for name, on_sqlite, on_postgresql in EXPRESSION_INDEXES:
        connection.exec_driver_sql(f"CREATE INDEX {name} ON {on_sqlite if sqlite else on_postgresql}")
    if sqlite and connection.exec_driver_sql("SELECT 1 FROM engagement LIMIT 1").first():
        connection.exec_driver_sql("ANALYZE")  # SQLite plans with new indexes only once it has statistics on them


def downgrade() -> None:
    for name, _, _ in EXPRESSION_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for name, table, _ in NEW:
        op.drop_index(name, table_name=table)
    for name, table, columns in WIDENED:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, columns)
