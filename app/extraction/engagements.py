"""Engagements: which concrete events the article reports, and their facts.

Heuristic: triggers (see `triggers.py`) are grouped by type; each type is scored by how
concrete its mentions are (a date, an edition, a participant, a place or a concrete verb
in the same sentence, the type named in the title) and the best-scoring type is the
article's main engagement, provided it reaches a minimum score: a background piece about
cooperation in general has triggers but none concrete enough. A second engagement is
emitted only for another type whose trigger sentence carries its own, different date.
Facts come from the main trigger's sentence first, then from other sentences that
mention the same kind of event; the dateline is never taken as the event location.
Known failure: an article reporting two events of the same type (two visits) yields one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.extraction.countries import compound_pairs
from app.extraction.event_facts import inside, mode_and_location, pick_date, year_from_name
from app.extraction.prefilter import prefiltered
from app.extraction.records import (
    CountryMention,
    DateMention,
    EngagementMention,
    EngagementStatus,
    LocationMention,
    PartialDate,
    ParticipantMention,
    Span,
)
from app.extraction.triggers import Trigger, find_triggers

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24,
    "twenty-fifth": 25, "thirtieth": 30,
}
ORDINAL_RE = prefiltered(r"\b(?:(?P<num>\d{1,3})(?:st|nd|rd|th)|(?P<word>" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r"))\b", re.I)
_NAME_WORD = re.compile(r"(?:[A-Z][\w.'’-]*|\d{1,3}(?:st|nd|rd|th)|(?:19|20)\d\d|annual|Annual|bilateral|Bilateral|of|the|and|-|–)$")
_NOT_NAME_WORDS = frozenset(
    "the during at in for as after following while since this these that its their his her a an on with by from to "
    "both between our senior".split())
_CONCRETE_VERB = prefiltered(
    r"\b(?:met|meets|visited|held|hosted|assembled|convened|conducted|concluded|took place|participated|"
    r"attended|kicked off|opened|wrapped up|signed|welcomed|received|will visit|will travel|is set to|is scheduled to|"
    r"will meet|will hold|will host|began|started|culminated)\b", re.I)
_FUTURE = prefiltered(r"\b(?:will|is set to|are set to|is scheduled to|are scheduled to|plans to|is to|to visit|is expected to visit)\b", re.I)
_TYPE_WORDS = {
    "staff_talks": r"staff talks|talks", "meeting": r"meeting|talks|discussion|dialogue|met",
    "visit": r"visit|trip", "exercise": r"exercise", "training": r"training", "conference": r"conference|symposium|summit|forum",
    "other": r"event",
}
_PRIORITY = {"staff_talks": 3, "exercise": 2, "conference": 2, "training": 1, "meeting": 1, "visit": 1, "other": 0}
MIN_SCORE = 4.0
_NAMED_TYPES = frozenset({"staff_talks", "exercise", "conference", "training"})


def _score(trigger: Trigger, text: str, dates: Sequence[DateMention], people: Sequence[ParticipantMention],
           places: Sequence[LocationMention], title: str | None) -> float:
    sentence = trigger.sentence
    chunk = text[sentence.start : sentence.end]
    score = 1.0
    if any(inside(d.evidence[0], sentence) and d.start.precision in ("day", "month", "unknown") for d in dates):
        score += 2
    if ORDINAL_RE.search(text, max(sentence.start, trigger.span.start - 40), trigger.span.start):
        score += 2
    if any(inside(e, sentence) for p in people for e in p.evidence):
        score += 1.5
    if any(inside(p.evidence[0], sentence) for p in places):
        score += 1
    if _CONCRETE_VERB.search(chunk):
        score += 1
    if title and re.search(_TYPE_WORDS[trigger.type], title, re.I):
        score += 1
    return score


def _name_of(text: str, trigger: Trigger) -> str:
    """The capitalised event name around the trigger: "Sixth Annual U.S.-Peruvian Army Staff Talks"."""
    start = trigger.span.start
    words = list(re.finditer(r"\S+", text[trigger.sentence.start : start]))
    for word in reversed(words[-9:]):
        token = word.group(0)
        if not _NAME_WORD.match(token) or token.lower() in _NOT_NAME_WORDS or token in {"of", "and"} and start == trigger.span.start:
            break
        start = trigger.sentence.start + word.start()
    name = text[start : trigger.span.end].strip(" ,.;–—-")
    return re.sub(r"^(?:the|of|and)\s+", "", name, flags=re.I)


_ITERATION = re.compile(r"\b(?:(?P<num>\d{1,3})(?:st|nd|rd|th)|(?P<word>[a-z-]+th|first|second|third))\s+(?:iteration|edition|session|round|meeting|installment)\b", re.I)


def _edition_nearby(text: str, sentence: Span) -> int | None:
    """"the 39th iteration of ..." / "The sixth edition of ..." in the trigger's sentence."""
    match = _ITERATION.search(text, sentence.start, sentence.end)
    if not match:
        return None
    if match.group("num"):
        return int(match.group("num"))
    return _ORDINALS.get(match.group("word").lower())


