"""`engagements export` then `engagements import`: an exact copy, on SQLite and PostgreSQL and across them.

A richly curated database of each kind is dumped once; each test restores that dump into a
fresh database of each kind. Exact means: exporting the copy gives the same lines (but the
export time), the API answers the same, and new records get ids the original never gave.
"""

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.db import build_engine
from app.main import create_app
from app.models import Base, Engagement, Series
from app.schema_extras import is_extra_column, is_extra_object
from tests.dumps import (
    KINDS,
    build_rich_database,
    export_lines,
    fresh_database,
    invoke,
    use_database,
    without_export_time,
)


@dataclass(frozen=True)
class Dumped:
    kind: str
    url: str
    path: Path
    lines: list[str]
    made: dict[str, Any]

    @property
    def header(self) -> dict[str, Any]:
        return json.loads(self.lines[0])

    @property
    def rows(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.lines[1:]]


@pytest.fixture(scope="module", params=KINDS)
def source(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dumped]:
    """A richly curated database of each kind, and its dump."""
    folder = tmp_path_factory.mktemp(f"source-{request.param}")
    with fresh_database(request.param, folder) as url:
        made = build_rich_database(url)
        path = folder / "dump.jsonl"
        yield Dumped(request.param, url, path, export_lines(url, path), made)


@pytest.fixture(params=KINDS)
def restored(request: pytest.FixtureRequest, source: Dumped, tmp_path: Path) -> Iterator[str]:
    """A fresh database of each kind with the source's dump imported."""
    with fresh_database(request.param, tmp_path) as url:
        result = invoke(url, "import", str(source.path))
        assert result.exit_code == 0, result.output
        assert result.stderr.strip() == f"imported {len(source.lines) - 1} rows (schema {source.header['schema_revision']})"
        yield url


def test_the_dump_has_every_table_and_every_column_of_the_database(source: Dumped) -> None:
    engine = build_engine(source.url)
    try:
        inspector = inspect(engine)
        # The search tables and tallies are derived: the database's triggers refill them on import.
        tables = {name for name in inspector.get_table_names() if not is_extra_object(name, "table")} - {"alembic_version", "sqlite_sequence"}
        # So are PostgreSQL's stored search vectors: the database computes them as rows come in.
        columns = {
            table: {column["name"] for column in inspector.get_columns(table) if not is_extra_column(table, column["name"])}
            for table in tables
        }
    finally:
        engine.dispose()
    # Both the models and the migrated database: a table in either but not in the dump fails here.
    assert set(source.header["tables"]) == tables == {table.name for table in Base.metadata.sorted_tables}
    rows = source.rows
    counted = Counter(row["table"] for row in rows)
    assert counted == Counter({name: n for name, n in source.header["tables"].items() if n})
    assert set(counted) == tables, "the rich database leaves a table empty: its round trip would prove nothing"
    for row in rows:
        assert set(row["row"]) == columns[row["table"]]


def test_rows_come_parents_first_and_by_id(source: Dumped) -> None:
    order = [table.name for table in Base.metadata.sorted_tables]
    positions = [(order.index(row["table"]), row["row"]["id"]) for row in source.rows]
    assert positions == sorted(positions)


def test_the_dump_keeps_curation_timestamps_and_only_key_hashes(source: Dumped) -> None:
    by_id = {(row["table"], row["row"]["id"]): row["row"] for row in source.rows}
    merged = by_id["person", source.made["merged_person"]]
    assert merged["merged_into_id"] is not None and merged["deleted_at"].endswith("Z")
    forward = by_id["organization", source.made["forward_organization"]]
    assert forward["parent_id"] > forward["id"] and forward["merged_into_id"] > forward["id"]
    patched = by_id["engagement", 1]
    assert (patched["version"], patched["review_state"], patched["origin"]) == (2, "corrected", "extracted")
    assert sorted(patched["curated_fields"]) == ["agreed_actions_reported", "title"]
    assert patched["start_date"] is None or len(patched["start_date"]) == 10
    keys = [row for (table, _), row in by_id.items() if table == "api_key"]
    assert {key["name"] for key in keys} == {"curator", "former-editor"}
    assert all(len(key["key_hash"]) == 64 for key in keys)
    assert source.made["admin_key"] not in source.path.read_text(encoding="utf-8")
    audit = [row for (table, _), row in by_id.items() if table == "audit_entry"]
    assert {entry["action"] for entry in audit} >= {"create", "update", "review:accept", "review:reject", "delete", "merge", "revoke"}
    assert source.header["last_ids"]["series"] > max(row["id"] for (table, _), row in by_id.items() if table == "series")


def test_the_copy_exports_to_the_same_lines(source: Dumped, restored: str, tmp_path: Path) -> None:
    again = export_lines(restored, tmp_path / "again.jsonl")
    assert without_export_time(again) == without_export_time(source.lines)


def test_the_copy_answers_the_api_the_same(source: Dumped, restored: str) -> None:
    engine = build_engine(source.url)
    with Session(engine) as session:
        engagement_ids = list(session.scalars(select(Engagement.id)))
    engine.dispose()
    paths = [
        "/engagements",
        "/engagements?review_state=rejected",
        *(f"/engagements/{engagement_id}" for engagement_id in engagement_ids),
        "/participants?limit=200",
        f"/participants/{source.made['merged_person']}",
        "/participations?limit=200",
        "/organizations?limit=200",
        f"/organizations/{source.made['forward_organization']}",
        "/locations",
        f"/locations/{source.made['deleted_location']}",
        "/agreed-actions?limit=200",
        "/documents",
        "/documents/1",
        "/audit?limit=200",
        "/api-keys",
    ]
    key = {"Authorization": f"Bearer {source.made['admin_key']}"}  # only its hash was dumped: it still works
    assert _answers(restored, paths, key) == _answers(source.url, paths, key)


def test_new_records_in_the_copy_get_ids_the_original_never_gave(source: Dumped, restored: str) -> None:
    last_ids = source.header["last_ids"]
    key = {"Authorization": f"Bearer {source.made['admin_key']}"}
    with use_database(restored), TestClient(create_app(), raise_server_exceptions=False) as client:
        created = client.post("/participants", json={"name": "New Official", "country_code": "PE"}, headers=key)
    assert created.status_code == 201, created.text
    assert created.json()["id"] == last_ids["person"] + 1
    engine = build_engine(restored)
    with Session(engine) as session:
        # The last series id was handed out and deleted before the dump: still not reused.
        series = Series(name="Next Talks", name_key="next talks")
        session.add(series)
        session.commit()
        assert series.id == last_ids["series"] + 1
    engine.dispose()


def _answers(url: str, paths: list[str], headers: dict[str, str]) -> dict[str, tuple[int, Any, str | None]]:
    with use_database(url), TestClient(create_app(), raise_server_exceptions=False) as client:
        answers = {}
        for path in paths:
            response = client.get(path, headers=headers)
            answers[path] = (response.status_code, response.json(), response.headers.get("ETag"))
    assert all(status in (200, 404) for status, _, _ in answers.values()), answers
    assert sum(status == 200 for status, _, _ in answers.values()) >= len(paths) - 3
    return answers
