"""The routes every curatable resource shares: PATCH, DELETE, restore and review.

Each resource describes itself once (`Curatable`); the handlers stay thin: load the
record, let the domain validate the change, let `curation.service` do the bookkeeping.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Generic

from fastapi import APIRouter, Depends, Header, Path, Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.auth.dependencies import EditorDep
from app.curation import service as curation
from app.curation.etag import etag_of, require_if_match
from app.curation.links import deleted_links, record_links
from app.curation.schemas import ReviewCorrection, review_request
from app.curation.service import R
from app.deps import WriteSessionDep
from app.responses import CONFLICT, INVALID, NOT_FOUND, PRECONDITION, UNAUTHORIZED

_IF_MATCH = 'The ETag from the last GET, e.g. `"3"`.'
# Published, not enforced by validation: an empty or `*` If-Match is answered 428 like a missing one.
_NAMES_A_VERSION = {"minLength": 1, "pattern": r"[^\s*]"}


def if_match_header(
    if_match: Annotated[
        str | None,
        Header(alias="If-Match", max_length=200, description=f"{_IF_MATCH} Required.", examples=['"1"'], json_schema_extra=_NAMES_A_VERSION),
    ] = None,
) -> str:
    """A conditional write's If-Match: without it, 428 before the body or the record is looked at."""
    return require_if_match(if_match)


# Required (app.openapi_schema says so in the published document, where an operation answers 428).
IfMatch = Annotated[str, Depends(if_match_header)]
OptionalIfMatch = Annotated[
    str | None,
    Header(alias="If-Match", max_length=200, description=f"{_IF_MATCH} Checked when sent.", examples=['"1"']),
]


@dataclass(frozen=True)
class Curatable(Generic[R]):
    noun: str  # "engagement", for summaries
    id_name: str  # the path parameter, "engagement_id"
    load: Callable[[Session, int, bool], R]  # (session, id, include_deleted) -> record, or NotFound
    read: Callable[[Session, R], BaseModel]  # the response body for a record
    response_model: type[BaseModel]
    update_schema: type[BaseModel]
    # Validate a change set against the database (references, dates) and return the column
    # values to set, derived ones included (a name's search key, a date's covered range).
    prepare: Callable[[Session, R, dict[str, Any]], dict[str, Any]]


def add_curation_routes(router: APIRouter, spec: Curatable[Any]) -> None:
    RecordId = Annotated[int, Path(alias=spec.id_name, ge=1, le=2**31 - 1, description=f"The {spec.noun}'s id.")]
    Changes = spec.update_schema
    Review = review_request(spec.update_schema)
    item = "/{" + spec.id_name + "}"
    errors = {**UNAUTHORIZED, **NOT_FOUND, **INVALID, **PRECONDITION, **CONFLICT}

    def reply(session: Session, record: Any, response: Response) -> BaseModel:
        response.headers["ETag"] = etag_of(record)
        return spec.read(session, record)

    def update(record_id: RecordId, body: Changes, session: WriteSessionDep, actor: EditorDep, response: Response, if_match: IfMatch) -> Any:  # type: ignore[valid-type]
        record = spec.load(session, record_id, False)
        changes = spec.prepare(session, record, body.model_dump(exclude_unset=True))  # type: ignore[attr-defined]
        curation.update(session, actor, record, if_match, changes)
        return reply(session, record, response)

    def delete(record_id: RecordId, session: WriteSessionDep, actor: EditorDep, if_match: IfMatch) -> Response:
        curation.delete(session, actor, spec.load(session, record_id, False), if_match)
        return Response(status_code=204)

    def restore(record_id: RecordId, session: WriteSessionDep, actor: EditorDep, response: Response, if_match: OptionalIfMatch = None) -> Any:
        record = curation.restore(session, actor, spec.load(session, record_id, True), if_match)
        return reply(session, record, response)

    def review(record_id: RecordId, body: Review, session: WriteSessionDep, actor: EditorDep, response: Response, if_match: IfMatch) -> Any:  # type: ignore[valid-type]
        record = spec.load(session, record_id, False)
        changes = None
        if isinstance(body, ReviewCorrection):
            changes = spec.prepare(session, record, body.changes.model_dump(exclude_unset=True))
        curation.review(session, actor, record, if_match, body.decision, changes)  # type: ignore[attr-defined]
        return reply(session, record, response)

    update.__doc__ = f"Change some fields of one {spec.noun} (editor; If-Match required); the fields become curated."
    delete.__doc__ = f"Delete one {spec.noun} (editor; If-Match required): hidden from reads, restorable."
    restore.__doc__ = f"Bring back a deleted {spec.noun} (editor)."
    review.__doc__ = f"Accept, correct or reject one {spec.noun} (editor; If-Match required)."
    path, from_path = router.prefix + item, f"$request.path.{spec.id_name}"
    changed = {**errors, 200: record_links(path, spec.id_name, from_path)}
    router.add_api_route(item, update, methods=["PATCH"], name=f"update_{spec.noun}", response_model=spec.response_model, responses=changed)
    deleted = {**errors, 204: deleted_links(path, spec.id_name)}
    router.add_api_route(item, delete, methods=["DELETE"], name=f"delete_{spec.noun}", status_code=204, responses=deleted, response_class=Response)
    # Restore checks If-Match only when sent: it never answers 428.
    restored = {status: answer for status, answer in changed.items() if status != 428}
    router.add_api_route(item + "/restore", restore, methods=["POST"], name=f"restore_{spec.noun}", response_model=spec.response_model, responses=restored)
    router.add_api_route(item + "/review", review, methods=["POST"], name=f"review_{spec.noun}", response_model=spec.response_model, responses=changed)
