"""Entity resolution: the same person, organization, place or series across documents is one row.

Heuristic. Every name is compared through `fold_key` (case, accents, punctuation folded),
so "José Vizcarra Álvarez" and "Jose Vizcarra Alvarez" share one key. Beyond exact keys,
and only between rows of the SAME country:
- people: rapidfuzz `token_sort_ratio` >= 92, or the surname + first-initial rule (first
  names equal, one an initial or a prefix of the other, and the shorter name's surname is
  one of the longer name's surnames: "J. Vizcarra" = "José Vizcarra Álvarez",
  "Phil Ryan" = "Philip Ryan"). Ranks and titles never reach Person: they belong to the
  Participation, because they change between engagements.
- organizations: exact key, or an acronym that spells the name by word prefixes, skipping
  a leading country prefix and small words ("USARSOUTH" = U|S|AR|SOUTH of "U.S. Army
  South", "SOUTHCOM" = SOUTH|COM of "U.S. Southern Command").
- places: exact key per kind, or `token_sort_ratio` >= 92.
- series: the name with its country names/demonyms replaced by sorted alpha-2 codes
  ("U.S.-Peruvian Army Staff Talks" = "Peru-U.S. Army Staff Talks").
A match that a person merged into another record (`merged_into_id`) resolves to the record
it was merged into. A deleted or rejected match is still the match: it stays so, rather
than a new row bringing the fact back. Fields a person set (`curated_fields`) are not written.
Known failure: two different people of one country who share a surname and a first
initial ("J. Smith" for both John and James Smith) become one person; a typo-level
difference between namesakes ("Mario Gomez" / "Maria Gomez", ratio 91) is just below the
threshold, but longer names differing by one letter are merged.
"""

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from rapidfuzz import fuzz
from sqlalchemy.orm import Session

from app.extraction.countries import extract_countries
from app.extraction.records import LocationMention, OrganizationMention
from app.ingest import repository
from app.ingest.inserts import insert_new
from app.ingest.known import Known, PersonRow, SeriesRow
from app.ingest.merging import writable
from app.models import Location, Organization, Person, Series
from app.models.enums import LocationKind
from app.text_keys import fold_key

T = TypeVar("T")


class _Mergeable(Protocol):
    id: int
    merged_into_id: int | None


M = TypeVar("M", bound=_Mergeable)
FUZZY_THRESHOLD = 92
# Words an acronym may skip: a leading country prefix and connecting words.
_SKIPPABLE = frozenset({"of", "the", "and", "for", "de", "del", "la", "el", "y", "u", "s", "us", "usa"})
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&.-]{1,15}$")


def person_names_match(first: str, second: str) -> bool:
    """Whether two folded person names can be the same person (see the module docstring)."""
    if first == second:
        return True
    if fuzz.token_sort_ratio(first, second) >= FUZZY_THRESHOLD:
        return True
    short, long = sorted((first.split(), second.split()), key=len)
    if not short or not long:
        return False
    if len(short) == 1:
        # A bare surname is too weak on its own between documents.
        return False
    given_a, given_b = short[0], long[0]
    compatible = given_a.startswith(given_b) or given_b.startswith(given_a)
    return compatible and short[-1] in long[1:]


def acronym_spells(acronym: str, name_key: str) -> bool:
    """Whether `acronym` can be read as prefixes of the name's words, in order."""
    letters = fold_key(acronym).replace(" ", "")
    words = name_key.split()
    if len(letters) < 3 or not words:
        return False

    def walk(i: int, w: int) -> bool:
        if i == len(letters):
            return all(word in _SKIPPABLE for word in words[w:])
        if w == len(words):
            return False
        word = words[w]
        if word in _SKIPPABLE and walk(i, w + 1):
            return True
        # Take a non-empty prefix of this word, longest first.
        for size in range(min(len(word), len(letters) - i), 0, -1):
            if word[:size] == letters[i : i + size] and walk(i + size, w + 1):
                return True
        return False

    return walk(0, 0)


@lru_cache(maxsize=16384)
def series_parts(name: str) -> tuple[str, tuple[str, ...]]:
    """The series name's folded words outside country names/demonyms, and the sorted alpha-2 codes of those."""
    codes: list[str] = []
    pieces: list[str] = []
    cursor = 0
    for mention in sorted(extract_countries(name), key=lambda m: m.evidence[0].start if m.evidence else 0):
        if not mention.evidence:
            continue
        span = mention.evidence[0]
        pieces.append(name[cursor : span.start])
        codes.append(mention.code.lower())
        cursor = span.end
    pieces.append(name[cursor:])
    return fold_key(" ".join(pieces)), tuple(sorted(set(codes)))


def series_key(name: str) -> str:
    """The series name with country names/demonyms replaced by sorted alpha-2 codes."""
    words, codes = series_parts(name)
    return " ".join([words, *codes])


