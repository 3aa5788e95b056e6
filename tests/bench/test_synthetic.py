"""bench/synthetic.py at a tiny scale, on both databases: every constraint holds, the app reads it, the seed repeats it."""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.db import build_engine
from app.main import create_app
from app.models import Engagement, Evidence, Person
from app.text_keys import fold_key
from tests.databases import scratch_postgres_database
from tests.dumps import KINDS, use_database

ROOT = Path(__file__).resolve().parents[2]


def _synthetic() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "bench" / "synthetic.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["synthetic"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=KINDS)
def url(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'synthetic.db'}"
        return
    with scratch_postgres_database("engagements_synthetic") as scratch:
        yield scratch


def test_a_small_generated_database_is_valid_and_searchable(url: str) -> None:
    synthetic = _synthetic()
    counts = synthetic.generate(url, 300, seed=3)
    assert counts["engagement"] == 300
    assert 5 * 300 <= counts["participation"] <= 7 * 300
    assert 1.5 * 300 <= counts["agreed_action"] <= 2.5 * 300
    engine = build_engine(url)
    try:
        with Session(engine) as session:
            if engine.dialect.name == "sqlite":
                assert session.execute(text("PRAGMA foreign_key_check")).all() == []
            assert session.scalar(select(func.count()).select_from(Engagement)) == 300
            # Derived columns as ingest computes them.
            for name, key in session.execute(select(Person.name, Person.name_key).limit(200)):
                assert key == fold_key(name)
            for quote, start, end, document_text in session.execute(
                text("SELECT e.quote, e.char_start, e.char_end, d.text FROM evidence e JOIN document d ON d.id = e.document_id LIMIT 300")
            ):
                assert document_text[start:end] == quote
            assert session.scalar(select(func.count()).select_from(Evidence)) == counts["evidence"]
            # Ids were given by the generator: the next record the database numbers gets a fresh one.
            newest = session.scalar(select(func.max(Person.id)))
            person = Person(name="Zed Newcomer", name_key="zed newcomer", country_code="US")
            session.add(person)
            session.flush()
            assert person.id > newest  # type: ignore[operator]
            session.rollback()
            title_word = session.scalar(select(Engagement.title).where(Engagement.deleted_at.is_(None), Engagement.review_state == "pending").limit(1)).split()[-1]  # type: ignore[union-attr]
    finally:
        engine.dispose()
    with use_database(url), TestClient(create_app()) as client:
        assert client.get("/engagements").json()["total"] > 250
        assert client.get("/engagements", params={"q": title_word}).json()["total"] >= 1
        assert client.get("/stats/engagements/by-year").status_code == 200


def test_the_same_seed_gives_the_same_rows(tmp_path: Path) -> None:
    synthetic = _synthetic()
    first, second = (synthetic._Generator(50, seed=11) for _ in range(2))
    assert first.reference() == second.reference()
    assert list(first.batches()) == list(second.batches())
