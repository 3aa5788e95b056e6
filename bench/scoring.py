"""Pure matching and scoring functions for the extraction-quality benchmark.

Everything here works on plain contract dictionaries (the shape printed by
`engagements extract --json`, see docs/extract-json.md),
so it can be unit-tested without the extractor and reused by the test-suite.

Scoring model (slot filling): for every field, a *predicted slot* is a non-null
value the extractor produced, a *gold slot* is a non-null expected value, and a
*true positive* is a matched pair whose values agree. Precision therefore punishes
values invented where the text gives none (or on engagements that do not exist),
recall punishes values that were missed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Engagement = Mapping[str, Any]
Participant = Mapping[str, Any]
Document = Mapping[str, Any]

ENGAGEMENT_FIELDS: tuple[str, ...] = (
    "type",
    "start_date",
    "end_date",
    "mode",
    "location",
    "location_country",
    "countries",
    "agreed_actions_reported",
)
PARTICIPANT_FIELDS: tuple[str, ...] = ("rank", "title", "organization", "country")

# A candidate pair must share a country and reach this similarity to count as "the
# same engagement": agreeing countries alone (2.0) is enough, a lone type or date
# coincidence is not.
MATCH_THRESHOLD = 2.0

# Military rank abbreviations differ between services and outlets ("Maj. Gen.",
# "Major General", "Maj Gen"); they must not count as disagreement.
_RANK_WORDS: dict[str, str] = {
    "gen": "general",
    "lt": "lieutenant",
    "lieut": "lieutenant",
    "maj": "major",
    "brig": "brigadier",
    "col": "colonel",
    "capt": "captain",
    "cpt": "captain",
    "adm": "admiral",
    "radm": "rear admiral",
    "vadm": "vice admiral",
    "cdr": "commander",
    "cmdr": "commander",
    "cmdre": "commodore",
    "cdre": "commodore",
    "sgt": "sergeant",
    "sfc": "sergeant first class",
    "mar": "marshal",
    "avm": "air vice marshal",
    "snr": "senior",
    "sr": "senior",
}


# --------------------------------------------------------------------------- text


def fold(text: str | None) -> str:
    """Case-, accent- and punctuation-insensitive form used for every comparison."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    # Vietnamese "đ" and Polish "ł" carry no combining mark, so NFKD keeps them.
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d").replace("Đ", "D").replace("ł", "l").replace("Ł", "L")
    stripped = stripped.casefold().replace("-", " ")
    stripped = re.sub(r"[^\w\s]", " ", stripped)
    return " ".join(stripped.split())


def _contains_phrase(longer: str, shorter: str) -> bool:
    return f" {shorter} " in f" {longer} "


def loose_text_match(predicted: str | None, expected: str | None) -> bool:
    """Folded equality, or one phrase contained in the other on word boundaries.

    Titles and organisations are "as written", and writers pad them differently
    ("commanding general" vs "USARSOUTH commanding general"); containment keeps
    those equal without accepting unrelated strings.
    """
    a, b = fold(predicted), fold(expected)
    if not a or not b:
        return False
    return a == b or _contains_phrase(a, b) or _contains_phrase(b, a)


def normalize_rank(rank: str | None) -> str:
    words = fold(rank).split()
    return " ".join(_RANK_WORDS.get(w, w) for w in words)


def rank_match(predicted: str | None, expected: str | None) -> bool:
    a, b = normalize_rank(predicted), normalize_rank(expected)
    return bool(a) and a == b


def name_matches(predicted: str | None, expected: str | None) -> bool:
    """Accent/case-insensitive person-name match.

    Hispanic and Lusophone names carry two surnames that sources often shorten
    ("José Vizcarra Álvarez" -> "José Vizcarra"), so a name of at least two tokens
    whose tokens all occur, in order, in the other name also matches.
    """
    a, b = fold(predicted).split(), fold(expected).split()
    if not a or not b:
        return False
    if a == b:
        return True
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) < 2:
        return False
    position = 0
    for token in shorter:
        try:
            position = longer.index(token, position) + 1
        except ValueError:
            return False
    return True


