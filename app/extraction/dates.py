"""Dates and date ranges, resolved against the article's date.

Heuristic: a handful of precompiled patterns ("May 5-9", "June 2-4, 2024", "from 3 to 7 March
2024", "between March 3 and 7", "on 26 and 27 February", "May 20", "May 2025", "2025-05-12",
"24/06/2025" (day-first only when the day exceeds 12, so never ambiguous), "Monday",
"last month", "this week", "later this year") are matched
longest-first; a missing year comes from the article's date (choosing the year that puts
the day nearest to it) or, failing that, from a year clear context implies (see
`infer_context_year`), and is never invented: with neither, the mention's date is unknown.
Known failure: a weekday is resolved from the tense of its sentence only, so "Monday" in
a past-tense article that previews next week resolves to the previous Monday.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from app.extraction.prefilter import Prefiltered, prefiltered
from app.extraction.records import DateMention, PartialDate, Span
from app.extraction.text import sentence_of, sentence_spans

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_M = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?![A-Za-z])"
)
_D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_Y = r"(?:1[89]\d\d|2[01]\d\d)"
_DASH = r"\s*(?:-|–|—|to|through|thru|until|and)\s*"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_PATTERNS: list[tuple[str, Prefiltered]] = [
    ("iso_date", prefiltered(rf"\b(?P<y>{_Y})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b")),
    ("month_day_month_day_range", prefiltered(
        rf"\b(?P<m>{_M})\s+(?P<d>{_D}){_DASH}(?P<m2>{_M})\s+(?P<d2>{_D})\b(?:,?\s+(?P<y>{_Y})\b)?")),
    ("month_day_range", prefiltered(
        rf"\b(?P<m>{_M})\s+(?P<d>{_D}){_DASH}(?P<d2>{_D})\b(?:,?\s+(?P<y>{_Y})\b)?")),
    ("day_month_day_month_range", prefiltered(
        rf"\b(?P<d>{_D})\s+(?P<m>{_M}){_DASH}(?P<d2>{_D})\s+(?P<m2>{_M})(?:,?\s+(?P<y>{_Y})\b)?")),
    ("day_day_month_range", prefiltered(
        rf"\b(?P<d>{_D}){_DASH}(?P<d2>{_D})\s+(?P<m>{_M})(?:,?\s+(?P<y>{_Y})\b)?")),
    ("month_day", prefiltered(rf"\b(?P<m>{_M})\s+(?P<d>{_D})\b(?!\s*(?:-|–)\s*\d)(?:,?\s+(?P<y>{_Y})\b)?")),
    ("day_month", prefiltered(rf"\b(?P<d>{_D})\s+(?P<m>{_M})(?:,?\s+(?P<y>{_Y})\b)?")),
    ("month_year", prefiltered(rf"\b(?P<m>{_M})(?:\s+of)?,?\s+(?P<y>{_Y})\b")),
    ("weekday", prefiltered(r"\b(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("relative_day", prefiltered(r"\b(?P<rel>yesterday|today|tomorrow)\b", re.I, gated=True)),
    ("relative_week", prefiltered(r"\b(?P<rel>last|next|this|earlier this|later this) week\b", re.I, gated=True)),
    ("relative_month", prefiltered(r"\b(?P<rel>last|next|this|earlier this|later this|early this|late last|early next) month\b", re.I, gated=True)),
    ("numeric_day_first", prefiltered(rf"\b(?P<d>1[3-9]|2\d|3[01])[/.](?P<m>0?[1-9]|1[0-2])[/.](?P<y>{_Y})\b")),
    ("this_year", prefiltered(r"\b(?:later|earlier)\s+this\s+year\b|\bthis\s+year\b", re.I, gated=True)),
    ("year", prefiltered(rf"\b(?:in|of|since|during|for|from|until|through|by)\s+(?:the\s+)?(?:latter\s+|first\s+|second\s+)?(?:half\s+of\s+)?(?P<y>{_Y})\b")),
]
_FUTURE = prefiltered(
    r"\b(?:will|shall|is set to|are set to|is scheduled to|are scheduled to|plans? to|"
    r"is expected to|are expected to|to be held|next week|upcoming)\b", re.I)
_ORDINAL_NUM = re.compile(r"\b(\d{2,3})(?:st|nd|rd|th)\s+(?:anniversary|bicentennial|centennial|birthday|jubilee)\b", re.I)
_YEAR = re.compile(rf"\b({_Y})\b")
_PREVIOUS_YEAR = prefiltered(r"\b(?:the\s+)?previous\s+year\b|\blast\s+year\b", re.I)
_FROM_YEAR = prefiltered(rf"\bfrom\s+({_Y})\b")


def _month(token: str) -> int:
    return int(token) if token.isdigit() else MONTHS[token[:3].lower()]


def _day(token: str) -> int:
    return int(re.match(r"\d+", token).group(0))  # type: ignore[union-attr]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, reference: date) -> int:
    """The year that places month/day closest to the article's date (press reports lag)."""
    best = reference.year
    best_gap: float = float("inf")
    for year in (reference.year - 1, reference.year, reference.year + 1):
        candidate = _safe_date(year, month, min(day, 28) if month == 2 else day)
        if candidate is None:
            continue
        gap = (candidate - reference).days
        # events are reported after they happen more often than announced far ahead
        weight = gap * 1.5 if gap > 0 else -gap
        if weight < best_gap:
            best, best_gap = year, weight
    return best


