"""Seeding many files: idempotency, per-document savepoints committed in batches, cross-document warnings."""

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.db import session_scope
from app.extraction.records import Span
from app.ingest import batches
from app.ingest.consistency import ADMINISTRATION_DATE, EDITION_YEAR
from app.ingest.seed import default_extractor, seed_paths
from app.models import Base, DataQualityWarning, Document, Engagement, Evidence, Organization, Participation, Person
from tests.ingest.builders import FakeExtractor, day, engagement, participant, result
from tests.ingest.documents import TEXT_2021, TEXT_2025, extraction_2021, extraction_2025

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds" / "documents"
BAD_TEXT = "WASHINGTON – A Peru-Peru meeting that cannot be stored: Col. Ana Torres attended."


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _snapshot(factory: sessionmaker[Session]) -> dict[str, list[int]]:
    """Every table's ids: equal snapshots mean nothing was added, removed or renumbered."""
    with session_scope(factory) as session:
        return {
            table.name: list(session.scalars(select(table.c.id).order_by(table.c.id)))
            for table in Base.metadata.sorted_tables
        }


def _pair_extractor() -> FakeExtractor:
    return FakeExtractor({TEXT_2021: extraction_2021(), TEXT_2025: extraction_2025()})


def test_seeding_twice_is_idempotent(ingest_factory: sessionmaker[Session], tmp_path: Path) -> None:
    folder = _write(tmp_path / "docs", {"a.txt": TEXT_2021, "b.txt": TEXT_2025})
    extract = _pair_extractor()
    first = seed_paths([folder], ingest_factory, extract)
    before = _snapshot(ingest_factory)
    second = seed_paths([folder], ingest_factory, extract)
    assert (first.loaded, first.failed, second.skipped, second.loaded, second.failed) == (2, 0, 2, 0, 0)
    assert extract.calls == 2  # unchanged files are not even extracted again
    assert _snapshot(ingest_factory) == before
    assert first.totals == second.totals
    assert first.totals["warnings"] == 2


def test_a_failing_document_leaves_nothing_behind_and_the_others_load(ingest_factory: sessionmaker[Session], tmp_path: Path) -> None:
    # Persons are flushed before the engagement, so the CHECK on the country pair fails mid-way.
    bad = result(
        engagement(BAD_TEXT, "A Peru-Peru meeting", countries=("PE", "PE"), type="meeting",
                   participants=[participant(BAD_TEXT, "Ana Torres", country="PE", rank="Col.")])
    )
    extract = FakeExtractor({TEXT_2021: extraction_2021(), BAD_TEXT: bad, TEXT_2025: extraction_2025()})
    folder = _write(tmp_path / "docs", {"a.txt": TEXT_2021, "b_bad.txt": BAD_TEXT, "c.txt": TEXT_2025})
    summary = seed_paths([folder], ingest_factory, extract)
    assert summary.loaded == 2
    [(path, reason)] = summary.failures
    assert path.endswith("b_bad.txt") and reason.startswith("IntegrityError") and "\n" not in reason
    with session_scope(ingest_factory) as session:
        assert session.scalars(select(Document.source_ref).order_by(Document.source_ref)).all() == ["a.txt", "c.txt"]
        assert session.scalars(select(Person).where(Person.name_key == "ana torres")).all() == []
        assert session.scalar(select(func.count()).select_from(Engagement)) == 2


@pytest.mark.parametrize(("batch_seconds", "write_sessions"), [(3600, 1), (0, 3)])
def test_documents_commit_in_batches_and_a_failing_one_rolls_back_alone(
    ingest_factory: sessionmaker[Session], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_seconds: float, write_sessions: int
) -> None:
    # One batch for the three documents, or (no batch may last) one commit per document:
    # either way the document that fails half-way leaves nothing and its neighbours load.
    monkeypatch.setattr(batches, "COMMIT_EVERY_SECONDS", batch_seconds)
    opened: list[Session] = []

    def counting_factory() -> Session:
        session = ingest_factory()
        opened.append(session)
        return session

    bad = result(
        engagement(BAD_TEXT, "A Peru-Peru meeting", countries=("PE", "PE"), type="meeting",
                   participants=[participant(BAD_TEXT, "Ana Torres", country="PE", rank="Col.")])
    )
    extract = FakeExtractor({TEXT_2021: extraction_2021(), BAD_TEXT: bad, TEXT_2025: extraction_2025()})
    folder = _write(tmp_path / "docs", {"a.txt": TEXT_2021, "b_bad.txt": BAD_TEXT, "c.txt": TEXT_2025})
    summary = seed_paths([folder], counting_factory, extract)  # type: ignore[arg-type]
    assert (summary.loaded, summary.failed) == (2, 1)
    # Besides the loading: the stored hashes, the cross-document checks and the totals.
    assert len(opened) == write_sessions + 3
    with session_scope(ingest_factory) as session:
        assert session.scalars(select(Document.source_ref).order_by(Document.source_ref)).all() == ["a.txt", "c.txt"]
        assert session.scalars(select(Person).where(Person.name_key == "ana torres")).all() == []
    assert summary.totals["warnings"] == 2


