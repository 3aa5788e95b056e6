"""Loading one document at a time: resolution across documents, evidence, replace-on-change."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.db import session_scope
from app.ingest.load import Outcome, load_document
from app.models import (
    AgreedAction,
    DataQualityWarning,
    Document,
    Engagement,
    Evidence,
    Location,
    Organization,
    Participation,
    Person,
)
from tests.ingest.documents import TEXT_2021, TEXT_2025, extraction_2021, extraction_2025, with_note


def _load_both(factory: sessionmaker[Session]) -> None:
    with session_scope(factory) as session:
        load_document(session, "a.txt", TEXT_2021, extraction_2021())
    with session_scope(factory) as session:
        load_document(session, "b.txt", TEXT_2025, extraction_2025())


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_same_person_in_two_documents_is_one_person_with_per_engagement_rank(ingest_factory: sessionmaker[Session]) -> None:
    _load_both(ingest_factory)
    with session_scope(ingest_factory) as session:
        people = session.scalars(select(Person).where(Person.name_key.contains("vizcarra"))).all()
        assert len(people) == 1
        rows = session.execute(
            select(Participation.rank, Participation.title, Engagement.edition)
            .join(Engagement, Engagement.id == Participation.engagement_id)
            .where(Participation.person_id == people[0].id)
            .order_by(Engagement.edition)
        ).all()
        assert [tuple(r) for r in rows] == [("Lt. Gen.", "chief of staff", 6), ("Gen.", "commanding general", 11)]
        assert _count(session, Engagement) == 2


def test_acronym_and_full_name_are_one_organization(ingest_factory: sessionmaker[Session]) -> None:
    _load_both(ingest_factory)
    with session_scope(ingest_factory) as session:
        us_orgs = session.scalars(select(Organization).where(Organization.country_code == "US")).all()
        assert [(o.name, o.acronym) for o in us_orgs] == [("U.S. Army South", "USARSOUTH")]
        org_ids = set(session.scalars(select(Participation.organization_id).join(Person).where(Person.country_code == "US")))
        assert org_ids == {us_orgs[0].id}


def test_every_fact_has_evidence_quoting_its_document(ingest_factory: sessionmaker[Session]) -> None:
    _load_both(ingest_factory)
    with session_scope(ingest_factory) as session:
        texts = {row[0]: row[1] for row in session.execute(select(Document.id, Document.text))}
        evidence = session.scalars(select(Evidence)).all()
        assert evidence
        assert all(texts[e.document_id][e.char_start : e.char_end] == e.quote for e in evidence)
        for column in (Evidence.engagement_id, Evidence.participation_id, Evidence.location_id, Evidence.agreed_action_id):
            assert session.scalar(select(func.count()).where(column.is_not(None))), column
        document = session.scalars(select(Document).where(Document.source_ref == "a.txt")).one()
        assert (document.title, document.published_date.isoformat() if document.published_date else None) == ("6th staff talks", "2021-05-21")


def test_unchanged_document_is_skipped(ingest_factory: sessionmaker[Session]) -> None:
    _load_both(ingest_factory)
    with session_scope(ingest_factory) as session:
        assert load_document(session, "a.txt", TEXT_2021, extraction_2021()) is Outcome.skipped


def test_changed_document_replaces_only_its_own_facts(ingest_factory: sessionmaker[Session]) -> None:
    _load_both(ingest_factory)
    with session_scope(ingest_factory) as session:
        before_a = _facts_of(session, "a.txt")
        assert session.scalars(select(Person.id).where(Person.name == "Phil Ryan")).one()
    changed = TEXT_2025.replace("Phil Ryan", "Ann Smith")
    with session_scope(ingest_factory) as session:
        assert load_document(session, "b.txt", changed, extraction_2025(changed, ryan="Ann Smith")) is Outcome.replaced
    with session_scope(ingest_factory) as session:
        assert _facts_of(session, "a.txt") == before_a
        # Only b.txt supported him. (Checked by name: SQLite may hand his id to the new row.)
        assert session.scalars(select(Person.id).where(Person.name == "Phil Ryan")).all() == []
        assert session.scalars(select(Person.name).where(Person.name == "Ann Smith")).one()
        assert _count(session, Document) == 2
        assert _count(session, Engagement) == 2
        assert _count(session, Location) == 1  # Lima: still supported by both
        assert all(q != "Ryan" for q in session.scalars(select(Evidence.quote)))


def test_removing_a_documents_only_engagement_deletes_it_and_its_orphans(ingest_factory: sessionmaker[Session]) -> None:
    _load_both(ingest_factory)
    empty = TEXT_2025 + " (retracted)"
    from tests.ingest.builders import result

    with session_scope(ingest_factory) as session:
        load_document(session, "b.txt", empty, result())
    with session_scope(ingest_factory) as session:
        assert session.scalars(select(Engagement.edition)).all() == [6]
        assert session.scalars(select(Person.name).order_by(Person.name)).all() == ["Daniel Walrath", "José Vizcarra Álvarez"]
        assert _count(session, AgreedAction) == 1


def test_extractor_notes_become_warnings_and_are_replaced_with_their_document(ingest_factory: sessionmaker[Session]) -> None:
    with session_scope(ingest_factory) as session:
        load_document(session, "a.txt", TEXT_2021, with_note(extraction_2021(), TEXT_2021, "May 20, 2021"))
    with session_scope(ingest_factory) as session:
        warning = session.scalars(select(DataQualityWarning)).one()
        assert (warning.code, warning.engagement_id is not None) == ("date_doubt", True)
        quotes = session.scalars(select(Evidence.quote).where(Evidence.data_quality_warning_id == warning.id)).all()
        assert quotes == ["May 20, 2021"]
    changed = TEXT_2021 + " Updated."
    with session_scope(ingest_factory) as session:
        load_document(session, "a.txt", changed, extraction_2021(changed))
    with session_scope(ingest_factory) as session:
        assert _count(session, DataQualityWarning) == 0


def _facts_of(session: Session, source_ref: str) -> list[tuple[object, ...]]:
    rows = session.execute(
        select(
            Evidence.id, Evidence.quote, Evidence.engagement_id, Evidence.participation_id,
            Evidence.location_id, Evidence.agreed_action_id,
        )
        .join(Document)
        .where(Document.source_ref == source_ref)
        .order_by(Evidence.id)
    )
    return [tuple(r) for r in rows]