def _is_future(text: str, offset: int) -> bool:
    sentence = sentence_of(text, offset)
    return bool(_FUTURE.search(text, sentence.start, sentence.end))


def extract_dates(
    text: str, reference: date | None = None, context_year: int | None = None
) -> list[DateMention]:
    """All dates in `text`, in text order; overlapping matches keep the longest pattern."""
    taken: list[tuple[int, int]] = []
    mentions: list[DateMention] = []
    for rule, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            mention = _resolve(rule, match, text, reference, context_year)
            if mention is None:
                continue
            taken.append((start, end))
            mentions.append(mention)
    mentions.sort(key=lambda m: m.evidence[0].start)
    return mentions


def _resolve(
    rule: str, match: re.Match[str], text: str, reference: date | None, context_year: int | None
) -> DateMention | None:
    groups = match.groupdict()
    span = [Span(match.start(), match.end())]
    if rule == "weekday":
        if reference is None:
            return DateMention(PartialDate.unknown(), None, span, "weekday_without_reference", 0.2)
        target = _WEEKDAYS.index(groups["w"].lower())
        if _is_future(text, match.start()):
            delta = (target - reference.weekday()) % 7 or 7
            day = reference + timedelta(days=delta)
        else:
            day = reference - timedelta(days=(reference.weekday() - target) % 7)
        return DateMention(PartialDate(day, "day"), None, span, "weekday_relative", 0.6)
    if rule in ("relative_day", "relative_week"):
        if reference is None:
            return DateMention(PartialDate.unknown(), None, span, rule + "_without_reference", 0.2)
        rel = groups["rel"].lower()
        if rule == "relative_day":
            offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[rel]
            return DateMention(PartialDate(reference + timedelta(days=offset), "day"), None, span, rule, 0.7)
        monday = reference - timedelta(days=reference.weekday())
        monday += timedelta(days={"last": -7, "next": 7}.get(rel, 0))
        sunday = monday + timedelta(days=6)
        # a week known only as a week: keep the month (or year) it falls in, never a day
        if monday.month == sunday.month:
            return DateMention(PartialDate(monday.replace(day=1), "month"), None, span, rule, 0.6)
        if monday.year == sunday.year:
            return DateMention(PartialDate(monday.replace(month=1, day=1), "year"), None, span, rule, 0.5)
        return DateMention(PartialDate.unknown(), None, span, rule + "_straddles_years", 0.3)
    if rule == "relative_month":
        return _relative_month(groups["rel"], span, reference)
    if rule == "this_year":
        year = reference.year if reference else context_year
        if year is None:
            return DateMention(PartialDate.unknown(), None, span, "this_year_without_reference", 0.2)
        suffix = "" if reference else "+year_from_context"
        return DateMention(PartialDate(date(year, 1, 1), "year"), None, span, "this_year" + suffix, 0.5)
    if rule == "year":
        return DateMention(PartialDate(date(int(groups["y"]), 1, 1), "year"), None, span, "year", 0.6)
    if rule == "month_year":
        return DateMention(
            PartialDate(date(int(groups["y"]), _month(groups["m"]), 1), "month"), None, span, rule, 0.8)

    month = _month(groups["m"])
    day = _day(groups["d"])
    month2 = _month(groups["m2"]) if groups.get("m2") else month
    day2 = _day(groups["d2"]) if groups.get("d2") else None
    confidence = 0.9
    if groups.get("y"):
        year = int(groups["y"])
    elif reference is not None:
        year = _nearest_year(month2 if day2 else month, day2 or day, reference)
        rule += "+year_from_article_date"
        confidence = 0.8
    elif context_year is not None:
        year = context_year
        rule += "+year_from_context"
        confidence = 0.6
    else:
        return DateMention(PartialDate.unknown(), None, span, rule + "+no_year", 0.2)
    # a range written "Dec. 30 - Jan. 3, 2025" starts in the previous year
    start_year = year - 1 if day2 is not None and month2 < month else year
    first = _safe_date(start_year, month, day)
    if first is None:
        return None
    end: PartialDate | None = None
    if day2 is not None:
        last = _safe_date(year, month2, day2)
        if last is None:
            return None
        if last != first:
            end = PartialDate(last, "day")
    return DateMention(PartialDate(first, "day"), end, span, rule, confidence)


