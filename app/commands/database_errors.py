"""One line for a database error at the command line: unreachable, not migrated, or refused."""

import re

from sqlalchemy.exc import SQLAlchemyError

from app.database_faults import CONNECTION_FAULTS, database_fault

NOT_MIGRATED = re.compile(r"no such table|relation \".*\" does not exist")


def database_problem(exc: SQLAlchemyError) -> str:
    """The database's own first line, prefixed with what it means for the operator.

    The operator's terminal may show the driver's words (host, port, user; never the password),
    unlike an API response.
    """
    lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    line = lines[0].strip() if lines else exc.__class__.__name__
    if NOT_MIGRATED.search(line):
        return f"database: {line} (run `engagements db upgrade` first)"
    fault = database_fault(exc)
    if fault is None:  # reached, and refused: permissions, a schema that is not this one
        return f"database: {line}"
    if fault in CONNECTION_FAULTS:
        return f"cannot reach the database: {line}"
    return f"database unavailable ({fault.reason}): {line}"
