"""People introduced by a military rank or a government title, with organisation and country.

Heuristic: a rank or title from `ranks.py` followed by two to five capitalised name tokens
(particles such as "de", "del", "da" allowed) is a person. The words right before the rank
("U.S. Army", "Peruvian army", "Peru's") give the country and service; a following
appositive (", U.S. Army South commanding general", ", chief of staff of the Peruvian
Army", ", who heads the X Directorate") gives organisation and title; a preceding one ("the
Peruvian army's director of planning, Brig. Gen. X", "Nigeria's Chief of Defence Staff,
General X", "the head of the Vietnamese delegation, Senior Col. X") likewise. Later surname-only references ("Walrath said") add
evidence. People whose every mention sits in a "merely mentioned" context (issued a
readout, authorised or endorsed a trip, sent greetings, temporarily assumes duties) or who
are bylines are kept out of the participants.
Known failure: a participant named without any rank or title ("John Smith, a policy
adviser, said") is not found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.extraction.affiliations import (
    APPOSITIVE,
    DELEGATION_HEAD,
    POST_OF,
    PRE_APPOSITIVE,
    SERVICE_WORD,
    affiliation_before,
    make_organization,
    split_appositive,
    who_clause,
)
from app.extraction.countries import country_code, organization_countries
from app.extraction.names import NOT_NAMES, PARTICLES, read_name
from app.extraction.prefilter import prefiltered
from app.extraction.ranks import RANK_RE, TITLE_RE, US_ONLY_TITLES
from app.extraction.records import ParticipantMention, Span
from app.extraction.text import sentence_of

_EXCLUDING = prefiltered(
    r"\breadout\b|\baccording to\b|\bstatement (?:issued|released)\b|\bspokes(?:man|woman|person)\b|"
    r"\bpress secretary\b|\bpublic affairs\b|\bauthori[sz]ed\b|\bendorsed\b|\bapproved\b|"
    r"\btemporarily\b|\bin (?:his|her|their) absence\b|\bacting (?:minister|secretary)\b|"
    r"\bwill assume\b|\bassume the responsibilities\b|\bwill not be\b|\bdid not (?:meet|attend|take part|participate|join)\b|"
    r"\bwas not (?:part of|present|at)\b|\bwere not (?:part of|present)\b|"
    r"\bsent (?:a |his |her |their )?(?:message|letter|greetings|regards|congratulations|condolences)\b|"
    r"\bphotos? by\b|\bphotographs? by\b|\bstory by\b|\breported by\b", re.I)
_OF_COUNTRY = re.compile(r"(?:\s+(?:of|for|to|in)\s+(?:the\s+)?(?P<of>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}))?\s*,\s+")
_SPOKES = prefiltered(r"spokes|public affairs|press officer|press secretary|information officer", re.I)
SPEECH = re.compile(r"\b(?:said|says|stated|added|continued|concluded|noted|emphasi[sz]ed|explained|remarked|told|highlighted|stressed)\b")


@dataclass(slots=True)
class PersonRecord:
    mention: ParticipantMention
    aliases: set[str] = field(default_factory=set)
    excluded_mentions: int = 0
    supporting_mentions: int = 0
    quoted: bool = False




def find_person_mentions(text: str) -> list[PersonRecord]:
    """Every rank/title + name occurrence, one record per occurrence (not yet merged)."""
    records: list[PersonRecord] = []
    seen_starts: set[int] = set()
    hits = [(m, "rank") for m in RANK_RE.finditer(text)] + [(m, "title") for m in TITLE_RE.finditer(text)]
    hits.sort(key=lambda hit: (hit[0].start(), -len(hit[0].group(0))))
    covered_until = -1
    for match, kind in hits:
        if match.start() < covered_until:
            continue
        if kind == "title" and RANK_RE.match(text, re.match(r"[\s,]*", text[match.end():]).end() + match.end()):  # type: ignore[union-attr]
            continue  # "Chief of Staff Gen. X": the rank hit carries the name
        name = read_name(text, match.end())
        of_country: str | None = None
        if kind == "title":
            # "the Minister of Defence of Brazil, Ricardo Albuquerque Sampaio, ..."
            of = _OF_COUNTRY.match(text, match.end())
            if of and (name is None or country_code(name[0]) or name[0] in NOT_NAMES):
                of_country = country_code(of.group("of")) if of.group("of") else None
                name = read_name(text, of.end())
        if name is None:
            continue
        full, start, end = name
        if start in seen_starts:
            continue
        seen_starts.add(start)
        covered_until = end
        rank = match.group(0) if kind == "rank" else None
        title = match.group(0) if kind == "title" else None
        prefix_at = match.start()
        if rank:
            preceding = re.search(r"(?P<t>[A-Z][\w ]{3,60}?),?\s*$", text[max(0, match.start() - 60) : match.start()])
            if preceding:
                found = [t for t in TITLE_RE.finditer(preceding.group("t")) if t.end() == len(preceding.group("t"))]
                title = found[0].group(0) if found else None
                if found:
                    prefix_at = match.start() - len(preceding.group(0)) + found[0].start()
        country, org_name = affiliation_before(text, prefix_at)
        country = country or of_country
        # "Peruvian Defense Minister X" / "U.S. Army Maj. Gen. X": a title may follow a rank
        appositive = APPOSITIVE.match(text, end)
        if appositive:
            post_title, post_org = split_appositive(appositive.group("body"))
            title = title if title and not post_title else (post_title or title)
            org_name = post_org or org_name
        who = who_clause(text, end)
        if who:
            title, org_name = who[0] or title, who[1] or org_name
        post_of = POST_OF.match(text, end)
        if post_of and not org_name and (SERVICE_WORD.search(post_of.group("org")) or post_of.group("org") in organization_countries()):
            org_name = re.sub(r"(?<=[a-z]{3})\.$", "", post_of.group("org"))
        own_start = sentence_of(text, max(0, match.start() - 1)).start
        pre = PRE_APPOSITIVE.search(text, max(own_start, match.start() - 90), match.start())
        if pre and not title:
            title, org_name = pre.group("title").strip(), org_name or pre.group("org")
        head = DELEGATION_HEAD.search(text, max(own_start, match.start() - 120), match.start())
        if head and not (title and title != head.group("title")) or head and title is None:
            title, country = head.group("title"), country or country_code(head.group("who"))
        if org_name and country_code(org_name) and org_name not in organization_countries():
            country, org_name = country or country_code(org_name), None  # "Chief of Army Staff of Ecuador"
        if country is None and org_name:
            country = organization_countries().get(org_name) or next(
                (c for c in (country_code(w) for w in re.findall(r"[\w.'’-]+", org_name)) if c), None)
        if country is None and title in US_ONLY_TITLES:
            country = "US"
        if country is None and records and re.fullmatch(r"\s*(?:,|and|, and)\s*", text[records[-1].mention.evidence[0].end : match.start()]):
            country = records[-1].mention.country  # "Peru's Minister X and Foreign Minister Y"
        evidence_end = appositive.end() if appositive and (title or org_name) and appositive.start() == end else end
        mention = ParticipantMention(
            name=full, rank=rank, title=title, organization=make_organization(org_name, country), country=country,
            evidence=[Span(match.start(), evidence_end)], rule=f"{kind}_then_name", confidence=0.8,
        )
        sentence = sentence_of(text, start)
        before = text[max(sentence.start, start - 120) : match.start()]
        whole = text[sentence.start : sentence.end]
        record = PersonRecord(mention, aliases=_aliases(full))
        own_clause = text[start : min(sentence.end, end + 160)]
        if _EXCLUDING.search(before) or _EXCLUDING.search(whole) and not SPEECH.search(whole) \
                or _SPOKES.search(f"{title or ''} {org_name or ''}") \
                or re.match(r"[^.;]{0,120}?\b(?:will not be|did not (?:meet|attend)|was not part of|sent a message|who (?:is|was) (?:attending|travelling|traveling|away|in))\b", own_clause):
            record.excluded_mentions = 1
        else:
            record.supporting_mentions = 1
        record.quoted = _is_quoted(text, sentence, match.start(), end)
        records.append(record)
    return records


def _aliases(full: str) -> set[str]:
    tokens = [t for t in full.split() if t not in PARTICLES and not re.fullmatch(r"[A-Z]\.|Jr\.|Sr\.|II|III|IV", t)]
    aliases = {full}
    if len(tokens) >= 2:
        aliases.add(tokens[-1])
    if len(tokens) >= 3:
        aliases.add(tokens[1])  # Spanish/Portuguese first surname: "José Vizcarra Álvarez" -> "Vizcarra"
    if len(tokens) == 1:
        aliases.add(tokens[0])
    return aliases


def _is_quoted(text: str, sentence: Span, start: int, end: int) -> bool:
    chunk = text[sentence.start : sentence.end]
    if not re.search(r"[“”\"]", chunk):
        return False
    return bool(SPEECH.search(text, max(sentence.start, start - 40), min(sentence.end, end + 40)))