def _is_proper(name: str, trigger: Trigger) -> bool:
    extra = re.sub(re.escape(trigger.surface), "", name, flags=re.I).split()
    return any(word[0].isupper() or word[0].isdigit() for word in extra) or bool(
        re.search(r"\b[Ee]xercise [A-Z]", name))


def edition_of(name: str) -> int | None:
    match = ORDINAL_RE.search(name)
    if not match:
        return None
    return int(match.group("num")) if match.group("num") else _ORDINALS[match.group("word").lower()]


def _series(name: str) -> str | None:
    series = ORDINAL_RE.sub("", name)
    series = re.sub(r"\b(?:annual|Annual)\b|\b(?:19|20)\d\d\b", "", series)
    series = " ".join(series.split())
    return series if len(series.split()) >= 2 else None


def _related_sentences(text: str, kind: str, sentences: Sequence[Span]) -> list[Span]:
    pattern = re.compile(rf"\b(?:{_TYPE_WORDS[kind]})\b|\bthe event\b", re.I)
    return [s for s in sentences if pattern.search(text, s.start, s.end)]


def build_engagement(
    text: str, trigger: Trigger, triggers: Sequence[Trigger], *, dates: Sequence[DateMention],
    countries: Sequence[CountryMention], pair: tuple[str, str] | None, people: Sequence[ParticipantMention],
    places: Sequence[LocationMention], sentences: Sequence[Span], title: str | None,
    published: PartialDate | None, excluded: Sequence[Span] = (),
) -> EngagementMention | None:
    same_type = [t for t in triggers if t.type == trigger.type]
    related = sorted({t.sentence for t in same_type} | set(_related_sentences(text, trigger.type, sentences)),
                     key=lambda s: (s != trigger.sentence, s.start))
    name = _name_of(text, trigger)
    if not _is_proper(name, trigger):
        # prefer a proper event name ("Exercise Balikatan 2024") from another mention of the same type
        proper = [n for n, t in ((_name_of(text, t), t) for t in same_type) if _is_proper(n, t)]
        name = proper[0] if proper else name
    compounds = [c for c in compound_pairs(text, list(countries)) if trigger.sentence.start <= c[2].start < trigger.sentence.end]
    sides = (compounds[0][0], compounds[0][1]) if compounds else pair
    if sides is None:
        return None
    evidence = [trigger.sentence]
    when = pick_date(trigger, related, dates, excluded, text)
    if when and when.start.value is None and when.rule.endswith("+no_year"):
        when = year_from_name(text, when, name) or when
    start = when.start if when else PartialDate.unknown()
    end = when.end if when else None
    if when:
        evidence.append(when.evidence[0])
    mode, location = mode_and_location(text, trigger, related, places, excluded)
    if location:
        evidence.append(location.evidence[0])
    status: EngagementStatus = "held"
    main_chunk = text[trigger.sentence.start : trigger.sentence.end]
    if _FUTURE.search(main_chunk) and not re.search(r"\b(?:met|held|visited|concluded)\b", main_chunk):
        status = "planned"
    elif published and start.first_day() and start.first_day() > published.last_day():  # type: ignore[operator]
        status = "planned"
    if re.search(r"\b(?:was|were|has been|have been) (?:postponed|delayed)\b", main_chunk):
        status = "postponed"
    if re.search(r"\b(?:was|were|has been|have been) cancel+ed\b", main_chunk):
        status = "cancelled"
    edition = edition_of(name) if trigger.type in ("staff_talks", "exercise", "conference", "training") else None
    if edition is None and trigger.type != "visit":
        edition = _edition_nearby(text, trigger.sentence)
    is_named = trigger.type in ("staff_talks", "exercise", "conference") and (
        len(name.split()) > len(trigger.surface.split()) or bool(re.search(r"\b[Ee]xercise [A-Z]", name)))
    if not is_named and name.lower() == trigger.surface.lower() or name.lower().startswith(("annual", "bilateral")) and not _is_proper(name, trigger):
        is_named = False
    display = name if is_named else (title or f"{sides[0]}-{sides[1]} {trigger.type.replace('_', ' ')}")
    return EngagementMention(
        title=display, type=trigger.type, countries=sides, start=start, end=end, status=status,
        mode=mode, location=location, series=_series(name) if is_named else None, edition=edition,
        summary=" ".join(main_chunk.split())[:300], participants=list(people), evidence=evidence,
        rule=f"trigger_{trigger.type}", confidence=0.7 if is_named or when else 0.55,
    )