def survivor(session: Session, record: M) -> M:
    """The record a chain of merges ends at (`record` itself when it was never merged)."""
    seen = {record.id}
    while record.merged_into_id is not None and record.merged_into_id not in seen:
        target = session.get(type(record), record.merged_into_id)
        if target is None:
            break
        seen.add(target.id)
        record = target
    return record


def _looks_like_acronym(name: str) -> bool:
    return " " not in name.strip() and bool(_ACRONYM.match(name.strip())) and sum(c.isupper() for c in name) >= 2


class _Candidate(Protocol):
    """A row of (id, compared columns) or a new object: what `_best` and `_find_organization` compare."""

    @property
    def id(self) -> int | None: ...


C = TypeVar("C")


def _loaded(session: Session, model: type[C], found: object) -> C | None:
    """The ORM object for a matched candidate: a row is loaded by id, a new object is itself."""
    if found is None or isinstance(found, model):
        return found
    return session.get_one(model, found.id)  # type: ignore[attr-defined]


class Resolver:
    """Finds or creates the rows one document's mentions name, caching lookups for that document.

    New organizations and places are added to the session, not flushed: the loader flushes once
    per stage. New people and series are kept for `insert_created` (one INSERT per table): nothing
    changes them once created, and going through the unit of work cost more than the INSERT.
    With `known` (a seed run's), the candidates come from it instead of the database.
    """

    def __init__(self, session: Session, known: Known | None = None) -> None:
        self.session = session
        self.known = known
        self._people: dict[tuple[str, str | None], Person] = {}
        self._new_people: list[Person] = []
        # Candidates: rows of (id, compared columns) from the database, and this document's new objects.
        self._organizations: dict[str | None, list[_Candidate]] = {}
        self._locations: dict[tuple[str | None, str], list[_Candidate]] = {}
        self._series: list[Series | SeriesRow] = []  # found or created for this document
        self._new_series: list[Series] = []

    def person(self, name: str, country: str | None) -> Person | PersonRow:
        """The person (or, when found unmerged, its row: only its id is needed) a name stands for."""
        key = fold_key(name)
        cached = self._people.get((key, country))
        if cached is not None:
            return cached
        found = self._find_person(key, country)
        if found is None:
            found = Person(name=name.strip()[:200], name_key=key[:200], country_code=country)
            self._new_people.append(found)
            if self.known is not None:
                self.known.created(found)
        elif isinstance(found, Person):
            found = survivor(self.session, found)
        elif found.merged_into_id is not None:
            found = survivor(self.session, self.session.get_one(Person, found.id))
        self._people[(key, country)] = found
        return found

    def insert_created(self) -> None:
        """INSERT the people and series created since the last call, in the order they were created."""
        people, series = [p for p in self._new_people if p.id is None], self._new_series
        insert_new(self.session, people)
        insert_new(self.session, series)
        self._new_series = []

    def remember_person(self, name: str, country: str | None, person: Person | PersonRow) -> None:
        """Another mention of `name` in this document is `person` (found by provenance, not by name)."""
        self._people.setdefault((fold_key(name), country), person)

    def _find_person(self, key: str, country: str | None) -> Person | PersonRow | None:
        if country is None:
            # No country to scope a fuzzy match: only an unambiguous exact key will do.
            exact = repository.people_by_key(self.session, key)
            return exact[0] if len(exact) == 1 else None
        tokens = [token for token in key.split() if len(token) >= 3] or key.split()
        candidates: list[Any]
        if self.known is None:
            candidates = repository.people_like(self.session, country, tokens)
        else:
            # The same test as the database's LIKE: keys are lower-case ASCII letters, digits and spaces.
            candidates = [p for p in self.known.people(self.session, country) if any(t in p.name_key for t in tokens)]
        candidates += [p for p in self._new_people if p.country_code == country]
        return _best(key, candidates, lambda p: p.name_key, person_names_match)

    def organization(self, mention: OrganizationMention) -> Organization | _Candidate:
        """The organization a mention names (its row when stored and nothing is to be written to it: only its id is needed)."""
        country = mention.country
        known = self._organizations_of(country)
        key = fold_key(mention.name)
        acronym = mention.acronym or (mention.name.strip() if _looks_like_acronym(mention.name) else None)
        match = _find_organization(key, acronym, known)
        wants_parent = bool(mention.parent) and fold_key(mention.parent or "") != key
        # Loading the row costs a select per mention; it is needed only to follow a merge or to
        # fill its acronym or parent. The row's values may be older than the stored ones (see
        # `known.py`) only as an empty field a document of the run filled: loading then reads the truth.
        if (
            match is not None and not isinstance(match, Organization) and match.merged_into_id is None
            and not (acronym and not match.acronym) and not (wants_parent and match.parent_id is None)
        ):
            return match
        found = _loaded(self.session, Organization, match)
        if found is None:
            found = Organization(name=mention.name.strip()[:300], name_key=key[:300], country_code=country)
            found.acronym = acronym[:40] if acronym else None
            self.session.add(found)
            known.append(found)
            if self.known is not None:
                self.known.created(found)
        else:
            found = survivor(self.session, found)
            if acronym and not found.acronym and writable(found, "acronym"):
                found.acronym = acronym[:40]
                if self.known is not None and found.id is not None:
                    self.known.acronym_changed(found.country_code)
        # A row first seen only as "USARSOUTH" keeps that name: renaming would move its
        # name_key, and a rerun must not change rows it did not need to.
        if mention.parent and found.parent_id is None and writable(found, "parent_id") and fold_key(mention.parent) != key:
            parent = self.organization(OrganizationMention(name=mention.parent, country=country))
            if isinstance(parent, Organization):
                if parent is not found:
                    found.parent = parent
            elif parent.id != found.id:
                found.parent_id = parent.id  # a stored row: its id is what the relationship would write
        return found

    def _organizations_of(self, country: str | None) -> list[_Candidate]:
        if country not in self._organizations:
            rows = repository.organizations_of(self.session, country) if self.known is None else self.known.organizations(self.session, country)
            self._organizations[country] = list(rows)  # a copy: this document's new rows join it
        return self._organizations[country]

    def location(self, mention: LocationMention) -> Location | _Candidate:
        """The place a mention names (its row when stored and nothing is to be written to it: only its id is needed)."""
        kind = LocationKind(mention.kind)
        known = self._locations.get((mention.country, kind))
        if known is None:
            if self.known is None:
                known = list(repository.locations_of(self.session, mention.country, kind))
            else:
                known = list(self.known.locations(self.session, mention.country, kind))  # a copy, as above
            self._locations[(mention.country, kind)] = known
        key = fold_key(mention.name)
        match = _best(key, known, lambda loc: loc.name_key, _places_match)
        coordinates = mention.latitude is not None and mention.longitude is not None
        # As for organizations: loaded only to follow a merge or to fill its coordinates.
        if match is not None and not isinstance(match, Location) and match.merged_into_id is None and not (coordinates and match.latitude is None):
            return match
        found = _loaded(self.session, Location, match)
        if found is None:
            found = Location(name=mention.name.strip()[:200], name_key=key[:200], kind=kind, country_code=mention.country)
            if mention.latitude is not None and mention.longitude is not None:
                found.latitude, found.longitude = mention.latitude, mention.longitude
            self.session.add(found)
            known.append(found)
            if self.known is not None:
                self.known.created(found)
            return found
        found = survivor(self.session, found)
        if found.latitude is None and mention.latitude is not None and mention.longitude is not None and writable(found, "latitude", "longitude"):
            found.latitude, found.longitude = mention.latitude, mention.longitude
        return found

    def series(self, name: str) -> Series | SeriesRow:
        """The series a name stands for (its row when stored: only its id and name are needed)."""
        wanted = series_key(name)
        for series in self._series:
            if series_key(series.name) == wanted:
                return series
        # Only rows whose folded name holds every non-country word can share the key: the
        # database narrows them down instead of every series being loaded for every document.
        words = series_parts(name)[0].split()
        if self.known is None:
            for row in repository.series_names(self.session, words):
                if series_key(row.name) == wanted:
                    found = self.session.get_one(Series, row.id)
                    self._series.append(found)
                    return found
        else:
            for stored in self.known.series(self.session, wanted, series_key):
                if all(word in stored.name_key for word in words):  # the LIKEs above
                    self._series.append(stored)
                    return stored
        created = Series(name=name.strip()[:300], name_key=fold_key(name)[:300])
        self._new_series.append(created)
        self._series.append(created)
        if self.known is not None:
            self.known.created(created, series_key(created.name))
        return created


