"""SQLite: each quote in `evidence_search` keyed by its engagement, so a word leads there directly.

Until now a row of the FTS5 table `evidence_search` (migration 0003) had the evidence id as
its rowid, and a search went from every matching quote to its engagement through
`ix_evidence_id_engagement` (migration 0004): one index lookup per matching quote. At
100,000 engagements `?q=minister` finds 5,035 quotes, and that mapping cost more than both
full-text lookups together (6.5 ms against 1.3 and 1.7 ms).

The rowid is now the engagement id and the evidence id in one 64-bit integer,
`(engagement_id << 32) + evidence_id`, so the search reads the engagement id off the index
(`rowid >> 32`) and touches no other table. The evidence id in the low half keeps rowids
unique, and lets the triggers delete exactly the row they wrote. An evidence id above
2**32 - 1 would no longer fit: its insert is refused (four billion quotes is far beyond what
one SQLite file serves). Evidence ids are never reused (AUTOINCREMENT), and a row moved to
another engagement is deleted under its old key and written under its new one.

The upgrade rebuilds `evidence_search` from `evidence`: 4 s at 100,000 engagements (194,067
quotes that support one), during which writers wait.

`ix_evidence_id_engagement` served only that mapping (PostgreSQL's search reads
`evidence.search_words` through its GIN index and the rows), so it goes on both databases:
one index fewer to write per quote.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 19:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As migration 0003 created them: the table's options, and the letters unicode61 keeps as
# they are, folded like app/full_text.py LETTER_FOLDS.
_FTS5_OPTIONS = "content='', tokenize='unicode61 remove_diacritics 2', prefix='2 3'"
_SQLITE_FOLDS = [
    ("ł", "l"), ("Ł", "l"), ("ø", "o"), ("Ø", "o"), ("đ", "d"), ("Đ", "d"), ("ð", "d"), ("Ð", "d"), ("ı", "i"),
    ("ħ", "h"), ("Ħ", "h"), ("ŀ", "l"), ("Ŀ", "l"), ("ß", "ss"), ("ẞ", "ss"), ("æ", "ae"), ("Æ", "ae"),
    ("œ", "oe"), ("Œ", "oe"), ("þ", "th"), ("Þ", "th"),
]
TRIGGERS = ("evidence_search_insert", "evidence_search_delete", "evidence_search_update")
KEY_BITS = 32  # app/full_text.py reads the engagement id as `rowid >> 32`


def _fold(expression: str) -> str:
    for letter, plain in _SQLITE_FOLDS:
        expression = f"replace({expression}, '{letter}', '{plain}')"
    return expression


def _evidence_search(keyed_by_engagement: bool) -> list[str]:
    """The table, its triggers and its backfill: rows keyed by engagement and evidence id (this
    migration), or by evidence id alone (migration 0003)."""
    key = f"({{row}}.engagement_id << {KEY_BITS}) + {{row}}.id" if keyed_by_engagement else "{row}.id"
    new_key, old_key = key.format(row="new"), key.format(row="old")
    add = f"INSERT INTO evidence_search (rowid, quote) SELECT {new_key}, {_fold('new.quote')} WHERE new.engagement_id IS NOT NULL;"
    remove = (
        "INSERT INTO evidence_search (evidence_search, rowid, quote)"
        f" SELECT 'delete', {old_key}, {_fold('old.quote')} WHERE old.engagement_id IS NOT NULL;"
    )
    too_large = f"SELECT RAISE(ABORT, 'evidence ids above {2**KEY_BITS - 1} do not fit the search index') WHERE new.id >= {2**KEY_BITS};"
    guard = too_large if keyed_by_engagement else ""
    return [
        f"CREATE VIRTUAL TABLE evidence_search USING fts5(quote, {_FTS5_OPTIONS})",
        f"CREATE TRIGGER evidence_search_insert AFTER INSERT ON evidence BEGIN {guard} {add} END",
        f"CREATE TRIGGER evidence_search_delete AFTER DELETE ON evidence BEGIN {remove} END",
        f"CREATE TRIGGER evidence_search_update AFTER UPDATE OF id, quote, engagement_id ON evidence"
        f" BEGIN {guard} {remove} {add} END",
        f"INSERT INTO evidence_search (rowid, quote) SELECT {key.format(row='evidence')}, {_fold('quote')}"
        " FROM evidence WHERE engagement_id IS NOT NULL",
    ]


def _replace_evidence_search(keyed_by_engagement: bool) -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    for trigger in TRIGGERS:
        connection.exec_driver_sql(f"DROP TRIGGER {trigger}")
    connection.exec_driver_sql("DROP TABLE evidence_search")
    for statement in _evidence_search(keyed_by_engagement):
        connection.exec_driver_sql(statement)


def upgrade() -> None:
    _replace_evidence_search(keyed_by_engagement=True)
    op.drop_index("ix_evidence_id_engagement", table_name="evidence")


def downgrade() -> None:
    op.create_index("ix_evidence_id_engagement", "evidence", ["id", "engagement_id"])
    _replace_evidence_search(keyed_by_engagement=False)
