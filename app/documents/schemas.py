"""Response schemas for documents and the evidence spans that tie facts to them."""

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import Field, WithJsonSchema, field_validator

from app.curation.schemas import WriteSchema
from app.export.columns import Columns
from app.models.enums import Origin, ReviewState
from app.schema_base import ReadSchema

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Characters; the body limit (ENGAGEMENTS_MAX_BODY_BYTES, 413) is the tighter bound for most text.
TEXT_LENGTH = 1_000_000

FactType = Literal["engagement", "participation", "location", "agreed_action", "data_quality_warning"]


class DocumentBrief(ReadSchema):
    id: int
    source_ref: str = Field(examples=["001_b2a8123237666524.txt"])
    title: str | None
    publisher: str | None
    published_date: date | None


class DocumentListItem(DocumentBrief):
    sha256: str
    length: int = Field(description="Length of the text in characters.")


DOCUMENT_COLUMNS = Columns(
    id="id",
    source_ref="source_ref",
    title="title",
    publisher="publisher",
    published_date="published_date",
    sha256="sha256",
    length="length",
)


class EvidenceRead(ReadSchema):
    id: int
    document_id: int
    start: int = Field(description="Start offset in the document text.")
    end: int = Field(description="End offset (exclusive).")
    quote: str = Field(description="The text of the span.")
    rule: str | None = Field(description="The extraction rule that produced the fact.")
    confidence: float | None
    fact_type: FactType = Field(description="What kind of fact the span supports.")
    fact_id: int


class SourceRead(ReadSchema):
    document: DocumentBrief
    evidence: list[EvidenceRead]


class DocumentRead(DocumentListItem):
    text: str
    facts: list[EvidenceRead] = Field(description="Every fact extracted from this document, with its span.")


class DocumentIngest(WriteSchema):
    multiline = frozenset({"text"})
    # Kept verbatim (no trimming): evidence offsets and the SHA-256 refer to the text as sent.
    verbatim = frozenset({"text"})
    text: str = Field(min_length=1, max_length=TEXT_LENGTH, description="The article's plain text; evidence offsets refer to it exactly as sent.")
    title: str | None = Field(default=None, min_length=1, max_length=500, description="Wins over the title the extractor finds.")
    publisher: str | None = Field(default=None, min_length=1, max_length=200, examples=["DVIDS"])
    published_date: Annotated[date, WithJsonSchema({"type": "string", "format": "date", "maxLength": 10})] | None = Field(
        default=None, description="YYYY-MM-DD; wins over the date the extractor finds."
    )
    source_ref: str | None = Field(
        default=None, min_length=1, max_length=500,
        description='What identifies the document across loads (a URL, a file name); default "api:" + the first 16 hex digits of the text\'s SHA-256.',
        examples=["https://www.army.mil/article/12345"],
    )

    @field_validator("published_date", mode="before")
    @classmethod
    def iso_day(cls, value: object) -> object:
        # Pydantic alone would also take a Unix timestamp or a datetime string.
        if value is not None and not (isinstance(value, str) and _ISO_DAY.match(value)):
            raise ValueError("use YYYY-MM-DD")
        return value


class CreatedRecord(ReadSchema):
    id: int
    label: str = Field(description="A short human label: a title, a name, a description.")
    origin: Origin = Field(description="Always `extracted` here.")
    review_state: ReviewState | None = Field(description="`pending` (null for warnings, which are not reviewed).")


class CreatedRecords(ReadSchema):
    engagements: list[CreatedRecord] = []
    participations: list[CreatedRecord] = []
    people: list[CreatedRecord] = []
    organizations: list[CreatedRecord] = []
    locations: list[CreatedRecord] = []
    agreed_actions: list[CreatedRecord] = []
    warnings: list[CreatedRecord] = []


class IngestRead(ReadSchema):
    document_id: int
    source_ref: str
    sha256: str
    outcome: Literal["loaded", "replaced", "skipped"] = Field(
        description="`loaded` (new), `replaced` (same source_ref, new text) or `skipped` (same text: nothing changed)."
    )
    created: CreatedRecords = Field(description="The records this document added, all awaiting review; facts it matched to existing records are not listed.")