def _relative_month(rel: str, span: list[Span], reference: date | None) -> DateMention:
    """"last month" / "earlier this month" / "next month": a month, never a day."""
    if reference is None:
        return DateMention(PartialDate.unknown(), None, span, "relative_month_without_reference", 0.2)
    word = rel.lower().split()[-1]
    shift = {"last": -1, "next": 1}.get(word, 0)
    index = reference.year * 12 + reference.month - 1 + shift
    return DateMention(PartialDate(date(index // 12, index % 12 + 1, 1), "month"), None, span, "relative_month", 0.6)


def infer_context_year(text: str) -> tuple[int, str, list[Span]] | None:
    """The year an undated article was written in, when the text makes it clear.

    Two rules: an Nth anniversary of a dated founding celebrated "this year" (1821 + 200),
    and actions "from YEAR" described a sentence later as "the previous year" (YEAR + 1).
    Disagreeing rules give None: an inferred year must never be a guess.
    """
    votes: list[tuple[int, str, list[Span]]] = []
    sentences = sentence_spans(text)
    for index, sentence in enumerate(sentences):
        chunk = text[sentence.start : sentence.end]
        ordinal = _ORDINAL_NUM.search(chunk)
        if ordinal and re.search(r"\bthis year\b|\bwill (?:celebrate|mark|commemorate)\b", chunk, re.I):
            years = [int(y) for y in _YEAR.findall(chunk)]
            if years:
                votes.append((years[-1] + int(ordinal.group(1)), "anniversary_arithmetic",
                              [Span(sentence.start, sentence.end)]))
        from_year = _FROM_YEAR.search(chunk)
        if from_year:
            window = sentences[index : index + 2]
            for other in window:
                if _PREVIOUS_YEAR.search(text, other.start, other.end):
                    votes.append((int(from_year.group(1)) + 1, "previous_year_reference",
                                  [Span(sentence.start, sentence.end), Span(other.start, other.end)]))
                    break
    if not votes:
        return None
    years = {vote[0] for vote in votes}
    if len(years) != 1:
        return None
    rule = "+".join(sorted({vote[1] for vote in votes}))
    spans = [span for vote in votes for span in vote[2]]
    return votes[0][0], rule, spans
