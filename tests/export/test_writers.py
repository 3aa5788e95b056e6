"""The file writers on their own: cells, chunks, and the GeoJSON collection, no database needed."""

import csv
import io
import json
from typing import Any

import pytest

from app.export.csv import csv_cell, csv_chunks
from app.export.formats import ExportFormat, negotiate
from app.export.geojson import geojson_chunks

ALL_FORMATS = tuple(ExportFormat)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (0, 0),
        (-77.0282, -77.0282),  # a negative number stays a number
        ("-77.0282", "'-77.0282"),  # the same characters as text could be a formula
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+51 1 555", "'+51 1 555"),
        ("@cmd", "'@cmd"),
        ("\tindent", "'\tindent"),
        ("\rreturn", "'\rreturn"),
        ("a = b", "a = b"),  # only the first character matters
        ("Bogotá", "Bogotá"),
        (["Lima", "=Cusco"], "Lima; =Cusco"),
        (["=Cusco", "Lima"], "'=Cusco; Lima"),
        ({"name": "Ejército", "id": 3}, '{"id": 3, "name": "Ejército"}'),
    ],
)
def test_cells(value: Any, cell: Any) -> None:
    assert csv_cell(value) == cell


def test_csv_comes_in_chunks_with_the_header_first_and_reads_back() -> None:
    rows = [{"id": n, "title": f'talks, "round" {n}\nday two'} for n in range(5)]
    chunks = list(csv_chunks(rows, ["id", "title"], rows_per_chunk=2))
    assert len(chunks) == 3  # 2 + 2 + 1 rows
    assert chunks[0].startswith(b"id,title\r\n")
    parsed = list(csv.DictReader(io.StringIO(b"".join(chunks).decode("utf-8"), newline="")))
    assert parsed == [{"id": str(row["id"]), "title": row["title"]} for row in rows]


def test_a_plain_list_of_dicts_with_no_rows_is_a_header() -> None:
    assert b"".join(csv_chunks([], ["year", "count"])) == b"year,count\r\n"


def test_geojson_leaves_out_rows_without_coordinates_and_stays_valid_across_chunks() -> None:
    rows = [{"id": n, "latitude": None if n % 3 == 0 else n / 10, "longitude": None if n % 3 == 0 else -n / 10} for n in range(7)]
    chunks = list(geojson_chunks(rows, per_chunk=2))
    collection = json.loads(b"".join(chunks))
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"]["id"] for f in collection["features"]] == [1, 2, 4, 5]
    assert collection["features"][0]["geometry"] == {"type": "Point", "coordinates": [-0.1, 0.1]}
    assert json.loads(b"".join(geojson_chunks([]))) == {"type": "FeatureCollection", "features": []}


@pytest.mark.parametrize(
    ("accept", "asked", "chosen"),
    [
        (None, None, ExportFormat.json),
        ("text/csv", None, ExportFormat.csv),
        ("text/csv", "json", ExportFormat.json),  # the parameter wins
        ("application/json", "geojson", ExportFormat.geojson),
        ("text/csv, application/json", None, ExportFormat.json),  # a tie: JSON
        ("application/json;q=0.2, text/csv", None, ExportFormat.csv),
        ("text/*", None, ExportFormat.csv),
        ("*/*", None, ExportFormat.json),
        ("text/csv;q=0", None, ExportFormat.json),  # q=0 means "not this"
        ("application/xml", None, ExportFormat.json),
        (";;;", None, ExportFormat.json),
    ],
)
def test_negotiation(accept: str | None, asked: str | None, chosen: ExportFormat) -> None:
    assert negotiate(accept, asked, ALL_FORMATS) is chosen


def test_accept_only_chooses_among_the_formats_a_list_offers() -> None:
    assert negotiate("application/geo+json", None, (ExportFormat.json, ExportFormat.csv)) is ExportFormat.json
