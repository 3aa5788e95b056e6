"""One page shape for every list: items, total, limit, offset and a link to the next page."""

from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import Row, Select, func
from sqlalchemy.orm import Session

from app.row_shapes import read_rows, selects_columns_only
from app.serialized import json_response

ItemT = TypeVar("ItemT")

MAX_LIMIT = 200
MAX_OFFSET = 1_000_000


class Page(BaseModel, Generic[ItemT]):
    items: list[ItemT]
    total: int = Field(description="How many records match the filters, across all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, or null on the last page.")


class PageParams(BaseModel):
    limit: int
    offset: int


async def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size (1-200).")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Records to skip.")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


def _total(session: Session, statement: Select[Any]) -> int:
    # Only the rows are counted: the entity's columns, eager loads and per-row subqueries
    # (a participant's engagement count) would otherwise be computed for every match.
    # List statements have no GROUP BY or DISTINCT, so counting their rows counts the items.
    counted = statement.with_only_columns(func.count(), maintain_column_froms=True).order_by(None)
    return read_rows(session, counted).scalar() or 0


def fetch_page(session: Session, statement: Select[Any], params: PageParams) -> tuple[list[Any], int]:
    """Entities of one page and the total count of the unpaginated statement."""
    page = statement.limit(params.limit).offset(params.offset)
    if selects_columns_only(statement):  # ids or shaped rows: no identity map, nothing to make unique
        items = list(read_rows(session, page).scalars())
    else:
        items = list(session.scalars(page).unique().all())
    return items, _total(session, statement)


def fetch_page_counting_along(session: Session, statement: Select[Any], params: PageParams) -> tuple[list[Any], int]:
    """Like fetch_page, in one statement: each row of the page carries the total (count(*) OVER ()).

    For filters that find every match before the first page can be sorted (a name or a word
    looked up in another table): the matches are then counted where they are found, instead of
    being found again by a second statement. Where an index gives the page in order and stops
    after `limit` rows, fetch_page's separate count is cheaper.
    """
    counted = statement.add_columns(func.count().over().label("total_matching"))
    rows = _rows(session, counted.limit(params.limit).offset(params.offset))
    if rows:
        return [row[0] for row in rows], rows[0].total_matching
    return [], 0 if params.offset == 0 else _total(session, statement)  # past the end: the total is still asked


def fetch_rows(session: Session, statement: Select[Any], params: PageParams) -> tuple[list[Row[Any]], int]:
    """Like fetch_page, for statements that select several columns (an entity and a count)."""
    return _rows(session, statement.limit(params.limit).offset(params.offset)), _total(session, statement)


def _rows(session: Session, statement: Select[Any]) -> list[Row[Any]]:
    """The rows of `statement`: as Core when it selects columns only (`read_rows`), else through the session."""
    if selects_columns_only(statement):
        return list(read_rows(session, statement))
    return list(session.execute(statement))


def page_response(
    request: Request, response: Response, item_schema: type[BaseModel], items: list[Any], total: int, params: PageParams
) -> Response:
    """A page as `Page[item_schema]`, validated here once and sent as is, with the headers set
    on the handler's `response` (see `app.serialized`)."""
    page = Page[item_schema].model_validate(build_page(request, items, total, params))  # type: ignore[valid-type]
    return json_response(page, headers_from=response)


def build_page(request: Request, items: list[Any], total: int, params: PageParams) -> dict[str, Any]:
    next_offset = params.offset + params.limit
    next_url = (
        str(request.url.include_query_params(offset=next_offset)) if next_offset < total else None
    )
    return {"items": items, "total": total, "limit": params.limit, "offset": params.offset, "next": next_url}
