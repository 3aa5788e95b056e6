"""JSON responses a handler serializes itself, from a schema it has already validated.

FastAPI validates whatever a handler returns against the route's response model and then
serializes it; for a `def` handler the validation is one more trip to the thread pool. A
read that built its schema from rows (app/row_shapes.py) would be validated twice, so it
returns the JSON body instead: the route's `response_model` still documents the shape, and
the schema it was built as is that model.
"""

from fastapi import Response
from pydantic import BaseModel


def json_response(body: BaseModel, headers_from: Response | None = None) -> Response:
    """`body` as JSON, with the headers set on `headers_from`: the Response a handler and its
    dependencies were given (FastAPI copies those only onto responses it builds itself)."""
    response = Response(body.model_dump_json(by_alias=True), media_type="application/json")  # by_alias: as FastAPI
    if headers_from is not None:
        for name, value in headers_from.headers.items():
            if name not in ("content-length", "content-type"):
                response.headers.append(name, value)
    return response
