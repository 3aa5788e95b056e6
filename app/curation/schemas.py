"""Schemas every curatable resource shares: version and review fields, the review and merge requests."""

import re
from enum import Enum, StrEnum
from typing import Annotated, Any, ClassVar, Generic, Literal, Self, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from app.models.enums import Origin, ReviewState
from app.schema_base import JsonId, ReadSchema

ChangesT = TypeVar("ChangesT", bound=BaseModel)


def _none_if_deleted(record: Any) -> Any:
    return None if getattr(record, "deleted_at", None) is not None else record


# A link to a record someone deleted reads as no link, wherever it is nested.
HideDeleted = BeforeValidator(_none_if_deleted)


class CurationRead(ReadSchema):
    version: int = Field(description='The record\'s version; send it as `If-Match: "<version>"` to change it.', examples=[1])
    origin: Origin = Field(description="`extracted` by the machine from an article, or `manual`: stated by a person.")
    review_state: ReviewState = Field(description="`pending` until a person accepts, corrects or rejects it.")


def not_null(schema: dict[str, Any]) -> None:
    """`json_schema_extra` of a PATCH field that may be left out but never sent as null.

    The column is NOT NULL: the field is `X | None = None` so that None can stand for "not
    sent", a model validator refuses an explicit null, and the published schema leaves null
    out, so clients (and Schemathesis) are not told it is allowed.
    """
    branches = [branch for branch in schema.pop("anyOf", [schema]) if branch.get("type") != "null"]
    if len(branches) == 1:
        schema.update(branches[0])
    else:
        schema["anyOf"] = branches


# C0 and C1 control characters: PostgreSQL refuses NUL in text, and none belongs in a name.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LAYOUT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # tabs, line and page breaks allowed


class WriteSchema(BaseModel):
    """Bodies of writes: an unknown field is an error, never silently ignored (no mass assignment).

    Text is checked as sent (the published lengths count what the client sends), then stored
    trimmed: no control characters, and not blank.
    """

    model_config = ConfigDict(extra="forbid")
    multiline: ClassVar[frozenset[str]] = frozenset()  # free-text fields: tabs and line breaks allowed
    verbatim: ClassVar[frozenset[str]] = frozenset()  # kept exactly as sent, not trimmed

    @field_validator("*", mode="after")
    @classmethod
    def plain_text(cls, value: Any, info: ValidationInfo) -> Any:
        name = info.field_name or ""
        if isinstance(value, list):
            return [cls._clean(item, name) for item in value]
        return cls._clean(value, name)

    @classmethod
    def _clean(cls, value: Any, name: str) -> Any:
        if not isinstance(value, str) or isinstance(value, Enum):
            return value
        control = _CONTROL_BUT_LAYOUT if name in cls.multiline else _CONTROL
        if control.search(value):
            raise ValueError("contains control characters")
        if value and not value.strip():
            raise ValueError("is blank")
        return value if name in cls.verbatim else value.strip()


class ReviewDecision(StrEnum):
    accept = "accept"
    correct = "correct"
    reject = "reject"


class ReviewAcceptance(WriteSchema):
    decision: Literal[ReviewDecision.accept] = Field(description="Accept the record as it is.")


class ReviewRejection(WriteSchema):
    decision: Literal[ReviewDecision.reject] = Field(description="Reject the record: hidden from reads.")


class ReviewCorrection(WriteSchema, Generic[ChangesT]):
    decision: Literal[ReviewDecision.correct] = Field(description="Correct the record with `changes`.")
    changes: ChangesT = Field(description="The corrected fields, at least one.", json_schema_extra={"minProperties": 1})

    @model_validator(mode="after")
    def names_a_field(self) -> Self:
        if not self.changes.model_fields_set:
            raise ValueError("`correct` needs `changes` naming at least one field")
        return self


def review_request(changes: type[BaseModel]) -> Any:
    """The body of a review: `accept` or `reject` alone, or `correct` with `changes`.

    One shape per decision, so the published schema says which decision takes changes.
    """
    return Annotated[
        ReviewAcceptance | ReviewRejection | ReviewCorrection[changes],  # type: ignore[valid-type]
        Field(discriminator="decision"),
    ]


class MergeRequest(WriteSchema):
    duplicate_id: JsonId = Field(description="The record that is the same as this one; it is merged into this one.")
