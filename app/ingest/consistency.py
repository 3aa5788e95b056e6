"""Cross-document checks: contradictions are recorded as warnings with evidence, never hidden.

Heuristic.
(1) Edition vs year, per series: two editions e1 < e2 held in years y1, y2 fit an annual
    series only if y2 - y1 == e2 - e1 ("6th in 2021" and "11th in 2025": 2025 would be the
    10th). Each engagement of a conflicting pair gets a warning citing both.
(2) Administrations: "the <Name> administration" in a text whose engagement dates (or, with
    none, its published date) fall outside every term of that head of government in
    `data/administrations.csv`; and officials from `data/officials.csv` named in the same
    text whose time in office never overlaps that administration.
Warnings are recomputed from scratch and synchronised with what is stored (same code,
links, message and evidence = same row), so reruns neither duplicate nor renumber them.
Known failure: an administration named as history ("a policy begun under the Obama
administration" in a 2024 article) is flagged too; and a series that skipped a year (a
pandemic) or meets twice a year gets an edition warning it does not deserve.
"""

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.models import DataQualityWarning, Document, Engagement, Evidence, Series
from app.models.enums import DatePrecision

DATA = Path(__file__).resolve().parent / "data"
EDITION_YEAR = "edition_year_mismatch"
ADMINISTRATION_DATE = "administration_date_mismatch"
ADMINISTRATION_OFFICIAL = "administration_official_mismatch"
MANAGED_CODES = (EDITION_YEAR, ADMINISTRATION_DATE, ADMINISTRATION_OFFICIAL)

# (document_id, start, end, quote, rule)
Cite = tuple[int, int, int, str, str]


@dataclass(frozen=True, slots=True)
class WarningSpec:
    code: str
    message: str
    engagement_id: int | None
    document_id: int | None
    cites: frozenset[Cite]

    def identity(self) -> tuple[object, ...]:
        return (self.code, self.engagement_id, self.document_id, self.message, frozenset(c[:3] for c in self.cites))


@dataclass(frozen=True, slots=True)
class Term:
    country: str
    name: str
    start: date
    end: date | None  # None: still in office

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and (self.end is None or first < self.end)


def recompute_warnings(session: Session) -> int:
    """Run every cross-document check and store exactly its warnings; returns how many there are."""
    wanted = {spec.identity(): spec for spec in [*edition_year_warnings(session), *administration_warnings(session)]}
    # Plain column rows, not ORM objects: the bulk delete below would leave stale objects
    # in the identity map whose ids SQLite may hand out again.
    stored = session.execute(
        select(DataQualityWarning.id, DataQualityWarning.code, DataQualityWarning.message,
               DataQualityWarning.engagement_id, DataQualityWarning.document_id)
        .where(DataQualityWarning.code.in_(MANAGED_CODES))
    ).all()
    cites: dict[int, set[Cite]] = defaultdict(set)
    if stored:
        rows = session.execute(
            select(Evidence.data_quality_warning_id, Evidence.document_id, Evidence.char_start, Evidence.char_end, Evidence.quote, Evidence.rule)
            .where(Evidence.data_quality_warning_id.in_([w.id for w in stored]))
        )
        for warning_id, document_id, start, end, quote, rule in rows:
            cites[warning_id].add((document_id, start, end, quote, rule or ""))
    stale = []
    for warning_id, code, message, engagement_id, document_id in stored:
        key = WarningSpec(code, message, engagement_id, document_id, frozenset(cites[warning_id])).identity()
        if wanted.pop(key, None) is None:
            stale.append(warning_id)
    if stale:
        session.execute(delete(DataQualityWarning).where(DataQualityWarning.id.in_(stale)))
    created = []
    for spec in wanted.values():
        warning = DataQualityWarning(code=spec.code, message=spec.message, engagement_id=spec.engagement_id, document_id=spec.document_id)
        session.add(warning)
        created.append((warning, spec))
    session.flush()
    session.add_all(
        Evidence(document_id=c[0], char_start=c[1], char_end=c[2], quote=c[3], rule=c[4], confidence=1.0, data_quality_warning_id=w.id)
        for w, spec in created
        for c in sorted(spec.cites)
    )
    session.flush()
    return len(stored) - len(stale) + len(created)


def edition_year_warnings(session: Session) -> list[WarningSpec]:
    statement = (
        select(Engagement.id, Engagement.series_id, Engagement.edition, Engagement.start_date, Series.name)
        .join(Series, Series.id == Engagement.series_id)
        .where(Engagement.edition.is_not(None), Engagement.start_date.is_not(None))
        .where(Engagement.start_precision != DatePrecision.unknown)
        .order_by(Engagement.series_id, Engagement.edition)
    )
    by_series: dict[int, list[tuple[int, int, int, str]]] = defaultdict(list)
    for engagement_id, series_id, edition, start, name in session.execute(statement):
        by_series[series_id].append((engagement_id, edition, start.year, name))
    conflicts = [
        (earlier, later)
        for editions in by_series.values()
        for earlier, later in combinations(editions, 2)
        if later[2] - earlier[2] != later[1] - earlier[1]
    ]
    if not conflicts:
        return []
    cites = _engagement_cites(session, {e[0] for pair in conflicts for e in pair})
    specs = []
    for (first_id, first_ed, first_year, name), (second_id, second_ed, second_year, _) in conflicts:
        expected = first_ed + (second_year - first_year)
        message = (
            f"{name}: edition {first_ed} in {first_year} and edition {second_ed} in {second_year} do not fit an "
            f"annual series (edition {first_ed} in {first_year} makes {second_year} edition {expected})."
        )
        both = frozenset(cites[first_id] | cites[second_id])
        specs += [WarningSpec(EDITION_YEAR, message, eid, None, both) for eid in (first_id, second_id)]
    return specs


