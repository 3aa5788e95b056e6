"""The base every response schema shares: built from ORM objects, documented fields."""

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationInfo

from app.extraction.records import PartialDate


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
