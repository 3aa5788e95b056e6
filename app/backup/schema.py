"""Which schema revision a database and a dump are at, and whether they fit this release.

A dump restores into exactly the schema it was made from: the models describe the latest
revision only, and a migration may change data as well as columns, so restoring an older
dump into a newer schema could not promise an exact copy. The way forward is always the
migrations: restore, then `engagements db upgrade`.
"""

from dataclasses import dataclass

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from app.backup.errors import DatabaseNotReady, DumpInvalid

UPGRADE = "`engagements db upgrade`"


@dataclass(frozen=True)
class SchemaHistory:
    """The schema revisions this release knows, newest first."""

    revisions: tuple[str, ...]

    @classmethod
    def of(cls, scripts: ScriptDirectory) -> "SchemaHistory":
        return cls(tuple(script.revision for script in scripts.walk_revisions()))

    @property
    def head(self) -> str:
        return self.revisions[0]


def database_revision(connection: Connection) -> str | None:
    """The revision the database was migrated to; None when it never was."""
    return MigrationContext.configure(connection).get_current_revision()


def require_current(revision: str | None, history: SchemaHistory) -> str:
    """The database's revision, when it is the one this release's models describe."""
    if revision is None:
        raise DatabaseNotReady(f"the database has no schema yet: run {UPGRADE} first")
    if revision == history.head:
        return revision
    if revision in history.revisions:
        raise DatabaseNotReady(
            f"the database is at schema revision {revision}, this engagements needs {history.head}: run {UPGRADE}"
        )
    raise DatabaseNotReady(
        f"the database is at schema revision {revision}, which this engagements does not know: use the newer release that migrated it"
    )


def require_same(dump_revision: str, history: SchemaHistory) -> None:
    """Refuse a dump made at another revision than this release's."""
    if dump_revision == history.head:
        return
    if dump_revision in history.revisions:
        raise DumpInvalid(
            f"the dump is from schema revision {dump_revision}, older than this engagements' {history.head}: "
            f"import it with the release that made it, then run {UPGRADE} (see docs/backup.md)"
        )
    raise DumpInvalid(
        f"the dump is from schema revision {dump_revision}, newer than this engagements' {history.head}: "
        f"upgrade engagements, run {UPGRADE}, then import"
    )
