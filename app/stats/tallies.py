"""Counts the database keeps current with triggers (migration 0008), for the dashboard aggregates.

- `engagement_action_tally`: per engagement, its visible agreed actions (not deleted, not
  rejected) per status, one column per status; no row for an engagement that never had one.
- `person_engagement_tally`: per person, the visible participations in visible engagements
  (what the unfiltered top officials count).

They are derived from the models' rows and declared here, not on the models, so that Alembic's
comparison and the dumps leave them out (app/schema_extras.py). Only reads use these tables;
the triggers are their one writer.
"""

import operator
from functools import reduce

from sqlalchemy import Column, ColumnElement, Integer, MetaData, Table

from app.models.enums import ActionStatus

_TALLIES = MetaData()

engagement_action_tally = Table(
    "engagement_action_tally",
    _TALLIES,
    Column("engagement_id", Integer, primary_key=True),
    *(Column(status.value, Integer, nullable=False) for status in ActionStatus),
)

person_engagement_tally = Table(
    "person_engagement_tally",
    _TALLIES,
    Column("person_id", Integer, primary_key=True),
    Column("engagements", Integer, nullable=False),
)

TALLY_TABLES = ("engagement_action_tally", "person_engagement_tally")
TALLY_INDEXES = ("ix_person_engagement_tally_engagements",)


def actions_with_status(status: ActionStatus) -> ColumnElement[int]:
    """An engagement's visible actions in `status`."""
    return engagement_action_tally.c[status.value]


def all_actions() -> ColumnElement[int]:
    """An engagement's visible actions, whatever their status."""
    return reduce(operator.add, (actions_with_status(status) for status in ActionStatus))
