"""What migrations build outside the models' metadata, derived from the models' rows.

Full-text and expression indexes and PostgreSQL's stored search vectors (app/full_text.py),
and the trigger-kept tallies (app/stats/tallies.py). Alembic's comparison of the models with
the database leaves them out (migrations/env.py, tests/test_migrations.py), and a dump neither
writes nor restores them: the triggers and generated columns rebuild them as the rows come back.
"""

from typing import Any

from app.full_text import SEARCH_COLUMNS, SEARCH_INDEXES, SEARCH_TABLES
from app.stats.tallies import TALLY_INDEXES, TALLY_TABLES

EXTRA_TABLES = (*SEARCH_TABLES, *TALLY_TABLES)
EXTRA_INDEXES = (*SEARCH_INDEXES, *TALLY_INDEXES)


def is_extra_object(name: str | None, type_: str) -> bool:
    """Whether `name` is a derived table (FTS5 shadow tables included) or index."""
    if name is None:
        return False
    if type_ == "table":
        return any(name == table or name.startswith(f"{table}_") for table in EXTRA_TABLES)
    return type_ == "index" and name in EXTRA_INDEXES


def is_extra_column(table: str | None, name: str | None) -> bool:
    """Whether `table.name` is a derived column (a stored search vector)."""
    return (table, name) in SEARCH_COLUMNS


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic's `include_name` hook: compare everything but the derived objects."""
    if type_ == "column":
        return not is_extra_column(parent_names.get("table_name"), name)
    return not is_extra_object(name, type_)