# --------------------------------------------------------------------------- fields


def _countries(engagement: Engagement) -> frozenset[str]:
    return frozenset(str(c).upper() for c in engagement.get("countries") or [])


def _location(engagement: Engagement) -> Mapping[str, Any] | None:
    location = engagement.get("location")
    return location if isinstance(location, Mapping) else None


def field_value(engagement: Engagement, name: str) -> Any:
    """The value of a scored field, or None when the slot is empty."""
    if name == "countries":
        return _countries(engagement) or None
    if name == "location":
        location = _location(engagement)
        return location if location and (location.get("name") or location.get("country")) else None
    if name == "location_country":
        location = _location(engagement)
        return (location.get("country") or None) if location else None
    return engagement.get(name)


def field_agrees(name: str, predicted: Any, expected: Any) -> bool:
    if name == "location":
        same_country = str(predicted.get("country") or "").upper() == str(expected.get("country") or "").upper()
        return same_country and loose_text_match(predicted.get("name"), expected.get("name"))
    if name in ("location_country", "mode", "type"):
        return str(predicted).casefold() == str(expected).casefold()
    return predicted == expected


def _date_similarity(predicted: str | None, expected: str | None) -> float:
    if not predicted or not expected:
        return 0.0
    if predicted == expected:
        return 1.0
    # A less precise but compatible date ("2024-05" for "2024-05-06") is a weak hint.
    if predicted.startswith(expected) or expected.startswith(predicted):
        return 0.5
    return 0.0


def pair_similarity(predicted: Engagement, expected: Engagement) -> float:
    """How likely two records describe the same event: countries weigh most."""
    pc, ec = _countries(predicted), _countries(expected)
    jaccard = len(pc & ec) / len(pc | ec) if pc | ec else 0.0
    same_type = 1.0 if predicted.get("type") == expected.get("type") else 0.0
    return 2.0 * jaccard + same_type + _date_similarity(predicted.get("start_date"), expected.get("start_date"))


