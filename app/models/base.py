"""Typed declarative base with a constraint naming convention for both databases."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, MetaData, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# SQLite otherwise hands a deleted row's id to the next insert; ids are public (URLs), so
# a bookmarked /participants/5 must never silently become someone else. PostgreSQL's
# sequences never reuse ids.
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


class UtcDateTime(TypeDecorator[datetime]):
    """A moment, always read back as an aware UTC datetime on both databases.

    SQLite keeps no zone (it stores text and its CURRENT_TIMESTAMP is UTC) and PostgreSQL
    answers in the session's zone; without this, the API would print the same moment as
    `2026-11-23T10:00:00` on one and `2026-11-23T11:00:00+01:00` on the other. A moment
    given without a zone is taken as UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else _as_utc(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else _as_utc(value)


def _as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(
        UtcDateTime(), server_default=func.now()
    )
    updated_at: Mapped[datetime] = mapped_column(
        UtcDateTime(), server_default=func.now(), onupdate=func.now()
    )
