"""The database itself refuses bad rows, on SQLite and PostgreSQL alike."""

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import Engagement, Evidence, Participation, Person
from tests.factories import make_document, make_engagement, make_person, make_series


def engagement(**values: object) -> Engagement:
    base: dict[str, object] = {"title": "t", "type": "meeting", "country_a": "CO", "country_b": "US", "start_precision": "unknown"}
    base.update(values)
    return Engagement(**base)


BAD_ROWS: dict[str, Callable[[Session], object]] = {
    "countries out of order": lambda s: engagement(country_a="US", country_b="CO"),
    "same country twice": lambda s: engagement(country_a="US", country_b="US"),
    "end before start": lambda s: engagement(
        start_date=date(2024, 5, 9), start_precision="day", end_date=date(2024, 5, 5), end_precision="day",
        earliest_date=date(2024, 5, 9), latest_date=date(2024, 5, 9),
    ),
    "date without precision": lambda s: engagement(start_date=date(2024, 5, 9), earliest_date=date(2024, 5, 9), latest_date=date(2024, 5, 9)),
    "edition without series": lambda s: engagement(edition=3),
    "negative action count": lambda s: engagement(agreed_actions_reported=-1),
    "participation of a missing engagement": lambda s: Participation(engagement_id=999999, person_id=make_person(s).id),
    "evidence for two facts": lambda s: _evidence_for_two(s),
    "evidence for no fact": lambda s: Evidence(document_id=make_document(s).id, char_start=0, char_end=3, quote="BOG"),
    "empty evidence span": lambda s: Evidence(document_id=make_document(s).id, char_start=3, char_end=3, quote="", engagement_id=make_engagement(s).id),
}


def _evidence_for_two(session: Session) -> Evidence:
    document = make_document(session)
    first = make_engagement(session)
    person = make_person(session)
    participation = Participation(engagement_id=first.id, person_id=person.id)
    session.add(participation)
    session.flush()
    return Evidence(document_id=document.id, char_start=0, char_end=3, quote="BOG", engagement_id=first.id, participation_id=participation.id)


@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_bad_rows_are_refused(session: Session, case: str) -> None:
    row = BAD_ROWS[case](session)
    with pytest.raises(IntegrityError):
        with session.begin_nested():
            session.add(row)
            session.flush()


def test_duplicates_are_refused(session: Session) -> None:
    make_person(session, "Ana Gómez", "CO")
    with pytest.raises(IntegrityError):
        with session.begin_nested():
            session.add(Person(name="Ana Gomez", name_key="ana gomez", country_code="CO"))
            session.flush()
    series = make_series(session)
    make_engagement(session, series_id=series.id, edition=4)
    with pytest.raises(IntegrityError):
        with session.begin_nested():
            make_engagement(session, series_id=series.id, edition=4)


def test_enum_values_are_checked_by_the_database(session: Session) -> None:
    # The ORM already refuses 'parade'; raw SQL shows the database refuses it too.
    with pytest.raises(IntegrityError):
        with session.begin_nested():
            session.execute(
                text(
                    "INSERT INTO engagement (title, type, status, mode, country_a, country_b, start_precision, created_at, updated_at) "
                    "VALUES ('t', 'parade', 'held', 'unknown', 'CO', 'US', 'unknown', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )


def test_deleted_ids_are_never_handed_out_again(session: Session) -> None:
    first = make_person(session, "Kwame Mensah", "GH")
    first_id = first.id
    session.delete(first)
    session.flush()
    assert make_person(session, "Ama Owusu", "GH").id > first_id
