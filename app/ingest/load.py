"""One document: extraction records -> rows and evidence, replacing what an older version said.

Heuristic for engagement identity: a mention is an existing engagement of the same country
pair when (1) it names the same series and edition, or (2) it has the same type, an
overlapping day range, and the same place (or, when either place is unknown, both dates
are known to the day). A match only fills fields the row lacks or refines its dates; the
first document to state a value keeps it. Otherwise a new engagement is created.
Known failure: two distinct same-day meetings of one pair at an unknown place (e.g. a
minister meeting two counterparts of one country on the same day) become one engagement.

Nothing here commits: the caller owns the transaction (see `seed.py`).
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from sqlalchemy.orm import Session

from app.engagements.dates import apply_dates
from app.extraction.records import (
    AgreedActionMention,
    EngagementMention,
    ExtractionResult,
    ParticipantMention,
    Span,
)
from app.ingest import repository
from app.ingest.consistency import MANAGED_CODES
from app.ingest.resolve import Resolver
from app.models import AgreedAction, DataQualityWarning, Document, Engagement, Evidence, Participation
from app.models.enums import (
    ActionStatus,
    DatePrecision,
    EngagementMode,
    EngagementStatus,
    EngagementType,
    ParticipantRole,
)
from app.text_keys import fold_key

_FINENESS = {DatePrecision.unknown: 0, DatePrecision.year: 1, DatePrecision.month: 2, DatePrecision.day: 3}


class Outcome(StrEnum):
    loaded = "loaded"
    replaced = "replaced"
    skipped = "skipped"


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_document(session: Session, source_ref: str, text: str, result: ExtractionResult) -> Outcome:
    """Write one document and its facts; an unchanged document is skipped, a changed one replaced."""
    digest = sha256_of(text)
    document = repository.document_by_source(session, source_ref)
    if document is not None and document.sha256 == digest:
        return Outcome.skipped
    outcome = Outcome.loaded
    if document is None:
        document = Document(source_ref=source_ref, sha256=digest, text=text)
        session.add(document)
    else:
        forget_document(session, document.id)
        document.sha256, document.text, outcome = digest, text, Outcome.replaced
    facts = result.document
    document.title = facts.title[:500] if facts.title else None
    document.published_date = facts.published.first_day() if facts.published else None
    session.flush()
    # Explicit flushes per stage only: autoflush before every lookup would be a flush storm.
    with session.no_autoflush:
        _Loader(session, document, text).load(result)
    return outcome


def forget_document(session: Session, document_id: int) -> None:
    """Delete a document's evidence, then the facts no document supports any more."""
    touched = repository.evidence_targets(session, document_id)
    engagement_ids = {row[0] for row in touched if row[0] is not None}
    participation_ids = {row[1] for row in touched if row[1] is not None}
    location_ids = {row[2] for row in touched if row[2] is not None}
    action_ids = {row[3] for row in touched if row[3] is not None}
    participations = [p for p in repository.participations_of(session, engagement_ids) if p.id in participation_ids]
    actions = [a for a in repository.actions_of(session, engagement_ids) if a.id in action_ids]
    parents = {p.engagement_id for p in participations} | {a.engagement_id for a in actions}
    engagements = repository.engagements_by_ids(session, engagement_ids | parents)
    repository.delete_document_evidence(session, document_id)
    repository.delete_orphans(
        session,
        participation_ids=participation_ids,
        action_ids=action_ids,
        engagement_ids={e.id for e in engagements},
        location_ids=location_ids | {e.location_id for e in engagements if e.location_id is not None},
        person_ids={p.person_id for p in participations},
        organization_ids={p.organization_id for p in participations if p.organization_id is not None},
        series_ids={e.series_id for e in engagements if e.series_id is not None},
    )
    # Bulk deletes bypass the identity map: drop stale objects before loading again.
    session.expire_all()


