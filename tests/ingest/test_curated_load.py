"""The loader and curated records, on hand-built extractions: curated fields, kept rows, merges."""

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.db import session_scope
from app.ingest.load import Outcome, load_document
from app.models import AgreedAction, Engagement, Organization, Participation, Person
from app.models.enums import ReviewState
from tests.ingest.builders import result
from tests.ingest.documents import TEXT_2021, extraction_2021

REPRINT = TEXT_2021 + " (Reprinted.)"


def _walrath(session: Session) -> Participation:
    return session.scalars(select(Participation).join(Person).where(Person.name_key == "daniel walrath")).one()


def test_a_field_a_person_cleared_stays_empty_and_others_still_fill(ingest_factory: sessionmaker[Session]) -> None:
    with session_scope(ingest_factory) as session:
        load_document(session, "a.txt", TEXT_2021, extraction_2021())
    with session_scope(ingest_factory) as session:
        walrath = _walrath(session)
        walrath.rank, walrath.title, walrath.curated_fields = None, None, ["rank"]
    with session_scope(ingest_factory) as session:
        reprint = extraction_2021(REPRINT)
        reprint.engagements[0].participants[0].title = "commanding general"
        load_document(session, "b.txt", REPRINT, reprint)
    with session_scope(ingest_factory) as session:
        walrath = _walrath(session)
        assert (walrath.rank, walrath.title) == (None, "commanding general")


def test_forced_reload_of_an_unchanged_document_keeps_ids(ingest_factory: sessionmaker[Session]) -> None:
    with session_scope(ingest_factory) as session:
        load_document(session, "a.txt", TEXT_2021, extraction_2021())
        ids = {model: set(session.scalars(select(model.id))) for model in (Engagement, Participation, Person, AgreedAction)}
    with session_scope(ingest_factory) as session:
        assert load_document(session, "a.txt", TEXT_2021, extraction_2021()) is Outcome.skipped
        assert load_document(session, "a.txt", TEXT_2021, extraction_2021(), force=True) is Outcome.replaced
    with session_scope(ingest_factory) as session:
        assert {model: set(session.scalars(select(model.id))) for model in ids} == ids


def test_rows_a_person_touched_outlive_the_text_that_stated_them(ingest_factory: sessionmaker[Session]) -> None:
    with session_scope(ingest_factory) as session:
        load_document(session, "a.txt", TEXT_2021, extraction_2021())
        action = session.scalars(select(AgreedAction)).one()
        action.review_state = ReviewState.rejected
        vizcarra = session.scalars(select(Person).where(Person.name_key.contains("vizcarra"))).one()
        vizcarra.deleted_at = datetime.now(UTC)
        _walrath(session).curated_fields = ["title"]  # only a field set: still a person's work
    with session_scope(ingest_factory) as session:
        load_document(session, "a.txt", TEXT_2021 + " Retracted.", result())
    with session_scope(ingest_factory) as session:
        # Touched rows stay (and keep their engagement); Vizcarra's untouched participation goes.
        assert session.scalars(select(AgreedAction.review_state)).all() == [ReviewState.rejected]
        assert session.scalars(select(Engagement.edition)).all() == [6]
        assert [p.person_id for p in session.scalars(select(Participation))] == [_walrath(session).person_id]
        people = {p.name_key: p.deleted_at is not None for p in session.scalars(select(Person))}
        assert people == {"daniel walrath": False, "jose vizcarra alvarez": True}
    with session_scope(ingest_factory) as session:
        load_document(session, "a.txt", TEXT_2021, extraction_2021())
    with session_scope(ingest_factory) as session:
        assert session.scalars(select(AgreedAction.review_state)).all() == [ReviewState.rejected]  # not brought back as new
        assert len(session.scalars(select(Person).where(Person.name_key.contains("vizcarra"))).all()) == 1


def test_merged_people_and_organizations_resolve_to_the_survivor(ingest_factory: sessionmaker[Session]) -> None:
    with session_scope(ingest_factory) as session:
        load_document(session, "a.txt", TEXT_2021, extraction_2021())
        now = datetime.now(UTC)
        person = Person(name="D. R. Walrath", name_key="d r walrath", country_code="US")
        org = Organization(name="United States Army South", name_key="united states army south", country_code="US")
        session.add_all([person, org])
        session.flush()
        old_person = session.scalars(select(Person).where(Person.name_key == "daniel walrath")).one()
        old_org = session.scalars(select(Organization).where(Organization.name_key == "u s army south")).one()
        old_person.merged_into_id, old_person.deleted_at = person.id, now
        old_org.merged_into_id, old_org.deleted_at = org.id, now
        survivors = (person.id, org.id)
    with session_scope(ingest_factory) as session:
        load_document(session, "b.txt", REPRINT, extraction_2021(REPRINT))
    with session_scope(ingest_factory) as session:
        participations = session.scalars(select(Participation).where(Participation.person_id == survivors[0])).all()
        assert [p.organization_id for p in participations] == [survivors[1]]
