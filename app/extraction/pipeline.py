"""Text in, records out: runs every extractor once and assembles an `ExtractionResult`.

Heuristic: document facts first (they give the reference date), then dates, countries,
people and places over the whole text, then engagements from triggers; agreed-to-action
counts and focus areas attach to the main engagement, and statuses of an earlier edition's
actions are attached flagged `from_previous_engagement` (context, not new actions).
Contradictions noticed on the way become `DataQualityNote`s.
Known failure: with several engagements, agreed-to-actions always go to the first one.
"""

from __future__ import annotations

import re

from app.extraction.actions import extract_action_count, extract_agreed_actions
from app.extraction.countries import extract_countries, main_pair
from app.extraction.dates import extract_dates
from app.extraction.document import extract_document_facts
from app.extraction.engagements import ORDINAL_RE, edition_of, extract_engagements
from app.extraction.participants import extract_participants
from app.extraction.places import extract_places
from app.extraction.prefilter import prefiltered
from app.extraction.records import DataQualityNote, EngagementMention, ExtractionResult, PartialDate, Span
from app.extraction.text import sentence_of, sentence_spans

_FOOTER = re.compile(r"NEWS INFO|Story ID:|Web Views:|PUBLIC DOMAIN")
_METADATA = prefiltered(r"Date (?:Taken|Posted):\s*[\d./-]+(?:\s+\d\d:\d\d)?|(?:Photos?|Story|Video) by [^\n]{0,120}")


def _excluded_spans(text: str, facts_evidence: list[Span]) -> list[Span]:
    spans = list(facts_evidence)
    for match in _FOOTER.finditer(text):
        # from the marker to the end of its line: DVIDS footers sit on one long line
        line_end = text.find("\n", match.start())
        spans.append(Span(match.start(), len(text) if line_end < 0 else line_end))
    spans.extend(Span(*m.span()) for m in _METADATA.finditer(text))
    return spans


def extract(text: str) -> ExtractionResult:
    facts = extract_document_facts(text)
    reference = facts.published.value if facts.published else None
    dates = extract_dates(text, reference, facts.context_year)
    countries = extract_countries(text)
    pair = main_pair(text, countries)
    people = extract_participants(text, facts.bylines, pair, countries)
    places = extract_places(text, hints=pair or ())
    excluded = _excluded_spans(text, facts.evidence + ([facts.dateline.evidence[0]] if facts.dateline else []))
    sentences = sentence_spans(text)
    engagements = extract_engagements(
        text, dates=dates, countries=countries, pair=pair, people=people, places=places,
        sentences=sentences, title=facts.title, published=facts.published, excluded=excluded,
    )
    for engagement in engagements:
        location = engagement.location
        # an installation found by its shape only ("X Military Station"): the dateline's
        # country is the best offline guess when it is one of the two sides
        if location and location.country is None and facts.dateline and facts.dateline.country in engagement.countries:
            location.country = facts.dateline.country
            location.rule += "+country_from_dateline"
            location.confidence = min(location.confidence, 0.5)
    notes: list[DataQualityNote] = []
    if engagements:
        _attach_actions(text, engagements[0])
        for engagement in engagements:
            notes.extend(_check(text, engagement, facts.published))
    return ExtractionResult(document=facts, engagements=engagements, notes=notes)


def _attach_actions(text: str, engagement: EngagementMention) -> None:
    count = extract_action_count(text)
    if count is not None:
        sentence = text[sentence_of(text, count[1].start).start : sentence_of(text, count[1].start).end]
        if not re.search(r"\bprevious\b|\blast year\b|\bfrom (?:19|20)\d\d\b", sentence, re.I):
            engagement.agreed_actions_reported = count[0]
            engagement.evidence.append(count[1])
    engagement.agreed_actions = extract_agreed_actions(text)


def _check(text: str, engagement: EngagementMention, published: PartialDate | None) -> list[DataQualityNote]:
    notes: list[DataQualityNote] = []
    first, last = engagement.start.first_day(), engagement.end.first_day() if engagement.end else None
    if first and last and last < first:
        notes.append(DataQualityNote("date_range_reversed", "the event's end date precedes its start date",
                                     engagement.evidence[:2]))
        engagement.end = None
    if engagement.series and engagement.edition is not None:
        key = engagement.series.split()[-2:]
        pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, key)) + r"\b", re.I)
        for match in pattern.finditer(text):
            window = text[max(0, match.start() - 60) : match.start()]
            ordinal = list(ORDINAL_RE.finditer(window))
            edition = edition_of(ordinal[-1].group(0)) if ordinal else None
            if edition is not None and edition != engagement.edition and ordinal[-1].end() > len(window) - 40:
                notes.append(DataQualityNote(
                    "edition_conflict", f"edition {engagement.edition} and {edition} both stated",
                    [Span(match.start() - len(window) + ordinal[-1].start(), match.end())]))
                break
    end_day = last or first
    if published is not None and published.value and engagement.status == "planned" and end_day and end_day < published.value:
        notes.append(DataQualityNote("planned_event_before_publication",
                                     "the event is announced as planned but ends before the article's date",
                                     engagement.evidence[:1]))
    return notes
