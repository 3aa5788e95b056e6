"""Words that report an engagement, with its type, and the contexts that disqualify them.

Heuristic: singular event nouns and verbs ("staff talks", "Exercise Balikatan", "met with",
"received a British delegation",
"will visit", "conference") are triggers; plural generic nouns ("exercises", "training
programs") are not, because they describe cooperation in general. A trigger is discarded
when its sentence places it in the past edition ("The previous staff talks took place in
Lima"), offers it as a possibility ("briefings on Exercise X ... as opportunities",
"potential joint exercises", "follow-on talks"), or when it only names a programme
("The Staff Talks Program seeks ...").
Known failure: a real event mentioned in a sentence that also says "future" or "potential"
about something else is discarded too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.extraction.prefilter import Prefiltered, prefiltered
from app.extraction.records import EngagementType, Span
from app.extraction.text import sentence_of

_CAP = r"[A-Z][\w'’-]*"
TRIGGERS: list[tuple[EngagementType, Prefiltered]] = [
    ("staff_talks", prefiltered(r"\b(?:[\w-]+[ -]to[ -][\w-]+ )?staff talks\b(?! program)(?!\s+Program)", re.I, gated=True)),
    ("exercise", prefiltered(rf"\b[Ee]xercise(?: {_CAP}| \d{{2,4}})*\b(?!s)")),
    ("conference", prefiltered(r"(?i:\b(?:conference|symposium|summit|seminar|workshop)\b(?!s))|\b[A-Z][\w-]+ (?:Dialogue|Forum)\b", gated=True)),
    ("training", prefiltered(r"\b(?:training event|subject[- ]matter[- ]expert exchange|SMEE|mobile training team|"
                            r"(?:joint|bilateral|combined) training (?:event|exchange|course|mission)|"
                            r"(?:training|operations|jungle|instructor|leadership|qualification|specialized|specialised|advanced|basic|mountain|diving) course)\b(?!s)", re.I, gated=True)),
    ("meeting", prefiltered(r"\bmet\b(?: \w+){0,2}? with\b|\bmet\b|\bmeeting\b(?!s)|\bbilateral (?:talks|discussion|dialogue)\b|"
                           r"\bheld talks\b|\bco-chaired\b|\b(?:[Jj]oint |[Pp]ermanent |[Bb]ilateral )+[Cc]ommission\b|\b[Cc]ommittee meeting\b|\b(?<!staff )(?<!staff-to-staff )(?<!Staff )(?<!Staff-to-Staff )(?<!-)talks\b|\bhosted\b|\bconsultations\b|\bwill meet\b|\bto meet\b|\bcourtesy call\b|"
                           r"\breceived (?:a |an |the |his |her )?(?:[\w-]+ ){0,3}(?:delegations?|counterparts?)\b", re.I)),
    ("visit", prefiltered(r"\b(?:official |working |state |counterpart |courtesy )?visit(?:ed|s|ing)?\b(?!ors)|\btrip\b|"
                         r"\btravel(?:ed|led|s)? to\b|\bwill travel\b|\barrived in\b", re.I)),
]
_PREVIOUS = prefiltered(r"\b(?:previous|last year['’]s|prior|former|past|earlier)\s+(?:\w+\s+){0,3}$", re.I)
_PREVIOUS_SENTENCE = prefiltered(r"\b(?:previous|last)\s+(?:staff talks|meeting|visit|exercise|conference|edition|iteration|year['’]s)\b", re.I)
_HYPOTHETICAL = prefiltered(
    r"\bas (?:an )?opportunit(?:y|ies)\b|\bopportunit(?:y|ies) (?:for|to)\b|\bpossible\b|\bpotential\b|"
    r"\bfollow-on\b|\bunder consideration\b|\bexpected to lead\b|\bfuture\b|\bcould\b|\bwould\b|\bseeks?\b|\bprogram\b", re.I)
_SOFT_TYPES = frozenset({"exercise", "training", "conference"})
_THIS_EDITION = prefiltered(r"\bthis year\b|\bthe \w+ annual\b", re.I)
_STRONG_HYPOTHETICAL = prefiltered(r"\bprogram\b|\bfuture\b|\bfollow-on\b|\bpotential\b", re.I)


@dataclass(slots=True)
class Trigger:
    type: EngagementType
    span: Span
    sentence: Span
    surface: str


def find_triggers(text: str) -> list[Trigger]:
    """Triggers that report a concrete event, in text order."""
    found: list[Trigger] = []
    for kind, pattern in TRIGGERS:
        for match in pattern.finditer(text):
            sentence = sentence_of(text, match.start())
            before = text[sentence.start : match.start()]
            chunk = text[sentence.start : sentence.end]
            if _PREVIOUS.search(before[-40:]):
                continue
            if _PREVIOUS_SENTENCE.search(chunk) and not _THIS_EDITION.search(chunk):
                continue
            local = text[max(sentence.start, match.start() - 60) : min(sentence.end, match.end() + 80)]
            if _HYPOTHETICAL.search(local) and (kind in _SOFT_TYPES or _STRONG_HYPOTHETICAL.search(local)):
                continue
            found.append(Trigger(kind, Span(*match.span()), sentence, match.group(0)))
    found.sort(key=lambda t: t.span.start)
    return found