def _find_organization(key: str, acronym: str | None, known: Iterable[Any]) -> Any:
    rows = list(known)
    for org in rows:
        if org.name_key == key:
            return org
    if acronym is None:
        # A full name: an existing row known by an acronym that spells it.
        for org in rows:
            if org.acronym and acronym_spells(org.acronym, key):
                return org
            if _looks_like_acronym(org.name) and acronym_spells(org.name, key):
                return org
        return None
    folded = fold_key(acronym)
    for org in rows:
        if org.acronym and fold_key(org.acronym) == folded:
            return org
    for org in rows:
        if acronym_spells(acronym, org.name_key):
            return org
    return None


def _places_match(first: str, second: str) -> bool:
    return first == second or fuzz.token_sort_ratio(first, second) >= FUZZY_THRESHOLD


def _best(
    key: str, candidates: Iterable[T], key_of: Callable[[T], str], matches: Callable[[str, str], bool]
) -> T | None:
    """The exact match if any, else the closest candidate that `matches` accepts."""
    accepted = [c for c in candidates if matches(key, key_of(c))]
    for candidate in accepted:
        if key_of(candidate) == key:
            return candidate
    # Highest similarity wins; ties go to the oldest row so reruns pick the same one.
    return max(accepted, key=lambda c: fuzz.token_sort_ratio(key, key_of(c)), default=None)
