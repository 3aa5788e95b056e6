"""Shapes: the columns a schema reads, and what a joined row becomes (a link, or no link)."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.engagements.schemas import EngagementParticipantRead, EngagementSummary
from app.locations.schemas import LocationRead
from app.models import Engagement, Location, Participation
from app.row_shapes import Shape, read_rows, selects_columns_only
from tests.factories import make_engagement, make_location

LOCATION = Shape(Location, LocationRead, "location__", hide_deleted=True)


def test_a_shape_reads_the_schemas_columns_and_nothing_nested() -> None:
    summary = Shape(Engagement, EngagementSummary)
    assert {"id", "version", "title", "start_precision", "start_date", "agreed_actions_reported"} <= set(summary.names)
    assert not {"location", "series", "summary", "deleted_at"} & set(summary.names)  # nested, or not in the schema
    assert [column.key for column in LOCATION.columns][-1] == "location__deleted_at"


def test_a_validation_alias_names_the_column_read() -> None:
    participant = Shape(Participation, EngagementParticipantRead)
    assert "id" in participant.names and "participation_id" not in participant.names
    assert "person" not in participant.names and "organization" not in participant.names


def engagement_rows(session: Session) -> dict[str, dict | None]:
    statement = (
        select(Engagement.title, *LOCATION.columns)
        .outerjoin(Location, Location.id == Engagement.location_id)
        .order_by(Engagement.title)
    )
    return {row["title"]: LOCATION.read(row) for row in session.execute(statement).mappings()}


def test_a_joined_link_reads_as_its_fields_and_a_missing_or_deleted_one_as_none(session: Session) -> None:
    lima = make_location(session, "Lima", "PE", latitude=-12.0432, longitude=-77.0282)
    gone = make_location(session, "Callao", "PE")
    make_engagement(session, title="at Lima", location_id=lima.id)
    make_engagement(session, title="at Callao", location_id=gone.id)
    make_engagement(session, title="nowhere")
    gone.deleted_at = datetime.now(UTC)
    session.flush()

    rows = engagement_rows(session)

    assert rows["nowhere"] is None
    assert rows["at Callao"] is None
    at_lima = rows["at Lima"]
    assert at_lima is not None
    assert LocationRead.model_validate(at_lima).model_dump(include={"id", "name", "country_code", "latitude"}) == {
        "id": lima.id, "name": "Lima", "country_code": "PE", "latitude": -12.0432,
    }


@pytest.mark.parametrize(
    ("statement", "columns_only"),
    [
        (select(Engagement.id), True),
        (select(Engagement.title, *LOCATION.columns).outerjoin(Location, Location.id == Engagement.location_id), True),
        (select(func.count()).select_from(Engagement), True),
        (select(Location), False),
        (select(Location, func.count().label("engagements")), False),
    ],
)
def test_only_statements_of_columns_are_read_as_core(statement, columns_only: bool) -> None:
    assert selects_columns_only(statement) is columns_only


def test_read_rows_sees_the_sessions_own_uncommitted_rows(session: Session) -> None:
    # Core on the session's connection: the same transaction, so what the session flushed is there.
    lima = make_location(session, "Lima", "PE")
    session.flush()
    rows = read_rows(session, select(*LOCATION.columns).where(Location.id == lima.id)).mappings().all()
    # The same values, of the same types (enums, not strings), as the ORM's object holds.
    assert [LOCATION.read(row) for row in rows] == [{name: getattr(lima, name) for name in LOCATION.names}]
    assert rows[0]["location__name"] == "Lima"
