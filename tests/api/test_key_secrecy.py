"""API keys are stored as SHA-256 only and never written to a log: the app's, SQLAlchemy's or uvicorn's access log.

The logs are captured at DEBUG with SQL statements and their parameters, so the test also
sees that the key's hash went by (the lookup happened), which keeps it from passing on
an empty capture.
"""

import logging
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import db
from app.auth import service as key_service
from app.auth.keys import hash_key
from app.main import create_app
from app.models import ApiKey, Base
from app.models.enums import Role
from tests.databases import migrate, reset_cached_settings
from tests.live_server import serve


@pytest.fixture
def everything_logged(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every log record at DEBUG, SQL with its parameters included."""
    sql = logging.getLogger("sqlalchemy.engine")
    level = sql.level
    sql.setLevel(logging.INFO)  # INFO is what `echo=True` shows: statements and parameters
    with caplog.at_level(logging.DEBUG):
        yield caplog
    sql.setLevel(level)


def use_key_every_way(client: httpx.Client, key: str) -> None:
    """Reads, a write, a refusal, a bad key: every path a key takes through the app (TestClient is an httpx.Client)."""
    bearer = {"Authorization": f"Bearer {key}"}
    assert client.get("/engagements", headers=bearer).status_code == 200
    created = client.post(
        "/engagements", headers=bearer, json={"title": "Key Test Talks", "type": "meeting", "countries": ["PE", "US"]}
    )
    assert created.status_code == 201, created.text
    assert client.get("/api-keys", headers=bearer).status_code == 403
    assert client.get("/engagements", headers={"Authorization": f"Bearer {key}x"}).status_code == 401
    assert client.get("/health", headers=bearer).status_code == 200


def test_a_key_made_through_the_api_is_stored_hashed_and_never_logged(
    everything_logged: pytest.LogCaptureFixture, client: TestClient, session: Session, auth: dict[str, dict[str, str]]
) -> None:
    # everything_logged comes first: a connection decides whether it logs SQL when it opens.
    made = client.post("/api-keys", headers=auth["admin"], json={"name": "secrecy-editor", "role": "editor"})
    assert made.status_code == 201, made.text
    key = made.json()["key"]
    use_key_every_way(client, key)
    listing = client.get("/api-keys", headers=auth["admin"])
    audit = client.get("/audit", headers=auth["admin"], params={"record_type": "api_key"})
    assert listing.status_code == audit.status_code == 200

    assert hash_key(key) in everything_logged.text  # the lookup was seen
    assert key not in everything_logged.text
    assert key not in listing.text and key not in audit.text

    stored = session.scalars(select(ApiKey).where(ApiKey.name == "secrecy-editor")).one()
    assert stored.key_hash == hash_key(key) and len(stored.key_hash) == 64
    assert key.startswith(stored.key_prefix) and len(stored.key_prefix) < len(key) // 3
    for table in Base.metadata.sorted_tables:  # every row of every table, as text
        for row in session.execute(select(table)):
            assert key not in repr(tuple(row)), table.name


def test_uvicorns_access_log_never_shows_a_key(
    tmp_path_factory: pytest.TempPathFactory, everything_logged: pytest.LogCaptureFixture
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", f"sqlite:///{tmp_path_factory.mktemp('secrecy') / 'live.db'}")
        reset_cached_settings()
        try:
            migrate(db.get_engine())
            with db.session_scope(write=True) as session:
                _, key = key_service.create(session, "secrecy-live", Role.editor)
            with serve(create_app(), log_level="info") as base_url:
                access = logging.getLogger("uvicorn.access")  # uvicorn's logging config stops it propagating
                access.addHandler(everything_logged.handler)
                try:
                    with httpx.Client(base_url=base_url) as client:
                        use_key_every_way(client, key)
                finally:
                    access.removeHandler(everything_logged.handler)
        finally:
            db.get_engine().dispose()
            reset_cached_settings()

    lines = [record.getMessage() for record in everything_logged.records if record.name == "uvicorn.access"]
    assert any('"POST /engagements HTTP/1.1" 201' in line for line in lines), lines
    assert any('"GET /engagements HTTP/1.1" 401' in line for line in lines), lines
    assert hash_key(key) in everything_logged.text
    assert key not in everything_logged.text
