"""One document: extraction records -> rows and evidence, replacing what an older version said.

Heuristic for engagement identity: a mention is an existing engagement of the same country
pair when (1) it names the same series and edition, or (2) it has the same type, an
overlapping day range, and the same place (or, when either place is unknown, both dates
are known to the day). A match only fills fields the row lacks and no person set, or
refines its dates (`merging.py`). Otherwise a new engagement is created.
A reloaded document first asks its old evidence (`provenance.py`): a fact quoted by the
same span as before is the row it supported then, whatever a person renamed since.
Known failure: two distinct same-day meetings of one pair at an unknown place (e.g. a
minister meeting two counterparts of one country on the same day) become one engagement.

Nothing here commits: the caller owns the transaction (see `seed.py`, `app/documents/ingest.py`).
"""

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.engagements.dates import apply_dates
from app.extraction.records import (
    AgreedActionMention,
    EngagementMention,
    ExtractionResult,
    LocationMention,
    ParticipantMention,
    Span,
)
from app.ingest import repository
from app.ingest.consistency import MANAGED_CODES
from app.ingest.inserts import insert_new
from app.ingest.known import Known, PersonRow
from app.ingest.merging import fill, merge_engagement, same_engagement, writable
from app.ingest.provenance import Previous, delete_unsupported, forget_evidence
from app.ingest.resolve import Resolver, survivor
from app.models import AgreedAction, DataQualityWarning, Document, Engagement, Evidence, Location, Participation, Person
from app.models.enums import (
    ActionStatus,
    DatePrecision,
    EngagementMode,
    EngagementStatus,
    EngagementType,
    ParticipantRole,
)
from app.text_keys import fold_key

R = TypeVar("R")


class Outcome(StrEnum):
    loaded = "loaded"
    replaced = "replaced"
    skipped = "skipped"


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_document(
    session: Session,
    source_ref: str,
    text: str,
    result: ExtractionResult,
    *,
    force: bool = False,
    new: bool = False,
    known: Known | None = None,
) -> Outcome:
    """Write one document and its facts; an unchanged document is skipped (unless forced), a changed one replaced.

    `new`: the caller knows no document has this source_ref, so it is not looked up.
    `known`: a seed run's cache of the rows names resolve to (`Known.document` must wrap the transaction).
    """
    digest = sha256_of(text)
    document = None if new else repository.document_by_source(session, source_ref)
    if document is not None and document.sha256 == digest and not force:
        return Outcome.skipped
    outcome, previous = Outcome.loaded, Previous()
    created = document is None
    if document is None:
        document = Document(source_ref=source_ref, sha256=digest, text=text)
    else:
        previous = forget_evidence(session, document.id)
        document.sha256, document.text, outcome = digest, text, Outcome.replaced
    facts = result.document
    document.title = facts.title[:500] if facts.title else None
    document.published_date = facts.published.first_day() if facts.published else None
    if created:
        insert_new(session, [document])  # its id is all the loader needs of it
    # Explicit flushes per stage only: autoflush before every lookup would be a flush storm.
    with session.no_autoflush:
        _Loader(session, document, text, previous, known).load(result)
    # Only now: the rows the new version supports again (or a person kept) must survive.
    delete_unsupported(session, previous)
    if known is not None and any(previous.touched.values()):
        known.rows_deleted()
    return outcome


