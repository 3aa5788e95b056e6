"""The base every response schema shares (built from ORM objects, documented fields), and body numbers."""

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo

from app.extraction.records import PartialDate


def _json_number(value: Any) -> Any:
    # Pydantic's lax mode also reads `true` as 1 and "12" as 12; a number in a JSON body is a
    # JSON number (12.0 included: JSON Schema counts it as an integer).
    if isinstance(value, bool | str):
        raise ValueError("must be a JSON number")
    return value


MAX_ID = 2**31 - 1  # ids are 32-bit INTEGER columns on both databases


def json_int(ge: int, le: int) -> Any:
    """A whole number of a write body, within bounds (on the number: `json_int(...) | None` keeps them)."""
    return Annotated[int, Field(ge=ge, le=le), BeforeValidator(_json_number)]  # bounds first: published as minimum/maximum


def json_float(ge: float, le: float) -> Any:
    """A finite number of a write body, within bounds."""
    return Annotated[float, Field(ge=ge, le=le, allow_inf_nan=False), BeforeValidator(_json_number)]


JsonId = json_int(1, MAX_ID)  # a record's id in a write body


class ReadSchema(BaseModel):
    model_config = ConfigDict(from_attributes=True)


def partial_iso(value: date | None, precision: str | None) -> str | None:
    """A stored date shown exactly as precisely as it is known: '2021', '2025-05', '2025-05-05'."""
    if value is None or precision is None:
        return None
    return PartialDate(value, precision).iso()  # type: ignore[arg-type]


def as_partial_iso(precision_field: str) -> Any:
    """A 'before' validator body: turn a stored date into its partial ISO form.

    The precision field must be declared before the date field so it is in `info.data`.
    """

    def convert(value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, date):
            return partial_iso(value, info.data.get(precision_field))
        return value

    return convert
