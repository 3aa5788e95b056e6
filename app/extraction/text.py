"""Offset-preserving text helpers.

Heuristic: sentences end at `.`, `!` or `?` followed by whitespace and an upper-case letter
or quote, or at a blank line / line break; abbreviations such as "Gen." or "U.S." do not end
a sentence. All helpers return spans into the original string, never into a normalised copy.
Known failure: a sentence that ends with an abbreviation ("... the U.S. Then ...") is not
split there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from app.extraction.records import Span

# Abbreviations that end with a period but rarely end a sentence.
_ABBREVIATIONS = frozenset(
    """
    gen lt col maj capt cpt cmdr cdr adm brig sgt spc cpl pfc pvt maj sen rep gov dr mr mrs ms
    st ft no jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k jr sr vs etc inc co corp
    dept div bn bde regt sq sqn tech staff chief cmd lt.col mt mts gen.
    """.split()
)

_BOUNDARY = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘'(]?[A-ZÀ-Þ0-9])|\n\s*")
_LAST_WORD = re.compile(r"([\w.]+)$")


def sentence_spans(text: str) -> list[Span]:
    """Split `text` into sentence spans, trimmed of surrounding whitespace."""
    return list(_sentence_spans_cached(text))


@lru_cache(maxsize=8)
def _sentence_spans_cached(text: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if not match.group(0).startswith("\n"):
            word = _LAST_WORD.search(text, max(0, match.start() - 12), match.start() + 1)
            token = (word.group(1) if word else "").rstrip(".").lower()
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue
        end = match.start() + 1 if not match.group(0).startswith("\n") else match.start()
        _append_trimmed(text, start, end, spans)
        start = match.end()
    _append_trimmed(text, start, len(text), spans)
    return tuple(spans)


def _append_trimmed(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


def sentence_of(text: str, offset: int) -> Span:
    """The sentence containing `offset` (or the whole text if none does)."""
    spans, starts = _sentence_index(text)
    index = bisect_right(starts, offset) - 1
    if index >= 0 and spans[index].start <= offset < spans[index].end:
        return spans[index]
    return Span(0, len(text)) if text else Span(0, 0)


@lru_cache(maxsize=8)
def _sentence_index(text: str) -> tuple[tuple[Span, ...], list[int]]:
    spans = _sentence_spans_cached(text)
    return spans, [span.start for span in spans]


def line_spans(text: str) -> list[Span]:
    """Non-blank lines, trimmed."""
    spans: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        _append_trimmed(text, pos, pos + len(line), spans)
        pos += len(line) + 1
    return spans


def clean_span(text: str, start: int, end: int) -> Span:
    """Trim whitespace and punctuation from both ends, keeping at least one character."""
    while start < end - 1 and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start + 1 and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return Span(start, end)


def squash(value: str) -> str:
    """Collapse runs of whitespace (for display values, never for offsets)."""
    return " ".join(value.split())