def assign_participants(text: str, engagements: list[EngagementMention], sentences: Sequence[Span]) -> None:
    """With several engagements, each person goes to the one whose sentences first name them."""
    if len(engagements) < 2:
        return
    people = engagements[0].participants
    related = [set(_related_sentences(text, e.type, sentences)) | {e.evidence[0]} for e in engagements]
    for engagement in engagements:
        engagement.participants = []
    for person in people:
        first = person.evidence[0].start
        home = next((s for s in sentences if s.start <= first < s.end), None)
        owners = [i for i, e in enumerate(engagements) if e.evidence[0] == home] or \
                 [i for i, spans in enumerate(related) if home in spans]
        engagements[owners[0] if len(owners) == 1 else 0].participants.append(person)


def extract_engagements(
    text: str, *, dates: Sequence[DateMention], countries: Sequence[CountryMention],
    pair: tuple[str, str] | None, people: Sequence[ParticipantMention], places: Sequence[LocationMention],
    sentences: Sequence[Span], title: str | None, published: PartialDate | None,
    excluded: Sequence[Span] = (),
) -> list[EngagementMention]:
    triggers = find_triggers(text)
    if not triggers:
        return []
    scored = [(_score(t, text, dates, people, places, title), t) for t in triggers]
    best_by_type: dict[str, tuple[float, Trigger]] = {}
    for score, trig in scored:
        if trig.type not in best_by_type or score > best_by_type[trig.type][0]:
            best_by_type[trig.type] = (score, trig)
    ranked = sorted(best_by_type.values(), key=lambda st: (st[0], _PRIORITY[st[1].type], -st[1].span.start), reverse=True)
    if ranked[0][0] < MIN_SCORE:
        return []
    kwargs = dict(dates=dates, countries=countries, pair=pair, people=people, places=places,
                  sentences=sentences, title=title, published=published, excluded=excluded)
    main = build_engagement(text, ranked[0][1], triggers, **kwargs)  # type: ignore[arg-type]
    if main is None:
        return []
    result = [main]
    for score, trig in ranked[1:]:
        if trig.type not in _NAMED_TYPES and ranked[0][1].type not in _NAMED_TYPES:
            continue  # a side visit during a meeting is part of the same trip
        own = [d for d in dates if inside(d.evidence[0], trig.sentence) and d.start.precision == "day"]
        if score < MIN_SCORE + 1 or not own or trig.sentence == ranked[0][1].sentence:
            continue
        if any(own[0].start == e.start for e in result):
            continue
        extra = build_engagement(text, trig, [trig], **kwargs)  # type: ignore[arg-type]
        if extra:
            extra.confidence = 0.5
            result.append(extra)
    assign_participants(text, result, sentences)
    return result
