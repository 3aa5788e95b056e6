"""What a person decided survives reloading: forced re-extraction and an edited article alike."""

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.auth.actor import COMMAND_LINE
from app.curation import service as curation
from app.curation.etag import etag_of
from app.db import session_scope
from app.ingest.seed import default_extractor, seed_paths
from app.locations import writes as location_writes
from app.models import AgreedAction, Document, Engagement, Evidence, Location, Organization, Participation, Person
from app.models.enums import ReviewState

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "documents"
STAFF_TALKS = "001_b2a8123237666524.txt"  # the 11th U.S.-Peru Army Staff Talks, in Lima
FACTS = (Engagement, Participation, Person, Organization, Location, AgreedAction)


def _ryan(session: Session) -> Participation:
    return session.scalars(select(Participation).join(Person).where(Person.name_key == "phil ryan")).one()


def _actions(session: Session, description: str) -> list[AgreedAction]:
    return list(session.scalars(select(AgreedAction).where(AgreedAction.description == description)))


def _velez(session: Session) -> list[Person]:
    return list(session.scalars(select(Person).where(Person.name_key.contains("velez"))))


def _lima(session: Session) -> Location:
    engagement = session.scalars(select(Engagement).where(Engagement.edition == 11)).one()
    return session.get_one(Location, engagement.location_id)


def _curate(factory: sessionmaker[Session]) -> None:
    """An editor's day: correct a rank, reject an action, delete an official, rename a place."""
    with session_scope(factory) as session:
        ryan = _ryan(session)
        curation.update(session, COMMAND_LINE, ryan, etag_of(ryan), {"rank": "Brig. Gen."})
        [action] = _actions(session, "disaster response")
        curation.review(session, COMMAND_LINE, action, etag_of(action), "reject")
        [velez] = _velez(session)
        curation.delete(session, COMMAND_LINE, velez, etag_of(velez))
        lima = _lima(session)
        changes = location_writes.prepare(session, lima, {"name": "Lima (Peru)"})
        curation.update(session, COMMAND_LINE, lima, etag_of(lima), changes)


def _untouched_ids(factory: sessionmaker[Session]) -> dict[str, set[int]]:
    with session_scope(factory) as session:
        return {
            model.__tablename__: {row.id for row in session.scalars(select(model)) if not row.is_curated}  # type: ignore[attr-defined]
            for model in FACTS
        }


def _all_ids(factory: sessionmaker[Session]) -> dict[str, set[int]]:
    with session_scope(factory) as session:
        return {model.__tablename__: set(session.scalars(select(model.id))) for model in FACTS}  # type: ignore[attr-defined]


def _assert_curation_kept(factory: sessionmaker[Session], lima_id: int) -> None:
    with session_scope(factory) as session:
        ryan = _ryan(session)
        assert (ryan.rank, ryan.review_state) == ("Brig. Gen.", ReviewState.corrected)
        [action] = _actions(session, "disaster response")
        assert action.review_state == ReviewState.rejected
        [velez] = _velez(session)
        assert velez.deleted_at is not None
        lima = _lima(session)
        assert (lima.id, lima.name) == (lima_id, "Lima (Peru)")
        assert session.scalars(select(Location).where(Location.name_key == "lima")).all() == []


@pytest.fixture
def curated(ingest_factory: sessionmaker[Session], tmp_path: Path) -> tuple[Path, int, dict[str, set[int]]]:
    """The seed documents loaded from a copy, then curated; (folder, Lima's id, every fact id)."""
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    assert seed_paths([folder], ingest_factory, default_extractor()).failures == []
    _curate(ingest_factory)
    with session_scope(ingest_factory) as session:
        lima_id = _lima(session).id
    return folder, lima_id, _all_ids(ingest_factory)


def test_forced_reseed_keeps_every_decision_and_every_id(ingest_factory: sessionmaker[Session], curated: tuple[Path, int, dict[str, set[int]]]) -> None:
    folder, lima_id, before = curated
    summary = seed_paths([folder], ingest_factory, default_extractor(), force=True)
    assert (summary.replaced, summary.skipped, summary.failures) == (5, 0, [])
    assert "re-extracted" in summary.lines()[0]
    _assert_curation_kept(ingest_factory, lima_id)
    assert _all_ids(ingest_factory) == before  # nothing new, nothing lost, nothing renumbered


def test_an_edited_article_keeps_every_decision(ingest_factory: sessionmaker[Session], curated: tuple[Path, int, dict[str, set[int]]]) -> None:
    folder, lima_id, before = curated
    untouched = _untouched_ids(ingest_factory)
    path = folder / STAFF_TALKS
    first, rest = path.read_text(encoding="utf-8").split("\n\n", 1)
    # Every later span moves: old evidence is then found by its quote, not its offsets.
    path.write_text(first + "\n\nEditor's note: this article was updated on May 14 to correct a photo caption.\n\n" + rest, encoding="utf-8")
    summary = seed_paths([folder], ingest_factory, default_extractor())
    assert (summary.replaced, summary.skipped, summary.failures) == (1, 4, [])
    _assert_curation_kept(ingest_factory, lima_id)
    after = _all_ids(ingest_factory)
    assert after == before
    assert all(untouched[name] <= after[name] for name in untouched)


def test_a_merged_place_resolves_to_its_survivor(ingest_factory: sessionmaker[Session], tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(SEEDS / STAFF_TALKS, folder / STAFF_TALKS)
    seed_paths([folder], ingest_factory, default_extractor())
    with session_scope(ingest_factory) as session:
        # A person recorded Lima under another name and merged the extracted row into it.
        survivor = Location(name="Ciudad de Lima", name_key="ciudad de lima", kind="city", country_code="PE")
        session.add(survivor)
        session.flush()
        duplicate = _lima(session)
        duplicate.merged_into_id, duplicate.deleted_at = survivor.id, datetime.now(UTC)
        ids = (duplicate.id, survivor.id)
    (folder / "reprint.txt").write_text((folder / STAFF_TALKS).read_text(encoding="utf-8") + "\nReprinted.", encoding="utf-8")
    assert seed_paths([folder], ingest_factory, default_extractor()).failures == []
    with session_scope(ingest_factory) as session:
        assert set(session.scalars(select(Location.id))) == set(ids)  # no new Lima
        cited = session.scalars(
            select(Evidence.location_id).join(Document).where(Document.source_ref == "reprint.txt", Evidence.location_id.is_not(None))
        ).all()
        assert set(cited) == {ids[1]}