@dataclass
class _Loader:
    session: Session
    document: Document
    text: str
    previous: Previous
    known: Known | None
    resolver: Resolver = field(init=False)
    # (target column, id() of the fact object, start, end) -> row; the fact supplies its id later.
    evidence: dict[tuple[str, int, int, int], dict[str, object]] = field(default_factory=dict)
    _targets: dict[tuple[str, int, int, int], object] = field(default_factory=dict)
    # Rows this document creates, inserted at the end of their stage (`inserts.py`), in creation order.
    _new: dict[type, list[object]] = field(
        default_factory=lambda: {Engagement: [], Participation: [], AgreedAction: [], DataQualityWarning: []}
    )

    def __post_init__(self) -> None:
        self.resolver = Resolver(self.session, self.known)

    def load(self, result: ExtractionResult) -> None:
        mentions = result.engagements
        # Stage 1: every named thing: one flush (changed rows, new organizations and places), then
        # one INSERT each for new people and series.
        locations = [self._location(m.location) if m.location else None for m in mentions]
        series = [self.resolver.series(m.series) if m.series else None for m in mentions]
        people = [[self._person(p) for p in m.participants] for m in mentions]
        organizations = [
            [self.resolver.organization(p.organization) if p.organization else None for p in m.participants]
            for m in mentions
        ]
        self.session.flush()
        self.resolver.insert_created()
        # Stage 2: engagements (one select per mention; a flush for the ones merged into, one INSERT for the new).
        engagements: list[Engagement] = []
        for mention, location, one_series in zip(mentions, locations, series, strict=True):
            engagement = self._engagement(mention, location.id if location else None, one_series.id if one_series else None, engagements)
            engagements.append(engagement)
            self._spans(mention.evidence, mention.rule, mention.confidence, engagement=engagement)
            if mention.location and location is not None:
                self._spans(mention.location.evidence, mention.location.rule, mention.location.confidence, location=location)
        new = {id(e) for e in self._new[Engagement]}
        self.session.flush()
        insert_new(self.session, self._new[Engagement])
        # Stage 3: participations and agreed actions (a flush for the changed, one INSERT per table
        # for the new). An engagement created just now has none stored yet, so only the ones that
        # existed are asked about.
        ids = {e.id for e in engagements if id(e) not in new}
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
            self._new[DataQualityWarning].append(warning)
            self._spans(note.evidence, "extractor_note", None, data_quality_warning=warning)
        self.session.flush()
        for model in (Participation, AgreedAction, DataQualityWarning):
            insert_new(self.session, self._new[model])
        self._write_evidence()

    def _before(self, model: type[R], kind: str, spans: list[Span]) -> R | None:
        """The row these spans supported in the document's previous version, if it still exists."""
        found = self.previous.find(kind, spans, self.text)
        return None if found is None else self.session.get(model, found)

    def _location(self, mention: LocationMention) -> Location | Any:
        before = self._before(Location, "location_id", mention.evidence)
        return survivor(self.session, before) if before is not None else self.resolver.location(mention)

    def _person(self, mention: ParticipantMention) -> Person | PersonRow:
        before = self._before(Participation, "participation_id", mention.evidence)
        person = self.session.get(Person, before.person_id) if before is not None else None
        if person is None:
            return self.resolver.person(mention.name, mention.country)
        person = survivor(self.session, person)
        self.resolver.remember_person(mention.name, mention.country, person)
        return person

    def _engagement(self, mention: EngagementMention, location_id: int | None, series_id: int | None, seen: list[Engagement]) -> Engagement:
        pair = _pair(mention.countries)
        edition = mention.edition if series_id is not None else None  # an edition means nothing without its series
        first, last = mention.start.first_day(), (mention.end or mention.start).last_day() or mention.start.last_day()
        before = self._before(Engagement, "engagement_id", mention.evidence)
        if before is not None:
            merge_engagement(before, mention, location_id, series_id, edition)
            return before
        if any(e.id is not None and (e.country_a, e.country_b) == pair for e in seen):
            # A stored engagement this document already merged may hold a series or dates in
            # memory that the database has not got yet: the narrower query judges stored rows.
            candidates = repository.engagement_candidates(self.session, pair, series_id, first, last)
        else:
            candidates = repository.possible_matches(self.session, pair, mention.type, series_id, first, last)
        candidates += [e for e in seen if e not in candidates]
        for candidate in candidates:
            if same_engagement(candidate, mention, pair, location_id, series_id, edition, first, last):
                merge_engagement(candidate, mention, location_id, series_id, edition)
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
        self._new[Engagement].append(engagement)
        return engagement

    def _participation(
        self,
        known: dict[tuple[int, int], Participation],
        engagement: Engagement,
        mention: ParticipantMention,
        person_id: int,
        organization_id: int | None,
    ) -> Participation:
        participation = self._before(Participation, "participation_id", mention.evidence)
        if participation is None or participation.engagement_id != engagement.id:
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
            self._new[Participation].append(participation)
            known[(engagement.id, person_id)] = participation
            return participation
        # Another document about the same engagement: fill gaps, keep what was stated first.
        fill(participation, "organization_id", organization_id)
        fill(participation, "rank", mention.rank[:80] if mention.rank else None)
        fill(participation, "title", mention.title[:300] if mention.title else None)
        fill(participation, "country_code", mention.country)
        if participation.role == ParticipantRole.attendee and mention.role != "attendee" and writable(participation, "role"):
            participation.role = ParticipantRole(mention.role)
        return participation

    def _action(self, known: dict[tuple[int, str], AgreedAction], engagement: Engagement, mention: AgreedActionMention) -> AgreedAction:
        key = (engagement.id, fold_key(mention.description))
        action = self._before(AgreedAction, "agreed_action_id", mention.evidence)
        if action is None or action.engagement_id != engagement.id:
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
            self._new[AgreedAction].append(action)
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
                self.evidence[key] = {
                    "char_start": span.start,
                    "char_end": span.end,
                    "quote": span.quote(self.text),
                    "rule": (rule or None) and rule[:100],
                    "confidence": None if confidence is None else min(max(confidence, 0.0), 1.0),
                    **_NO_TARGET,
                }
                self._targets[key] = fact

    def _write_evidence(self) -> None:
        # One executemany of plain rows through the table, not the entity: nothing reads these
        # back as objects, and the ORM's bulk insert leaves out NULL columns, so rows naming
        # different targets would go in one statement per run of the same target.
        for key, row in self.evidence.items():
            row["document_id"] = self.document.id
            row[f"{key[0]}_id"] = self._targets[key].id  # type: ignore[attr-defined]
        if self.evidence:
            self.session.execute(_INSERT_EVIDENCE, list(self.evidence.values()))


_INSERT_EVIDENCE = insert(Evidence.__table__)  # built once: building it cost as much as running it
# Every evidence row names all five target columns, so the rows share one INSERT statement.
_NO_TARGET: dict[str, object] = dict.fromkeys(
    ("engagement_id", "participation_id", "location_id", "agreed_action_id", "data_quality_warning_id")
)


def _pair(countries: tuple[str, str]) -> tuple[str, str]:
    first, second = sorted(code.upper() for code in countries)
    return first, second

