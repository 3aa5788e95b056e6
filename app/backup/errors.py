"""What can stop an export or an import: the dump file, or the database it meets."""


class DumpInvalid(Exception):
    """The dump cannot be restored as it is: unreadable, malformed, incomplete or from another schema."""


class DatabaseNotReady(Exception):
    """The database cannot take part as it is: not migrated, at another revision, or not empty."""