def test_a_failing_changed_document_keeps_its_previous_version(ingest_factory: sessionmaker[Session], tmp_path: Path) -> None:
    folder = _write(tmp_path / "docs", {"a.txt": TEXT_2021})
    seed_paths([folder], ingest_factory, _pair_extractor())
    before = _snapshot(ingest_factory)
    changed = TEXT_2021 + " More."
    broken = extraction_2021(changed)
    # Fails after the old evidence is gone and rows are written: the rollback must undo both.
    broken.engagements[0].agreed_actions[0].evidence = [Span(0, len(changed) + 1)]
    _write(folder, {"a.txt": changed})
    summary = seed_paths([folder], ingest_factory, FakeExtractor({changed: broken}))
    assert summary.failed == 1
    assert _snapshot(ingest_factory) == before


def test_edition_year_contradiction_is_a_warning_with_evidence_from_both_documents(ingest_factory: sessionmaker[Session], tmp_path: Path) -> None:
    folder = _write(tmp_path / "docs", {"a.txt": TEXT_2021, "b.txt": TEXT_2025})
    seed_paths([folder], ingest_factory, _pair_extractor())
    with session_scope(ingest_factory) as session:
        warnings = session.scalars(select(DataQualityWarning).where(DataQualityWarning.code == EDITION_YEAR)).all()
        editions = {session.get_one(Engagement, w.engagement_id).edition for w in warnings if w.engagement_id}
        assert editions == {6, 11}
        assert "2025 edition 10" in warnings[0].message
        cited = session.execute(
            select(Document.source_ref, Evidence.quote)
            .join(Document)
            .where(Evidence.data_quality_warning_id == warnings[0].id)
        ).all()
        assert {ref for ref, _ in cited} == {"a.txt", "b.txt"}
        assert any("6th" in quote for _, quote in cited) and any("11th" in quote for _, quote in cited)


def test_administration_outside_its_term_is_a_warning(ingest_factory: sessionmaker[Session], tmp_path: Path) -> None:
    text = "WASHINGTON – Officials met on Feb. 3, 2025, a sign of the Biden administration's focus on Peru."
    extraction = result(engagement(text, "Officials met on Feb. 3, 2025", type="meeting", start=day(2025, 2, 3)))
    folder = _write(tmp_path / "docs", {"admin.txt": text})
    seed_paths([folder], ingest_factory, FakeExtractor({text: extraction}))
    seed_paths([folder], ingest_factory, FakeExtractor({text: extraction}))
    with session_scope(ingest_factory) as session:
        warning = session.scalars(select(DataQualityWarning).where(DataQualityWarning.code == ADMINISTRATION_DATE)).one()
        assert warning.engagement_id is not None
        quotes = set(session.scalars(select(Evidence.quote).where(Evidence.data_quality_warning_id == warning.id)))
        assert quotes == {"the Biden administration", "Officials met on Feb. 3, 2025"}


# End to end over the real seed files: these need the extractor (app.extraction.pipeline).


def test_seed_files_load_twice_without_change(ingest_factory: sessionmaker[Session]) -> None:
    extract = default_extractor()
    first = seed_paths([SEEDS], ingest_factory, extract)
    assert (first.loaded, first.failures) == (5, [])
    before = _snapshot(ingest_factory)
    second = seed_paths([SEEDS], ingest_factory, extract)
    assert (second.skipped, second.failures) == (5, [])
    assert _snapshot(ingest_factory) == before


def test_seed_files_resolve_entities_and_keep_contradictions(ingest_factory: sessionmaker[Session]) -> None:
    seed_paths([SEEDS], ingest_factory, default_extractor())
    with session_scope(ingest_factory) as session:
        astudillo = session.scalars(select(Person).where(Person.name_key == "walter astudillo")).one()
        # One person, a participation in each of the two engagements (002 meeting, 004 visit).
        engagements = session.scalars(select(Participation.engagement_id).where(Participation.person_id == astudillo.id)).all()
        assert len(set(engagements)) == 2
        assert len(session.scalars(select(Person).where(Person.name_key.contains("vizcarra"))).all()) == 1
        army_south = session.scalars(select(Organization).where(Organization.country_code == "US", Organization.name_key.contains("south"))).all()
        assert len(army_south) == 1
        codes = set(session.scalars(select(DataQualityWarning.code)))
        assert EDITION_YEAR in codes
        assert codes & {"administration_date_mismatch", "administration_official_mismatch"}