def match_engagements(
    predicted: Sequence[Engagement], expected: Sequence[Engagement]
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing (predicted index, expected index), best pairs first.

    Documents hold a handful of engagements, so greedy on sorted similarities gives
    the same answer as an optimal assignment in practice and stays easy to follow.
    """
    candidates = sorted(
        (
            (pair_similarity(p, e), i, j)
            for i, p in enumerate(predicted)
            for j, e in enumerate(expected)
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_p: set[int] = set()
    used_e: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for score, i, j in candidates:
        shares_country = bool(_countries(predicted[i]) & _countries(expected[j]))
        if score < MATCH_THRESHOLD or not shares_country or i in used_p or j in used_e:
            continue
        used_p.add(i)
        used_e.add(j)
        pairs.append((i, j))
    return sorted(pairs, key=lambda t: t[1])


def match_participants(
    predicted: Sequence[Participant], expected: Sequence[Participant]
) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for j, gold in enumerate(expected):
        for i, person in enumerate(predicted):
            if i not in used and name_matches(person.get("name"), gold.get("name")):
                used.add(i)
                pairs.append((i, j))
                break
    return pairs


# --------------------------------------------------------------------------- counts


@dataclass
class Counts:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class DocumentScore:
    file: str
    metrics: dict[str, Counts] = field(default_factory=dict)
    forbidden_participants: list[str] = field(default_factory=list)
    error: str | None = None


def _slot_counts(
    predicted_values: Iterable[Any],
    expected_values: Iterable[Any],
    matched: Iterable[tuple[Any, Any]],
    agrees: Callable[[Any, Any], bool],
) -> Counts:
    return Counts(
        tp=sum(1 for p, e in matched if p is not None and e is not None and agrees(p, e)),
        predicted=sum(1 for v in predicted_values if v is not None),
        gold=sum(1 for v in expected_values if v is not None),
    )


def _participants_of(engagements: Sequence[Engagement]) -> list[Participant]:
    return [p for e in engagements for p in (e.get("participants") or [])]


def _participant_attribute_agrees(name: str) -> Callable[[Any, Any], bool]:
    if name == "rank":
        return rank_match
    if name == "country":
        return lambda p, e: str(p).upper() == str(e).upper()
    return loose_text_match


def score_document(predicted: Document | None, expected: Document) -> DocumentScore:
    """Counts for one article; a missing or failed prediction scores as empty."""
    file_name = str(expected.get("file", ""))
    result = DocumentScore(file=file_name)
    if predicted is not None and predicted.get("error"):
        result.error = str(predicted["error"])
    pred_engs: list[Engagement] = list((predicted or {}).get("engagements") or [])
    gold_engs: list[Engagement] = list(expected.get("engagements") or [])
    pairs = match_engagements(pred_engs, gold_engs)
    metrics = result.metrics

    metrics["engagement"] = Counts(tp=len(pairs), predicted=len(pred_engs), gold=len(gold_engs))
    for name in ENGAGEMENT_FIELDS:
        metrics[name] = _slot_counts(
            (field_value(e, name) for e in pred_engs),
            (field_value(e, name) for e in gold_engs),
            ((field_value(pred_engs[i], name), field_value(gold_engs[j], name)) for i, j in pairs),
            lambda p, e, n=name: field_agrees(n, p, e),
        )

    person_pairs: list[tuple[Participant, Participant]] = []
    for i, j in pairs:
        pred_people = list(pred_engs[i].get("participants") or [])
        gold_people = list(gold_engs[j].get("participants") or [])
        person_pairs += [(pred_people[a], gold_people[b]) for a, b in match_participants(pred_people, gold_people)]
    all_pred_people = _participants_of(pred_engs)
    all_gold_people = _participants_of(gold_engs)
    metrics["participants"] = Counts(tp=len(person_pairs), predicted=len(all_pred_people), gold=len(all_gold_people))
    for attribute in PARTICIPANT_FIELDS:
        metrics[f"participant.{attribute}"] = _slot_counts(
            (p.get(attribute) for p in all_pred_people),
            (p.get(attribute) for p in all_gold_people),
            ((p.get(attribute), g.get(attribute)) for p, g in person_pairs),
            _participant_attribute_agrees(attribute),
        )

    metrics["published"] = _slot_counts(
        [(predicted or {}).get("published")],
        [expected.get("published")],
        [((predicted or {}).get("published"), expected.get("published"))],
        lambda p, e: p == e,
    )
    forbidden = [str(n) for n in expected.get("not_participants") or []]
    result.forbidden_participants = sorted(
        {str(p.get("name")) for p in all_pred_people for n in forbidden if name_matches(p.get("name"), n)}
    )
    return result


METRIC_ORDER: tuple[str, ...] = (
    "engagement",
    *ENGAGEMENT_FIELDS,
    "participants",
    *(f"participant.{a}" for a in PARTICIPANT_FIELDS),
    "published",
)


def score_corpus(
    predicted_docs: Sequence[Document], expected_docs: Sequence[Document]
) -> tuple[dict[str, Counts], list[DocumentScore]]:
    """Micro-averaged counts over all expected documents, plus per-document detail."""
    by_file = {str(d.get("file")): d for d in predicted_docs}
    totals = {name: Counts() for name in METRIC_ORDER}
    per_document: list[DocumentScore] = []
    for gold in expected_docs:
        doc_score = score_document(by_file.get(str(gold.get("file"))), gold)
        for name, counts in doc_score.metrics.items():
            totals[name].add(counts)
        per_document.append(doc_score)
    return totals, per_document


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def markdown_table(totals: Mapping[str, Counts]) -> str:
    lines = [
        "| metric | precision | recall | F1 | tp | predicted | gold |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in METRIC_ORDER:
        c = totals[name]
        lines.append(
            f"| {name} | {_fmt(c.precision)} | {_fmt(c.recall)} | {_fmt(c.f1)} | {c.tp} | {c.predicted} | {c.gold} |"
        )
    return "\n".join(lines)
