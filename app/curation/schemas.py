"""Schemas every curatable resource shares: version and review fields, the review request."""

from enum import StrEnum
from typing import Any, Generic, Self, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from app.models.enums import Origin, ReviewState
from app.schema_base import ReadSchema

ChangesT = TypeVar("ChangesT", bound=BaseModel)


def _none_if_deleted(record: Any) -> Any:
    return None if getattr(record, "deleted_at", None) is not None else record


# A link to a record someone deleted reads as no link, wherever it is nested.
HideDeleted = BeforeValidator(_none_if_deleted)


class CurationRead(ReadSchema):
    version: int = Field(description='The record\'s version; send it as `If-Match: "<version>"` to change it.', examples=[1])
    origin: Origin = Field(description="`extracted` by the machine from an article, or `manual`: stated by a person.")
    review_state: ReviewState = Field(description="`pending` until a person accepts, corrects or rejects it.")


class WriteSchema(BaseModel):
    """Bodies of writes: an unknown field is an error, never silently ignored (no mass assignment)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ReviewDecision(StrEnum):
    accept = "accept"
    correct = "correct"
    reject = "reject"


class ReviewRequest(WriteSchema, Generic[ChangesT]):
    decision: ReviewDecision = Field(description="`accept` as is, `correct` with `changes`, or `reject` (hidden from reads).")
    changes: ChangesT | None = Field(default=None, description="The corrected fields; only with `correct`.")

    @model_validator(mode="after")
    def changes_only_when_correcting(self) -> Self:
        if self.decision == ReviewDecision.correct and not (self.changes and self.changes.model_fields_set):
            raise ValueError("`correct` needs `changes` naming at least one field")
        if self.decision != ReviewDecision.correct and self.changes is not None:
            raise ValueError(f"`{self.decision}` takes no `changes`; use `correct`")
        return self


class MergeRequest(WriteSchema):
    duplicate_id: int = Field(ge=1, le=2**31 - 1, description="The record that is the same as this one; it is merged into this one.")
