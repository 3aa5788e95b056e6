"""An event's date, mode and place, chosen from the sentences that talk about it.

Heuristic: the date is the resolved date nearest the trigger in its own sentence, else in
the next sentence about the same kind of event; a lone start day is widened to a range
stated elsewhere that starts on it ("commenced on 3 November ... from 3-16 November"), or
that ends on it when the day closes the event ("concluded on Friday ... ran from 3 to 14
November"); a
year-less date takes the year in the event's name ("Exercise X 2025 concluded on 21 August").
Mode is virtual ("video conference", "video teleconference", "online", "virtually") or
hybrid ("hybrid format", "in person and online") when a sentence about the event says so, in person when a place
follows "in", "at", "to" or "visit" there. Spans listed as excluded (article metadata, the
dateline) never supply a date or a place.
Known failure: an online event whose sentence also names a city ("held online from Manila")
is reported as virtual with no place, which is right, but a hybrid event's second place is lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.extraction.prefilter import prefiltered
from app.extraction.records import DateMention, EngagementMode, LocationMention, Span
from app.extraction.triggers import Trigger

_VIRTUAL = prefiltered(r"\b(?:virtually|virtual|video[- ]?teleconferenc(?:e|ing)|VTC|online|video[- ]?conferenc(?:e|ing)|video call|video link)\b", re.I)
_HYBRID = prefiltered(r"\bhybrid\b|\bin[- ]person and (?:online|virtual(?:ly)?)\b|\b(?:online|virtual(?:ly)?) and in[- ]person\b", re.I)
_IN_PERSON_CUE = re.compile(r"\b(?:assembled|met|gathered|convened|arrived|visit(?:ed|s)?|hosted|held|in person|traveled|travelled)\b[^.]{0,40}$", re.I)

def inside(span: Span, sentence: Span) -> bool:
    return sentence.start <= span.start < sentence.end


def pick_date(trigger: Trigger, related: Sequence[Span], dates: Sequence[DateMention],
               excluded: Sequence[Span], text: str = "") -> DateMention | None:
    def usable(d: DateMention) -> bool:
        span = d.evidence[0]
        return not any(e.start <= span.start < e.end for e in excluded)

    for sentence in related:
        found = [d for d in dates if inside(d.evidence[0], sentence) and usable(d)]
        found = [d for d in found if d.start.precision in ("day", "month") or d.rule.startswith(("weekday", "month", "day"))]
        if found:
            # a resolved date beats an unresolvable one ("on Thursday, Jan. 18, 2024")
            best = min(found, key=lambda d: (d.start.value is None, abs(d.evidence[0].start - trigger.span.start)))
            return _widen(text, best, related, dates) if best.end is None else best
    for sentence in related:
        found = [d for d in dates if inside(d.evidence[0], sentence) and usable(d) and d.rule.startswith("this_year")]
        if found:
            return found[0]
    return None


def year_from_name(text: str, mention: DateMention, name: str) -> DateMention | None:
    """"Exercise Dawn Komodo 2025 concluded on 21 August": the event's name gives the year."""
    from app.extraction.dates import extract_dates

    year = re.search(r"\b(?:19|20)\d\d\b", name)
    if not year:
        return None
    span = mention.evidence[0]
    again = extract_dates(text[span.start : span.end], None, int(year.group(0)))
    if not again or again[0].start.value is None:
        return None
    resolved = again[0]
    resolved.evidence = [span]
    resolved.rule = resolved.rule.replace("year_from_context", "year_from_event_name")
    return resolved


_CLOSING = prefiltered(r"\b(?:concluded|ended|wrapped up|closed|culminated|came to a close)\b[^.]{0,60}$", re.I)


def _widen(text: str, day: DateMention, related: Sequence[Span], dates: Sequence[DateMention]) -> DateMention:
    """A day stated alone ("commenced on 3 November", "concluded on Friday") and a range elsewhere
    that covers it ("from 3-16 November"): the range is the event's span."""
    first = day.start.first_day()
    if first is None:
        return day
    for mention in dates:
        if mention.end is None or not any(inside(mention.evidence[0], s) for s in related):
            continue
        start, end = mention.start.first_day(), mention.end.first_day()
        if start == first and end:
            return mention
        if end == first and _CLOSING.search(text, max(0, day.evidence[0].start - 80), day.evidence[0].start):
            return mention  # "concluded on Friday" closes "ran from 3 to 14 November"
    return day


def _first_place(text: str, related: Sequence[Span], places: Sequence[LocationMention],
                 excluded: Sequence[Span]) -> LocationMention | None:
    for sentence in related:
        for place in places:
            span = place.evidence[0]
            if inside(span, sentence) and not any(e.start <= span.start < e.end for e in excluded):
                before = text[max(sentence.start, span.start - 60) : span.start]
                if re.search(r"\b(?:in|at|to|visit|visited|visits|inside|aboard)\s+(?:the\s+)?$", before):
                    return place
    return None


def mode_and_location(text: str, trigger: Trigger, related: Sequence[Span], places: Sequence[LocationMention],
                       excluded: Sequence[Span]) -> tuple[EngagementMode, LocationMention | None]:
    for sentence in related:
        chunk = text[sentence.start : sentence.end]
        if _HYBRID.search(chunk):
            return "hybrid", _first_place(text, related, places, excluded)
        if _VIRTUAL.search(chunk) and not re.search(r"agreed[- ]to[- ]actions|\bATAs?\b|\bprevious\b", chunk, re.I):
            return "virtual", None
    for sentence in related:
        for place in places:
            span = place.evidence[0]
            if not inside(span, sentence) or any(e.start <= span.start < e.end for e in excluded):
                continue
            before = text[max(sentence.start, span.start - 60) : span.start]
            if re.search(r"\b(?:in|at|to|visit|visited|visits|inside|aboard)\s+(?:the\s+)?$", before):
                return "in_person", place  # a physical place where the event happened
    return "unknown", None