@dataclass
class _Loader:
    session: Session
    document: Document
    text: str
    resolver: Resolver = field(init=False)
    # (target column, id() of the fact object, start, end) -> row; the fact supplies its id later.
    evidence: dict[tuple[str, int, int, int], Evidence] = field(default_factory=dict)
    _targets: dict[tuple[str, int, int, int], object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.resolver = Resolver(self.session)

    def load(self, result: ExtractionResult) -> None:
        mentions = result.engagements
        # Stage 1: every named thing, one flush.
        locations = [self.resolver.location(m.location) if m.location else None for m in mentions]
        series = [self.resolver.series(m.series) if m.series else None for m in mentions]
        people = [[self.resolver.person(p.name, p.country) for p in m.participants] for m in mentions]
        organizations = [
            [self.resolver.organization(p.organization) if p.organization else None for p in m.participants]
            for m in mentions
        ]
        self.session.flush()
        # Stage 2: engagements (one select per mention, one flush).
        engagements: list[Engagement] = []
        for mention, location, one_series in zip(mentions, locations, series, strict=True):
            engagement = self._engagement(mention, location.id if location else None, one_series.id if one_series else None, engagements)
            engagements.append(engagement)
            self._spans(mention.evidence, mention.rule, mention.confidence, engagement=engagement)
            if mention.location and location is not None:
                self._spans(mention.location.evidence, mention.location.rule, mention.location.confidence, location=location)
        self.session.flush()
        # Stage 3: participations and agreed actions, one flush.
        ids = {e.id for e in engagements}
        participations = {(p.engagement_id, p.person_id): p for p in repository.participations_of(self.session, ids)}
        actions = {(a.engagement_id, fold_key(a.description)): a for a in repository.actions_of(self.session, ids)}
        for mention, engagement, persons, orgs in zip(mentions, engagements, people, organizations, strict=True):
            for participant, person, org in zip(mention.participants, persons, orgs, strict=True):
                participation = self._participation(participations, engagement, participant, person.id, org.id if org else None)
                self._spans(participant.evidence, participant.rule, participant.confidence, participation=participation)
            for action_mention in mention.agreed_actions:
                if action_mention.from_previous_engagement:
                    continue  # the fate of an earlier edition's actions: context, not new actions
                action = self._action(actions, engagement, action_mention)
                self._spans(action_mention.evidence, action_mention.rule, action_mention.confidence, agreed_action=action)
        # Stage 4: the extractor's own doubts become warnings on the document.
        first = engagements[0].id if engagements else None
        for note in result.notes:
            # A note using a code the cross-document checks own is renamed, so their
            # recomputation never deletes it.
            code = f"note_{note.code}" if note.code in MANAGED_CODES else note.code
            warning = DataQualityWarning(code=code[:80], message=note.message, engagement_id=first, document_id=self.document.id)
            self.session.add(warning)
            self._spans(note.evidence, "extractor_note", None, data_quality_warning=warning)
        self.session.flush()
        self._write_evidence()

    def _engagement(self, mention: EngagementMention, location_id: int | None, series_id: int | None, seen: list[Engagement]) -> Engagement:
        pair = _pair(mention.countries)
        edition = mention.edition if series_id is not None else None  # an edition means nothing without its series
        first, last = mention.start.first_day(), (mention.end or mention.start).last_day() or mention.start.last_day()
        candidates = repository.engagement_candidates(self.session, pair, series_id, first, last)
        candidates += [e for e in seen if e not in candidates]
        for candidate in candidates:
            if _same_engagement(candidate, mention, pair, location_id, series_id, edition, first, last):
                _merge(candidate, mention, location_id, series_id, edition)
                return candidate
        engagement = Engagement(
            title=mention.title.strip()[:300] or "Untitled engagement",
            type=EngagementType(mention.type),
            status=EngagementStatus(mention.status),
            mode=EngagementMode(mention.mode),
            summary=mention.summary,
            country_a=pair[0],
            country_b=pair[1],
            location_id=location_id,
            series_id=series_id,
            edition=edition,
            agreed_actions_reported=mention.agreed_actions_reported,
        )
        apply_dates(engagement, mention.start, mention.end)
        self.session.add(engagement)
        return engagement

    def _participation(
        self,
        known: dict[tuple[int, int], Participation],
        engagement: Engagement,
        mention: ParticipantMention,
        person_id: int,
        organization_id: int | None,
    ) -> Participation:
        participation = known.get((engagement.id, person_id))
        if participation is None:
            participation = Participation(
                engagement_id=engagement.id,
                person_id=person_id,
                organization_id=organization_id,
                rank=mention.rank[:80] if mention.rank else None,
                title=mention.title[:300] if mention.title else None,
                role=ParticipantRole(mention.role),
                country_code=mention.country,
            )
            self.session.add(participation)
            known[(engagement.id, person_id)] = participation
            return participation
        # Another document about the same engagement: fill gaps, keep what was stated first.
        participation.organization_id = participation.organization_id or organization_id
        participation.rank = participation.rank or (mention.rank[:80] if mention.rank else None)
        participation.title = participation.title or (mention.title[:300] if mention.title else None)
        participation.country_code = participation.country_code or mention.country
        if participation.role == ParticipantRole.attendee and mention.role != "attendee":
            participation.role = ParticipantRole(mention.role)
        return participation

    def _action(self, known: dict[tuple[int, str], AgreedAction], engagement: Engagement, mention: AgreedActionMention) -> AgreedAction:
        key = (engagement.id, fold_key(mention.description))
        action = known.get(key)
        if action is None:
            target = mention.target if mention.target and mention.target.first_day() else None
            action = AgreedAction(
                engagement_id=engagement.id,
                description=mention.description,
                topic=mention.topic[:200] if mention.topic else None,
                status=ActionStatus(mention.status),
                horizon=mention.horizon[:100] if mention.horizon else None,
                target_date=target.first_day() if target else None,
                target_precision=DatePrecision(target.precision) if target else None,
            )
            self.session.add(action)
            known[key] = action
        return action

    def _spans(self, spans: list[Span], rule: str, confidence: float | None, **target: object) -> None:
        """Queue one evidence row per distinct span and fact (rows get their ids at the end)."""
        (column, fact), = target.items()
        for span in spans:
            if not 0 <= span.start < span.end <= len(self.text):
                raise ValueError(f"evidence span {span.start}-{span.end} lies outside the text ({len(self.text)} characters)")
            key = (column, id(fact), span.start, span.end)
            if key not in self.evidence:
                row = Evidence(
                    document_id=self.document.id,
                    char_start=span.start,
                    char_end=span.end,
                    quote=span.quote(self.text),
                    rule=(rule or None) and rule[:100],
                    confidence=None if confidence is None else min(max(confidence, 0.0), 1.0),
                )
                self.evidence[key] = row
                self._targets[key] = fact

    def _write_evidence(self) -> None:
        for key, row in self.evidence.items():
            setattr(row, f"{key[0]}_id", self._targets[key].id)  # type: ignore[attr-defined]
        self.session.add_all(self.evidence.values())
        self.session.flush()


def _pair(countries: tuple[str, str]) -> tuple[str, str]:
    first, second = sorted(code.upper() for code in countries)
    return first, second


def _same_engagement(
    candidate: Engagement,
    mention: EngagementMention,
    pair: tuple[str, str],
    location_id: int | None,
    series_id: int | None,
    edition: int | None,
    first: date | None,
    last: date | None,
) -> bool:
    if (candidate.country_a, candidate.country_b) != pair:
        return False
    if series_id is not None and candidate.series_id == series_id:
        if edition is not None and candidate.edition is not None:
            return edition == candidate.edition
    elif candidate.series_id is not None and series_id is not None:
        return False  # two different series
    if candidate.type != mention.type or first is None or last is None or candidate.earliest_date is None:
        return False
    if candidate.latest_date is None or candidate.earliest_date > last or candidate.latest_date < first:
        return False
    if location_id is not None and candidate.location_id is not None:
        return location_id == candidate.location_id
    # A place is missing on one side: only dates known to the day are specific enough.
    return mention.start.precision == "day" and candidate.start_precision == DatePrecision.day


def _merge(engagement: Engagement, mention: EngagementMention, location_id: int | None, series_id: int | None, edition: int | None) -> None:
    """Fill what the row lacks; refine dates only to a finer range inside the known one."""
    if engagement.location_id is None:
        engagement.location_id = location_id
    if engagement.series_id is None and series_id is not None:
        engagement.series_id, engagement.edition = series_id, edition
    elif engagement.series_id == series_id and engagement.edition is None:
        engagement.edition = edition
    engagement.summary = engagement.summary or mention.summary
    if engagement.agreed_actions_reported is None:
        engagement.agreed_actions_reported = mention.agreed_actions_reported
    if engagement.mode == EngagementMode.unknown and mention.mode != "unknown":
        engagement.mode = EngagementMode(mention.mode)
    finer = _FINENESS[DatePrecision(mention.start.precision)] > _FINENESS[engagement.start_precision]
    first, last = mention.start.first_day(), (mention.end or mention.start).last_day()
    inside = (
        first is not None and last is not None and engagement.earliest_date is not None
        and engagement.latest_date is not None and engagement.earliest_date <= first and last <= engagement.latest_date
    )
    if engagement.start_date is None or (finer and inside):
        apply_dates(engagement, mention.start, mention.end)

