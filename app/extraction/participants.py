"""Merge person mentions into participants and give each a role.

Heuristic: mentions sharing a surname alias are one person (the fullest name and the
richest rank/title/organisation win); surname-only references elsewhere ("Walrath said")
add evidence and mark the person as a speaker when they attach to a quote. A person stays
out when every rank/title mention sits in an excluding context, or when the name is a
byline. A person without a country of their own gets one from context only when it is
clear (see `_country_from_context`). Head of delegation: the most senior person of each side (by `ranks.seniority`),
provided that is at least a brigadier/commodore or a minister-level official.
Known failure: two different people sharing a surname ("Gen. Kim" and "Col. Kim") are merged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from app.extraction.countries import extract_countries
from app.extraction.people import SPEECH, PersonRecord, find_person_mentions
from app.extraction.ranks import seniority
from app.extraction.records import CountryMention, ParticipantMention, Span
from app.extraction.text import sentence_of

_LED_BY = re.compile(r"\b(?:led|headed|chaired|co-chaired) by\s*(?:the\s+)?[\w.' ]{0,30}$")


def _merge(records: list[PersonRecord]) -> list[PersonRecord]:
    merged: list[PersonRecord] = []
    for record in records:
        target = next((m for m in merged if record.aliases & m.aliases), None)
        if target is None:
            merged.append(record)
            continue
        old, new = target.mention, record.mention
        if len(new.name) > len(old.name):
            old.name = new.name
        old.rank = old.rank or new.rank
        if new.title and (not old.title or len(new.title) > len(old.title)):
            old.title = new.title
        old.organization = old.organization or new.organization
        old.country = old.country or new.country
        old.evidence.extend(new.evidence)
        target.aliases |= record.aliases
        target.excluded_mentions += record.excluded_mentions
        target.supporting_mentions += record.supporting_mentions
        target.quoted = target.quoted or record.quoted
    return merged


def _occurrences(text: str, word: str) -> list[tuple[int, int]]:
    """Whole-word occurrences (str.find: a regex per alias would be compiled per call)."""
    spans = []
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            spans.append((start, end))
        start = text.find(word, start + 1)
    return spans


def _add_references(text: str, people: list[PersonRecord]) -> None:
    for person in people:
        known = {(s.start, s.end) for s in person.mention.evidence}
        # Longest alias first, in a fixed order: "Yoshihide Sato" claims its span before "Sato"
        # could add the nested one (set order once made this vary with PYTHONHASHSEED).
        for alias in sorted(person.aliases, key=lambda alias: (-len(alias), alias)):
            for start, end in _occurrences(text, alias):
                if any(a <= start < b for a, b in known):
                    continue
                person.mention.evidence.append(Span(start, end))
                known.add((start, end))
                after = text[end : end + 25]
                before = text[max(0, start - 25) : start]
                if SPEECH.match(after.strip()) or re.search(r"(?:said|stated)\s*$", before):
                    person.quoted = True
        person.mention.evidence.sort(key=lambda s: s.start)


_OUR = re.compile(r"\b(?:[Oo]ur|[Ww]e)\b")
_COUNTERPART_AFTER = re.compile(r"\W{0,3}(?:[\w-]+\s+){0,2}?(?:counterparts?|partners?|colleagues|friends|allies|ally|hosts?|guests?|comrades)\b", re.I)
_DESTINATION_BEFORE = re.compile(r"\b(?:visit(?:ed|s|ing)?|travel(?:l?ed|s)? to|arriv(?:ed|es) in|trip to)\s+(?:the\s+)?$", re.I)


def _side_opposite_quote(text: str, person: PersonRecord, pair: tuple[str, str],
                         countries: Sequence[CountryMention]) -> str | None:
    """"Our marines learned from their Korean counterparts," Alvarez said: the other side."""
    for span in person.mention.evidence:
        sentence = sentence_of(text, span.start)
        chunk = text[sentence.start : sentence.end]
        if not (re.search(r"[“”\"]", chunk) and SPEECH.search(chunk) and _OUR.search(chunk)):
            continue
        named = {c.code for c in countries if sentence.start <= c.evidence[0].start < sentence.end
                 and _COUNTERPART_AFTER.match(text, c.evidence[0].end)} & set(pair)
        if len(named) == 1:
            code = named.pop()
            return pair[1] if code == pair[0] else pair[0]
    return None


def _is_destination(text: str, mention: CountryMention) -> bool:
    """"will visit Thailand": the country is where the subject goes, not theirs."""
    start = mention.evidence[0].start
    return bool(_DESTINATION_BEFORE.search(text, max(0, start - 30), start))


def _country_from_context(text: str, people: list[PersonRecord], pair: tuple[str, str] | None,
                          countries: Sequence[CountryMention] | None) -> None:
    """A person with no demonym of their own: the side opposite a counterpart they name in a
    quote with "our"/"we"; the side opposite the country they visit ("X will visit Thailand");
    the only side named in their sentence; or, when their sentence pairs them with someone
    of one side, the other side. Anything else stays unknown: no guess."""
    if countries is None:
        countries = extract_countries(text)
    if pair is None:
        return
    for person in people:
        if person.mention.country is not None:
            continue
        first = person.mention.evidence[0]
        sentence = sentence_of(text, first.start)
        others = [p for p in people if p is not person and any(sentence.start <= e.start < sentence.end for e in p.mention.evidence)]
        opposite = _side_opposite_quote(text, person, pair, countries)
        if opposite:
            person.mention.country = opposite
            person.mention.rule += "+country_opposite_quoted_counterpart"
            continue
        in_sentence = [c for c in countries if sentence.start <= c.evidence[0].start < sentence.end and c.code in pair]
        sides = {c.code for c in in_sentence}
        if not others and len(sides) == 1 and all(_is_destination(text, c) for c in in_sentence) \
                and in_sentence[0].evidence[0].start > first.start:
            visited = sides.pop()
            person.mention.country = pair[1] if visited == pair[0] else pair[0]
            person.mention.rule += "+country_opposite_destination"
        elif not others and len(sides) == 1:
            person.mention.country = sides.pop()
            person.mention.rule += "+country_from_sentence"
        elif len(others) == 1 and others[0].mention.country in pair:
            person.mention.country = pair[1] if others[0].mention.country == pair[0] else pair[0]
            person.mention.rule += "+country_opposite_counterpart"


def extract_participants(
    text: str, bylines: Iterable[str] = (), pair: tuple[str, str] | None = None,
    countries: Sequence[CountryMention] | None = None,
) -> list[ParticipantMention]:
    """Participants in text order, without bylines or merely-mentioned officials."""
    byline_set = {b.strip() for b in bylines}
    people = _merge(find_person_mentions(text))
    people = [p for p in people if not (p.aliases & byline_set)
              and not any(p.mention.name in byline for byline in byline_set)]
    _add_references(text, people)
    kept = [p for p in people if p.supporting_mentions > 0 and len(p.mention.name.split()) >= 2
            or p.supporting_mentions > 0 and p.mention.rank]
    _country_from_context(text, kept, pair, countries)
    for person in kept:
        person.mention.role = "speaker" if person.quoted else "attendee"
    by_country: dict[str | None, list[PersonRecord]] = {}
    for person in kept:
        by_country.setdefault(person.mention.country, []).append(person)
    for country, group in by_country.items():
        if country is None:
            continue
        # "the delegation was led by X" beats seniority
        led = [p for p in group if any(_LED_BY.search(text, max(0, e.start - 40), e.start) for e in p.mention.evidence)]
        best = led[0] if led else max(group, key=lambda p: seniority(p.mention.rank, p.mention.title))
        if led:
            best.mention.role = "head_of_delegation"
            continue
        if seniority(best.mention.rank, best.mention.title) >= 7:
            best.mention.role = "head_of_delegation"
    for person in kept:
        person.mention.confidence = 0.85 if person.mention.country else 0.6
    return [p.mention for p in sorted(kept, key=lambda p: p.mention.evidence[0].start)]
