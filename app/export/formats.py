"""Which format a list answers in: `?format=` first, then the Accept header, JSON by default.

A list declares what it can export once (`Exportable`); its handler takes the negotiated
`Export` and, when a file was asked for, answers with the streamed file instead of a page.
CSV and GeoJSON hold every matching row: `limit` and `offset` only shape JSON pages.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal

import mimeparse
from fastapi import Query, Request
from pydantic import BaseModel
from sqlalchemy.orm import Session
from starlette.responses import Response

from app.export.columns import Columns
from app.export.csv import csv_response
from app.export.geojson import GEOJSON_MEDIA_TYPE, geojson_response
from app.export.stream import ExportSessionDep


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    geojson = "geojson"


MEDIA_TYPES = {
    ExportFormat.json: "application/json",
    ExportFormat.csv: "text/csv",
    ExportFormat.geojson: GEOJSON_MEDIA_TYPE,
}


def negotiate(accept: str | None, asked: str | None, allowed: Iterable[ExportFormat]) -> ExportFormat:
    """`asked` (the query parameter) wins; otherwise the Accept header's best allowed type.

    Ties and wildcards (`*/*`, a browser's header) go to JSON; an Accept header naming
    nothing allowed (or not parseable) also gets JSON, the way APIs usually read Accept.
    """
    if asked is not None:
        return ExportFormat(asked)
    if not accept:
        return ExportFormat.json
    # best_match prefers the last candidate on ties: JSON goes last.
    candidates = [MEDIA_TYPES[f] for f in allowed if f is not ExportFormat.json] + [MEDIA_TYPES[ExportFormat.json]]
    try:
        best = mimeparse.best_match(candidates, accept)
    except mimeparse.MimeTypeParseException:
        return ExportFormat.json
    return next((f for f, media_type in MEDIA_TYPES.items() if media_type == best), ExportFormat.json)


@dataclass(frozen=True)
class Export:
    """The format one request asked for, and the session a streamed file reads through."""

    format: ExportFormat
    session: Session
    exportable: "Exportable"

    @property
    def wanted(self) -> bool:
        """True when the answer is a file rather than a JSON page."""
        return self.format is not ExportFormat.json

    def respond(self, items: Iterable[BaseModel]) -> Response:
        """The streamed file of `items` (read schemas, the same the JSON list shows)."""
        rows = map(self.exportable.columns.row, items)
        name = self.exportable.name
        if self.format is ExportFormat.geojson:
            response: Response = geojson_response(rows, f"{name}.geojson")
        else:
            response = csv_response(rows, self.exportable.columns.names, f"{name}.csv")
        response.headers["Vary"] = "Accept"
        return response


class Exportable:
    """What one list can export: its file name, its flat columns, and whether it has places (GeoJSON)."""

    def __init__(self, name: str, columns: Columns, *, geojson: bool = False) -> None:
        self.name = name
        self.columns = columns
        self.formats = (ExportFormat.json, ExportFormat.csv) + ((ExportFormat.geojson,) if geojson else ())
        self.negotiate = self._dependency()

    def _dependency(self) -> Callable[..., Export]:
        names = tuple(f.value for f in self.formats)
        files = " or ".join(f"`{f}`" for f in names[1:])
        description = (
            f"Answer format: `json` (the default) or {files}, a download of every row the filters match "
            "(a list's `limit` and `offset` shape JSON pages only). Wins over the Accept header "
            f"({', '.join(f'`{MEDIA_TYPES[f]}`' for f in self.formats)})."
        )
        FormatName = Literal[names]  # type: ignore[valid-type]  # an unknown name is a 422 that lists these

        async def negotiate_export(
            request: Request,
            response: Response,
            session: ExportSessionDep,
            format: Annotated[FormatName | None, Query(description=description, examples=["csv"])] = None,
        ) -> Export:
            response.headers["Vary"] = "Accept"  # the JSON page too: its representation depends on Accept
            return Export(negotiate(request.headers.get("accept"), format, self.formats), session, self)

        return negotiate_export

    @property
    def responses(self) -> dict[int | str, dict[str, Any]]:
        """The extra media types of the 200 answer, for the OpenAPI document (Swagger UI lists them)."""
        header = ",".join(self.columns.names)
        content: dict[str, Any] = {
            MEDIA_TYPES[ExportFormat.csv]: {"schema": {"type": "string", "description": f"Header row: {header}"}, "example": header + "\r\n"},
        }
        if ExportFormat.geojson in self.formats:
            content[GEOJSON_MEDIA_TYPE] = {"schema": FEATURE_COLLECTION_SCHEMA}
        return {200: {"description": "JSON, or every matching row as a file (see `format`).", "content": content}}


FEATURE_COLLECTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "RFC 7946 FeatureCollection of Point features; properties are the CSV columns. Records without coordinates are left out.",
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string", "enum": ["Feature"]},
                    "geometry": {
                        "type": "object",
                        "properties": {
                            "type": {"type": "string", "enum": ["Point"]},
                            "coordinates": {"type": "array", "items": {"type": "number"}, "description": "[longitude, latitude]"},
                        },
                    },
                    "properties": {"type": "object"},
                },
            },
        },
    },
}
