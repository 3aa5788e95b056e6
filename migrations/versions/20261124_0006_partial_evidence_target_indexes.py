"""Evidence target indexes hold only the rows that name their target (partial: IS NOT NULL).

An evidence row supports exactly one fact, so four of its five target columns are NULL. A full
index on such a column is mostly one NULL key, and to SQLite's statistics (sqlite_stat1: the
average rows per key) it looks useless: with no warning evidence yet, the warning index claimed
every evidence row per key, and an engagement's detail with a warning read the whole evidence
table in document order (~230 ms at 100,000 engagements) instead of searching it. A partial
index counts only its own rows, so its statistics are true; `column = ?` and `column IN (...)`
imply IS NOT NULL, so both databases use it for those lookups and for ON DELETE CASCADE. The
indexes also shrink by the rows they no longer hold.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 01:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TARGETS = ("engagement_id", "participation_id", "location_id", "agreed_action_id", "data_quality_warning_id")


def upgrade() -> None:
    for column in TARGETS:
        name = f"ix_evidence_{column}"
        op.drop_index(name, table_name="evidence")
        where = sa.text(f"{column} IS NOT NULL")
        op.create_index(name, "evidence", [column], sqlite_where=where, postgresql_where=where)
    connection = op.get_bind()
    if connection.dialect.name == "sqlite" and connection.exec_driver_sql("SELECT 1 FROM evidence LIMIT 1").first():
        connection.exec_driver_sql("ANALYZE evidence")  # statistics for the new indexes, as 0004 does


def downgrade() -> None:
    for column in TARGETS:
        name = f"ix_evidence_{column}"
        op.drop_index(name, table_name="evidence")
        op.create_index(name, "evidence", [column])
