"""Every input the API publishes is bounded: no string without maxLength, no number without a
range, no list without maxItems, ids within the databases' 32-bit INTEGER.

Walks the OpenAPI document, so a new parameter or body field without limits fails here.
"""

from collections.abc import Iterator
from typing import Any

import pytest

from app.main import create_app

DOCUMENT = create_app().openapi()
MAX_ID = 2**31 - 1


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = DOCUMENT["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def unbounded(schema: dict[str, Any], where: str) -> Iterator[str]:
    """A line per input value of `schema` (nested fields and items included) that lacks a limit."""
    schema = resolve(schema)
    for branch in schema.get("anyOf", []) + schema.get("oneOf", []) + schema.get("allOf", []):
        yield from unbounded(branch, where)
    kind = schema.get("type")
    if kind == "object":
        for name, field in schema.get("properties", {}).items():
            yield from unbounded(field, f"{where}.{name}")
        if isinstance(schema.get("additionalProperties"), dict):
            yield from unbounded(schema["additionalProperties"], f"{where}.*")
    elif kind == "array":
        if "maxItems" not in schema:
            yield f"{where}: array without maxItems"
        yield from unbounded(schema.get("items", {}), f"{where}[]")
    elif kind == "string" and "enum" not in schema and "const" not in schema and "maxLength" not in schema:
        yield f"{where}: string without maxLength"
    elif kind in ("integer", "number"):
        if "minimum" not in schema or "maximum" not in schema:
            yield f"{where}: {kind} without minimum and maximum"
        elif where.rsplit(".", 1)[-1].endswith("_id") and schema["maximum"] > MAX_ID:
            yield f"{where}: id above {MAX_ID}"


def inputs() -> Iterator[tuple[str, dict[str, Any]]]:
    for path, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            label = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                yield f"{label} {parameter['in']}:{parameter['name']}", parameter["schema"]
            for media_type, content in operation.get("requestBody", {}).get("content", {}).items():
                yield f"{label} {media_type} body", content["schema"]


def test_the_walk_sees_every_kind_of_input() -> None:
    kinds = {label.split()[-1].split(":")[0] for label, _ in inputs()}
    assert {"path", "query", "header", "body"} <= kinds


@pytest.mark.parametrize(("label", "schema"), list(inputs()), ids=[label for label, _ in inputs()])
def test_every_input_is_bounded(label: str, schema: dict[str, Any]) -> None:
    assert list(unbounded(schema, label)) == []


@pytest.mark.parametrize(
    ("schema", "problems"),
    [
        ({"type": "string"}, ["x: string without maxLength"]),
        ({"type": "string", "enum": ["a"]}, []),
        ({"type": "integer", "minimum": 1}, ["x: integer without minimum and maximum"]),
        ({"type": "array", "items": {"type": "string", "maxLength": 3}}, ["x: array without maxItems"]),
        ({"type": "object", "properties": {"a_id": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}}}, [f"x.a_id: id above {MAX_ID}"]),
        ({"anyOf": [{"type": "number", "minimum": 0, "maximum": 1}, {"type": "null"}]}, []),
    ],
)
def test_the_walk_finds_what_is_missing(schema: dict[str, Any], problems: list[str]) -> None:
    assert list(unbounded(schema, "x")) == problems