def administration_warnings(session: Session) -> list[WarningSpec]:
    terms = administrations()
    if not terms:
        return []
    heads = sorted({t.name for t in terms}, key=len, reverse=True)
    pattern = re.compile(r"\b(?:the\s+)?(" + "|".join(map(re.escape, heads)) + r")(?:['’]s)?\s+[Aa]dministration\b")
    specs: list[WarningSpec] = []
    documents = session.execute(select(Document.id, Document.text, Document.published_date)).all()
    for document_id, text, published in documents:
        matches = list(pattern.finditer(text))
        if not matches:
            continue
        ranges, engagement_cites = _document_engagements(session, document_id)
        for match in matches:
            head = match.group(1)
            head_terms = [t for t in terms if t.name == head]
            cite = (document_id, match.start(), match.end(), match.group(0), "consistency.administration")
            specs += _date_conflicts(head, head_terms, cite, document_id, ranges, engagement_cites, published)
            specs += _official_conflicts(head, head_terms, cite, document_id, text, list(engagement_cites))
    return specs


def _date_conflicts(
    head: str, head_terms: list[Term], cite: Cite, document_id: int,
    ranges: dict[int, tuple[date | None, date | None]], engagement_cites: dict[int, set[Cite]], published: date | None,
) -> list[WarningSpec]:
    specs: list[WarningSpec] = []
    for engagement_id, (first, last) in ranges.items():
        if first is None:
            continue
        if not any(t.overlaps(first, last or first) for t in head_terms):
            message = f"The text names the {head} administration, but the engagement ({first.isoformat()}..{(last or first).isoformat()}) falls outside its term."
            specs.append(WarningSpec(ADMINISTRATION_DATE, message, engagement_id, document_id, frozenset({cite, *engagement_cites[engagement_id]})))
    if not any(first for first, _ in ranges.values()) and published is not None and not any(t.overlaps(published, published) for t in head_terms):
        message = f"The text names the {head} administration, but it was published on {published.isoformat()}, outside its term."
        specs.append(WarningSpec(ADMINISTRATION_DATE, message, None, document_id, frozenset({cite})))
    return specs


def _official_conflicts(
    head: str, head_terms: list[Term], cite: Cite, document_id: int, text: str, engagement_ids: list[int]
) -> list[WarningSpec]:
    specs = []
    countries = {t.country for t in head_terms}
    for official in officials():
        if official.country not in countries:
            continue
        found = re.search(r"\b" + re.escape(official.name) + r"\b", text)
        if found is None or any(_terms_overlap(official, t) for t in head_terms):
            continue
        message = f"The text names the {head} administration and {official.name}, who was not in office during it."
        cites = frozenset({cite, (document_id, found.start(), found.end(), found.group(0), "consistency.official")})
        for engagement_id in engagement_ids or [None]:
            specs.append(WarningSpec(ADMINISTRATION_OFFICIAL, message, engagement_id, document_id, cites))
    return specs


def _terms_overlap(first: Term, second: Term) -> bool:
    return second.overlaps(first.start, first.end or date.max)


def _document_engagements(
    session: Session, document_id: int
) -> tuple[dict[int, tuple[date | None, date | None]], dict[int, set[Cite]]]:
    """Day ranges (None when undated) of the engagements this document supports, and its spans for each."""
    statement = (
        select(Engagement.id, Engagement.earliest_date, Engagement.latest_date, Evidence.char_start, Evidence.char_end, Evidence.quote, Evidence.rule)
        .join(Evidence, Evidence.engagement_id == Engagement.id)
        .where(Evidence.document_id == document_id)
        .order_by(Engagement.id)
    )
    ranges: dict[int, tuple[date | None, date | None]] = {}
    cites: dict[int, set[Cite]] = defaultdict(set)
    for engagement_id, first, last, start, end, quote, rule in session.execute(statement):
        ranges[engagement_id] = (first, last)
        cites[engagement_id].add((document_id, start, end, quote, rule or ""))
    return ranges, cites


def _engagement_cites(session: Session, engagement_ids: set[int]) -> dict[int, set[Cite]]:
    cites: dict[int, set[Cite]] = defaultdict(set)
    rows = session.execute(
        select(Evidence.engagement_id, Evidence.document_id, Evidence.char_start, Evidence.char_end, Evidence.quote, Evidence.rule)
        .where(Evidence.engagement_id.in_(engagement_ids))
    )
    for engagement_id, document_id, start, end, quote, rule in rows:
        cites[engagement_id].add((document_id, start, end, quote, rule or ""))
    return cites


@lru_cache(maxsize=1)
def administrations() -> tuple[Term, ...]:
    return _read_terms(DATA / "administrations.csv", "head")


@lru_cache(maxsize=1)
def officials() -> tuple[Term, ...]:
    return _read_terms(DATA / "officials.csv", "name")


def _read_terms(path: Path, name_column: str) -> tuple[Term, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Term(row["country"], row[name_column], date.fromisoformat(row["start"]), date.fromisoformat(row["end"]) if row["end"] else None)
            for row in csv.DictReader(handle)
        )
