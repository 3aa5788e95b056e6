"""GeoJSON answers (RFC 7946): a FeatureCollection of Point features, streamed feature by feature.

A feature's properties are the record's flat columns (the same names and values as the CSV,
with JSON types); its point is [longitude, latitude], RFC 7946's order. Records without
coordinates have no place on a map and are left out.
"""

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from app.export.csv import attachment
from app.export.stream import PrimedStreamingResponse

GEOJSON_MEDIA_TYPE = "application/geo+json"
FEATURES_PER_CHUNK = 500

_OPENING = b'{"type":"FeatureCollection","features":['
_CLOSING = b"]}\n"


def point_feature(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """A Point feature for a flat row with `longitude` and `latitude`, or None when either is unknown."""
    longitude, latitude = row["longitude"], row["latitude"]
    if longitude is None or latitude is None:
        return None
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [longitude, latitude]}, "properties": dict(row)}


def geojson_chunks(rows: Iterable[Mapping[str, Any]], per_chunk: int = FEATURES_PER_CHUNK) -> Iterator[bytes]:
    """The collection as bytes; the opening travels with the first chunk of features."""
    parts = [_OPENING]
    written = pending = 0
    for row in rows:
        feature = point_feature(row)
        if feature is None:
            continue
        separator = b"," if written else b""
        parts.append(separator + json.dumps(feature, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode())
        written += 1
        pending += 1
        if pending == per_chunk:
            yield b"".join(parts)
            parts, pending = [], 0
    parts.append(_CLOSING)
    yield b"".join(parts)


def geojson_response(rows: Iterable[Mapping[str, Any]], filename: str) -> PrimedStreamingResponse:
    """A streamed `application/geo+json` download of the rows that have coordinates."""
    return PrimedStreamingResponse(geojson_chunks(rows), media_type=GEOJSON_MEDIA_TYPE, headers=attachment(filename))
