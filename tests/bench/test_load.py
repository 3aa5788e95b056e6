"""bench/load.py's core, for two seconds against a live server on each database: no error, no lost write.

Not a timing test: it proves the load script works (every kind of request is made, the
counters' 412s are retried, every acknowledged write is found), not how fast anything is.
"""

import importlib.util
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from types import ModuleType

import pytest

from app import db
from app.auth import service as key_service
from app.main import create_app
from app.models.enums import Role
from tests.databases import migrate, reset_cached_settings, scratch_postgres_database
from tests.event_loops import run_on_own_thread
from tests.live_server import serve

REPO_ROOT = Path(__file__).resolve().parents[2]


def _load_script() -> ModuleType:
    # bench/ is not a package (and `bench` would clash with this folder's name): load by path.
    spec = importlib.util.spec_from_file_location("bench_load", REPO_ROOT / "bench" / "load.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_load"] = module
    spec.loader.exec_module(module)
    return module


load = _load_script()


@pytest.fixture(params=["sqlite", "postgresql"])
def live(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The app under uvicorn on a fresh migrated database; yields its URL and an editor key."""
    database: AbstractContextManager[str] = (
        scratch_postgres_database("engagements_load")
        if request.param == "postgresql"
        else nullcontext(f"sqlite:///{tmp_path / 'load.db'}")
    )
    with pytest.MonkeyPatch.context() as patch, database as url:
        patch.setenv("DATABASE_URL", url)
        reset_cached_settings()
        try:
            migrate(db.get_engine())
            with db.session_scope(write=True) as session:
                _, key = key_service.create(session, "load-editor", Role.editor)
            with serve(create_app()) as base_url:
                yield base_url, key
        finally:
            db.get_engine().dispose()
            reset_cached_settings()


def test_two_seconds_of_mixed_load_lose_nothing(live: tuple[str, str]) -> None:
    base_url, key = live
    result = run_on_own_thread(load.measure(base_url, key, duration=2, workers=4))

    assert result["errors"] == 0, result["error_samples"]
    assert set(result["kinds"]) == set(load.MIX)  # every kind was exercised
    writes = result["writes"]
    assert writes["increments_acknowledged"] > 0 and writes["creates_acknowledged"] > 0
    assert writes["lost_increments"] == 0 and writes["increments_landed"] == writes["increments_acknowledged"]
    assert writes["lost_creates"] == 0 and writes["creates_found"] == writes["creates_acknowledged"]
