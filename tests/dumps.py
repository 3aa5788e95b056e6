"""Databases for the dump tests: fresh ones of each kind, a richly curated one, the CLI pointed at either."""

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner, Result

from app.cli import cli
from app.db import build_engine, get_engine
from app.ingest.seed import default_extractor, seed_paths
from app.main import create_app
from app.models import Base, Series
from tests.databases import ROOT, migrate, reset_cached_settings, scratch_postgres_database

SEEDS = ROOT / "seeds" / "documents"
KINDS = ["sqlite", "postgresql"]
runner = CliRunner()


@contextmanager
def fresh_database(kind: str, folder: Path) -> Iterator[str]:
    """The URL of a new, migrated, empty database of `kind`, dropped afterwards."""
    if kind == "sqlite":
        url = f"sqlite:///{folder / 'engagements.db'}"
        _migrated(url)
        yield url
        return
    with scratch_postgres_database("engagements_dump") as url:
        _migrated(url)
        yield url


def _migrated(url: str) -> None:
    engine = build_engine(url)
    try:
        migrate(engine)
    finally:
        engine.dispose()


@contextmanager
def use_database(url: str) -> Iterator[None]:
    """DATABASE_URL pointed at `url` for the CLI and the app; the engine released afterwards."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", url)
        reset_cached_settings()
        try:
            yield
        finally:
            if get_engine.cache_info().currsize:
                get_engine().dispose()
            reset_cached_settings()


def invoke(url: str, *arguments: str, stdin: bytes | None = None) -> Result:
    with use_database(url):
        return runner.invoke(cli, list(arguments), input=stdin)


@contextmanager
def restored_copy(kind: str, folder: Path, fill: Callable[[Session], None]) -> Iterator[TestClient]:
    """A client of the app on a database restored from the dump of another that `fill` wrote to."""
    with fresh_database(kind, folder / "source") as source, fresh_database(kind, folder / "copy") as copy:
        with use_database(source):
            from app.db import get_sessionmaker

            with get_sessionmaker()() as session:
                fill(session)
                session.commit()
        dump = folder / "dump.jsonl"
        assert invoke(source, "export", "--output", str(dump)).exit_code == 0
        result = invoke(copy, "import", str(dump))
        assert result.exit_code == 0, result.output
        with use_database(copy), TestClient(create_app()) as client:
            yield client


def export_lines(url: str, path: Path) -> list[str]:
    result = invoke(url, "export", "--output", str(path))
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8").splitlines()


def without_export_time(lines: list[str]) -> list[str]:
    """The dump minus the one thing that differs between two exports of the same data."""
    header = json.loads(lines[0])
    del header["exported_at"]
    return [json.dumps(header), *lines[1:]]


def rows_of_every_table(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    with engine.connect() as connection:
        return {
            table.name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key.columns))]
            for table in Base.metadata.sorted_tables
        }


def build_rich_database(url: str) -> dict[str, Any]:
    """Seed the five seed articles, then curate through the API the way people do; returns what it made.

    Covers every table and every curation column: PATCHes (curated fields, corrected review
    state, new versions), reviews, a soft delete, merges of people and organizations, an
    organization whose parent and merge target come after it (ids that point forward), API keys
    (one revoked), the audit entries all of that writes, and an id handed out and gone.
    """
    engine = build_engine(url)
    try:
        summary = seed_paths([SEEDS], sessionmaker(bind=engine, expire_on_commit=False), default_extractor())
        assert summary.failed == 0, summary.failures
        with Session(engine) as session:
            # Ids handed out and gone: a restored database must not hand them out again.
            session.add(Series(name="Discontinued Talks", name_key="discontinued talks"))
            session.commit()
            session.execute(delete(Series).where(Series.name_key == "discontinued talks"))
            session.commit()
    finally:
        engine.dispose()
    with use_database(url):
        admin = runner.invoke(cli, ["keys", "create", "--name", "curator", "--role", "admin"]).stdout.strip()
        runner.invoke(cli, ["keys", "create", "--name", "former-editor", "--role", "editor"])
        assert runner.invoke(cli, ["keys", "revoke", "former-editor"]).exit_code == 0
        with TestClient(create_app(), raise_server_exceptions=False) as client:
            made = _curate(client, {"Authorization": f"Bearer {admin}"})
    return {"admin_key": admin, **made}


def _curate(client: TestClient, key: dict[str, str]) -> dict[str, Any]:
    def write(method: str, path: str, body: dict[str, Any] | None = None, *, versioned: bool = True, status: int = 200) -> Any:
        headers = dict(key)
        if versioned:
            headers["If-Match"] = client.get(path.removesuffix("/review").removesuffix("/merge")).headers["ETag"]
        response = client.request(method, path, json=body, headers=headers)
        assert response.status_code == status, (method, path, response.text)
        return response.json() if response.content else None

    write("PATCH", "/engagements/1", {"title": "Sixth U.S.-Peru Army Staff Talks", "agreed_actions_reported": 14})
    write("POST", "/engagements/2/review", {"decision": "accept"})
    participation = client.get("/participations", params={"limit": 1}).json()["items"][0]["id"]
    write("PATCH", f"/participations/{participation}", {"rank": "Maj. Gen."})
    write("POST", "/agreed-actions/1/review", {"decision": "reject"})
    write("DELETE", "/agreed-actions/2", status=204)
    first = write("POST", "/participants", {"name": "Jane Roe", "country_code": "US"}, versioned=False, status=201)
    second = write("POST", "/participants", {"name": "J. Roe", "country_code": "US"}, versioned=False, status=201)
    write("POST", f"/participants/{first['id']}/merge", {"duplicate_id": second["id"]})
    unit = write("POST", "/organizations", {"name": "Civil Affairs Unit", "country_code": "US"}, versioned=False, status=201)
    command = write("POST", "/organizations", {"name": "Civil Affairs Command", "country_code": "US"}, versioned=False, status=201)
    copy = write("POST", "/organizations", {"name": "Civil Affairs Cmd", "country_code": "US"}, versioned=False, status=201)
    write("PATCH", f"/organizations/{unit['id']}", {"parent_id": command["id"]})  # points forward
    write("POST", f"/organizations/{copy['id']}/merge", {"duplicate_id": unit["id"]})  # retires the unit into a later id
    place = write("POST", "/locations", {"name": "Fort Example", "kind": "installation", "country_code": "US"}, versioned=False, status=201)
    write("DELETE", f"/locations/{place['id']}", status=204)
    return {"merged_person": second["id"], "forward_organization": unit["id"], "deleted_location": place["id"]}
