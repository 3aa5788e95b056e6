"""Full-text search indexes for engagements and their supporting quotes, and indexes for large lists.

SQLite: two contentless FTS5 tables, `engagement_search` (title, summary; rowid = engagement
id) and `evidence_search` (quote of evidence supporting an engagement; rowid = evidence
id), kept by triggers on every INSERT, UPDATE and DELETE, whoever writes (seed, the API,
merges, a restored dump, a foreign-key cascade). PostgreSQL: an immutable `search_vector()`
function and GIN indexes on its value, which PostgreSQL keeps itself; and a trigram index
(pg_trgm) on person names, for the `official` and participant-name substring searches.
Both fold text as app/full_text.py describes. Existing rows are indexed by the upgrade.

A later migration that rebuilds `engagement` or `evidence` in SQLite batch mode drops their
triggers with the old table: it must create them again (tests/test_search_index.py notices).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 18:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Plain b-tree indexes, on both databases (also declared on the models): (name, table, columns, replaced).
REPLACED = [
    ("ix_engagement_span", "engagement", ["earliest_date", "latest_date"]),
    ("ix_engagement_country_a", "engagement", ["country_a"]),
    ("ix_engagement_country_b", "engagement", ["country_b"]),
]
INDEXES = [
    # Overlap filters (year, date_from/date_to); with the visibility columns a count reads only the index.
    ("ix_engagement_span", "engagement", ["earliest_date", "latest_date", "deleted_at", "review_state"]),
    # ... and from their other end: recent years are found by latest_date.
    ("ix_engagement_latest_date", "engagement", ["latest_date"]),
    # Whether an engagement is visible, for joins from participations and actions (counts,
    # statistics), read from a small index instead of the wide rows.
    ("ix_engagement_visible", "engagement", ["id", "deleted_at", "review_state"]),
    # `country` is either side: one index per side, which both databases OR together, with type and dates.
    ("ix_engagement_country_a_type", "engagement", ["country_a", "type", "earliest_date"]),
    ("ix_engagement_country_b_type", "engagement", ["country_b", "type", "earliest_date"]),
    # The official filter walks person -> participation -> engagement, and counts of visible
    # participations (lists, statistics per official) read only this index, not the rows.
    ("ix_participation_person_engagement", "participation", ["person_id", "engagement_id", "deleted_at", "review_state"]),
    # Actions counted per engagement (statistics, lists) from the index alone.
    ("ix_agreed_action_engagement_visible", "agreed_action", ["engagement_id", "deleted_at", "review_state", "status"]),
]

# Indexes in each list's own order: the first page is read from the index and stops after
# `limit` rows, with no sort; the visibility columns at the end let a count read only the
# index. Expressions (`start_date IS NULL` puts unknown dates last) are not declared on the
# models, so these are created here only and left out of Alembic's comparison (app/full_text.py).
LIST_INDEXES = [
    ("ix_engagement_list_start_desc", "engagement", "(start_date IS NULL), start_date DESC, id, deleted_at, review_state"),
    ("ix_engagement_list_start_asc", "engagement", "(start_date IS NULL), start_date, id, deleted_at, review_state"),
    ("ix_document_list", "document", "(published_date IS NULL), published_date DESC, id"),
]
# `deleted_at` alone: every list asks `deleted_at IS NULL`, true of nearly every row, but
# SQLite's statistics cannot tell (they count rows per distinct value, and NULLs are one value
# among many timestamps), so it used these indexes, then sorted or filtered every row.
# Nothing lists deleted records, so they only ever misled it.
DELETED_AT_INDEXES = ["agreed_action", "engagement", "location", "organization", "participation", "person"]

# Letters SQLite's unicode61 tokenizer keeps as they are, folded like app/full_text.py LETTER_FOLDS.
_SQLITE_FOLDS = [
    ("ł", "l"), ("Ł", "l"), ("ø", "o"), ("Ø", "o"), ("đ", "d"), ("Đ", "d"), ("ð", "d"), ("Ð", "d"), ("ı", "i"),
    ("ħ", "h"), ("Ħ", "h"), ("ŀ", "l"), ("Ŀ", "l"), ("ß", "ss"), ("ẞ", "ss"), ("æ", "ae"), ("Æ", "ae"),
    ("œ", "oe"), ("Œ", "oe"), ("þ", "th"), ("Þ", "th"),
]
_FTS5_OPTIONS = "content='', tokenize='unicode61 remove_diacritics 2', prefix='2 3'"


def _fold(expression: str) -> str:
    for letter, plain in _SQLITE_FOLDS:
        expression = f"replace({expression}, '{letter}', '{plain}')"
    return expression


def _sqlite_statements() -> list[str]:
    title, summary, quote = _fold("new.title"), _fold("new.summary"), _fold("new.quote")
    old_title, old_summary, old_quote = _fold("old.title"), _fold("old.summary"), _fold("old.quote")
    add_engagement = f"INSERT INTO engagement_search (rowid, title, summary) VALUES (new.id, {title}, {summary});"
    remove_engagement = (
        "INSERT INTO engagement_search (engagement_search, rowid, title, summary)"
        f" VALUES ('delete', old.id, {old_title}, {old_summary});"
    )
    add_quote = f"INSERT INTO evidence_search (rowid, quote) SELECT new.id, {quote} WHERE new.engagement_id IS NOT NULL;"
    remove_quote = (
        "INSERT INTO evidence_search (evidence_search, rowid, quote)"
        f" SELECT 'delete', old.id, {old_quote} WHERE old.engagement_id IS NOT NULL;"
    )
    return [
        f"CREATE VIRTUAL TABLE engagement_search USING fts5(title, summary, {_FTS5_OPTIONS})",
        f"CREATE VIRTUAL TABLE evidence_search USING fts5(quote, {_FTS5_OPTIONS})",
        f"CREATE TRIGGER engagement_search_insert AFTER INSERT ON engagement BEGIN {add_engagement} END",
        f"CREATE TRIGGER engagement_search_delete AFTER DELETE ON engagement BEGIN {remove_engagement} END",
        f"CREATE TRIGGER engagement_search_update AFTER UPDATE OF id, title, summary ON engagement"
        f" BEGIN {remove_engagement} {add_engagement} END",
        f"CREATE TRIGGER evidence_search_insert AFTER INSERT ON evidence BEGIN {add_quote} END",
        f"CREATE TRIGGER evidence_search_delete AFTER DELETE ON evidence BEGIN {remove_quote} END",
        f"CREATE TRIGGER evidence_search_update AFTER UPDATE OF id, quote, engagement_id ON evidence"
        f" BEGIN {remove_quote} {add_quote} END",
        # Backfill.
        f"INSERT INTO engagement_search (rowid, title, summary) SELECT id, {_fold('title')}, {_fold('summary')} FROM engagement",
        f"INSERT INTO evidence_search (rowid, quote) SELECT id, {_fold('quote')} FROM evidence WHERE engagement_id IS NOT NULL",
    ]


# Lower case, accents off a-z (NFD, then the combining marks after a Latin letter), the
# letters of LETTER_FOLDS, words only; no positions (`strip`), as nothing searches phrases.
# At most 200,000 characters of one value are indexed: a tsvector holds at most 1 MB.
_POSTGRES_SEARCH_VECTOR = r"""
CREATE FUNCTION search_vector(value text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT pg_catalog.strip(pg_catalog.to_tsvector('pg_catalog.simple'::pg_catalog.regconfig,
    regexp_replace(
        replace(replace(replace(replace(
            translate(
                regexp_replace(normalize(lower(left(value, 200000)), NFD), '([a-z])[\u0300-\u036f]+', '\1', 'g'),
                'łøđðıħŀ', 'loddihl'),
            'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'), 'þ', 'th'),
        '[^[:alnum:]]+', ' ', 'g')))
$$
"""


def _postgres_statements() -> list[str]:
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        _POSTGRES_SEARCH_VECTOR,
        "CREATE INDEX ix_engagement_search ON engagement USING gin (search_vector(title || ' ' || coalesce(summary, '')))",
        "CREATE INDEX ix_evidence_search ON evidence USING gin (search_vector(quote)) WHERE engagement_id IS NOT NULL",
        "CREATE INDEX ix_person_name_key_trgm ON person USING gin (name_key gin_trgm_ops)",
    ]


def upgrade() -> None:
    for name, table, _ in REPLACED:
        op.drop_index(name, table_name=table)
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    for table in DELETED_AT_INDEXES:
        op.drop_index(f"ix_{table}_deleted_at", table_name=table)
    connection = op.get_bind()
    for name, table, expressions in LIST_INDEXES:
        connection.exec_driver_sql(f"CREATE INDEX {name} ON {table} ({expressions})")
    statements = _sqlite_statements() if connection.dialect.name == "sqlite" else _postgres_statements()
    for statement in statements:
        # As the driver gets it: text() would read ':alnum:' in the regular expression as a parameter.
        connection.exec_driver_sql(statement)
    if connection.dialect.name == "sqlite" and connection.exec_driver_sql("SELECT 1 FROM engagement LIMIT 1").first():
        # SQLite knows nothing of the new indexes until ANALYZE (PostgreSQL's autovacuum does it).
        connection.exec_driver_sql("ANALYZE")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("engagement_search_insert", "engagement_search_delete", "engagement_search_update",
                        "evidence_search_insert", "evidence_search_delete", "evidence_search_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS engagement_search")
        op.execute("DROP TABLE IF EXISTS evidence_search")
    else:
        for index in ("ix_engagement_search", "ix_evidence_search", "ix_person_name_key_trgm"):
            op.execute(f"DROP INDEX IF EXISTS {index}")
        op.execute("DROP FUNCTION IF EXISTS search_vector(text)")
        # pg_trgm stays: other databases' objects may use it, and it costs nothing unused.
    for name, _, _ in LIST_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    for name, table, columns in REPLACED:
        op.create_index(name, table, columns)
    for table in DELETED_AT_INDEXES:
        op.create_index(f"ix_{table}_deleted_at", table, ["deleted_at"])
