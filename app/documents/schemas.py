"""Response schemas for documents and the evidence spans that tie facts to them."""

from datetime import date
from typing import Literal

from pydantic import Field

from app.schema_base import ReadSchema

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
