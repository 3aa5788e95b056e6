"""Agreed-to-actions (ATAs): reported count, focus areas, horizon and reported statuses.

Heuristic: the count is a number (digits or words) right before "agreed-to-actions",
"agreed actions" or "ATAs"; focus areas are the comma/semicolon list after "focused on",
"focus ... was", "such as" or "centered on" in a sentence about ATAs or objectives; the
horizon is "through/until/by YEAR" in such a sentence. Statuses ("postponed",
"rescheduled for ...", "cancelled", "performed virtually") reported about actions "from
YEAR" or "previous" are the fate of an EARLIER edition's actions: they are returned with
`from_previous_engagement=True` so that the loader can file them as context and never
count them as this engagement's new actions.
Known failure: a topic list spread over several sentences keeps only the first sentence.
"""

from __future__ import annotations

import re
from datetime import date

from app.extraction.prefilter import prefiltered
from app.extraction.records import AgreedActionMention, PartialDate, Span
from app.extraction.text import sentence_spans

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
_ATA = r"(?:agreed[- ]to[- ]actions?|agreed[- ]upon actions|agreed actions|ATAs?)"
_COUNT = prefiltered(
    rf"\b(?P<n>\d{{1,3}}|{'|'.join(_NUMBER_WORDS)})(?:[- ](?P<n2>one|two|three|four|five|six|seven|eight|nine))?\s+"
    rf"(?:(?:new|bilateral|total|separate|updated|key|additional)\s+){{0,2}}(?:\(\s*)?{_ATA}\b", re.I)
_TOPIC_LEAD = prefiltered(
    r"\b(?:focused (?:on|towards|toward)|focus(?:es|ed)? on|centered on|centred on|such as|including|"
    r"focus of [^.]{0,40}? (?:was|were|is|are)|lines of effort(?: of| on)?)\s*:?\s*", re.I)
_HORIZON = re.compile(r"\b(?:through|until|till|by|to)\s+(?:the\s+end\s+of\s+)?(?P<y>(?:19|20)\d\d)\b")
_STATUS_WORDS = [
    ("completed", prefiltered(r"\b(?:performed|conducted|completed|executed) virtually\b|\bcompleted\b", re.I)),
    ("postponed", prefiltered(r"\bpostponed\b|\bdelayed\b", re.I)),
    ("rescheduled", prefiltered(r"\brescheduled(?: for (?P<when>[^,.;]{3,40}))?", re.I)),
    ("cancelled", prefiltered(r"\bcancel+ed\b", re.I)),
    ("in_progress", prefiltered(r"\bin progress\b|\bongoing\b|\bunderway\b", re.I)),
]
_PREVIOUS = prefiltered(r"\bfrom (?:19|20)\d\d\b|\bprevious\b|\blast year\b|\bprior\b", re.I)
_ATA_WORDS = prefiltered(rf"{_ATA}|\bobjectives\b|\bpriorities\b|\bfocus\b", re.I)


def extract_action_count(text: str) -> tuple[int, Span] | None:
    """The first reported number of agreed-to-actions."""
    for match in _COUNT.finditer(text):
        raw = match.group("n").lower()
        value = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        if match.group("n2"):
            value += _NUMBER_WORDS[match.group("n2").lower()]
        if 0 < value < 1000:
            return value, Span(*match.span())
    return None


def _split_topics(chunk: str) -> list[str]:
    chunk = re.split(r"\s+(?:through|until|by)\s+(?:19|20)\d\d|[.”\"]", chunk)[0]
    parts = re.split(r"\s*[;,]\s*(?:and\s+|or\s+)?|\s+and\s+(?=[a-z])", chunk)
    topics = []
    for part in parts:
        part = re.sub(r"^(?:and|or|the|on|of)\s+", "", part.strip(" :;,")).strip()
        if 2 < len(part) <= 80 and len(part.split()) <= 9:
            topics.append(part)
    return topics


def extract_agreed_actions(text: str, reference: date | None = None) -> list[AgreedActionMention]:
    """Focus areas (status 'agreed') and reported statuses of earlier actions."""
    actions: list[AgreedActionMention] = []
    for sentence in sentence_spans(text):
        chunk = text[sentence.start : sentence.end]
        if not _ATA_WORDS.search(chunk):
            continue
        about_atas = re.search(_ATA, chunk, re.I) is not None
        horizon_match = _HORIZON.search(chunk)
        horizon = f"through {horizon_match.group('y')}" if horizon_match else None
        # A partial date is stored as the first day of its period: "through 2029" is the year 2029.
        target = PartialDate(date(int(horizon_match.group("y")), 1, 1), "year") if horizon_match else None
        previous = bool(_PREVIOUS.search(chunk)) and about_atas
        statuses = [(status, m) for status, pattern in _STATUS_WORDS for m in [pattern.search(chunk)] if m]
        if about_atas and len(statuses) >= 1 and re.search(r"\b(?:were|was|have been|had been)\b", chunk):
            for status, match in statuses:
                when = match.groupdict().get("when")
                year = re.search(r"(?:19|20)\d\d", when or "")
                actions.append(AgreedActionMention(
                    description=chunk.strip() if len(chunk) < 300 else chunk[:300],
                    status=status,  # type: ignore[arg-type]
                    target=PartialDate(date(int(year.group(0)), 1, 1), "year") if year else None,
                    evidence=[Span(sentence.start + match.start(), sentence.start + match.end()), sentence],
                    rule="ata_status_report", confidence=0.6, from_previous_engagement=previous,
                ))
            continue
        lead = _TOPIC_LEAD.search(chunk)
        event_focus = re.search(r"\bfocus of (?:the|this|this year['’]s) (?:event|talks|staff talks|meeting|conference|exercise|visit)", chunk, re.I)
        if not lead or not (about_atas or horizon_match and re.search(r"objectives|priorities", chunk) or event_focus):
            continue
        start = sentence.start + lead.end()
        for topic in _split_topics(chunk[lead.end():]):
            offset = text.find(topic, start, sentence.end)
            span = Span(offset, offset + len(topic)) if offset >= 0 else sentence
            actions.append(AgreedActionMention(
                description=topic, topic=topic, status="agreed", horizon=horizon, target=target,
                evidence=[span], rule="ata_focus_list", confidence=0.6 if about_atas else 0.45,
            ))
    return actions
