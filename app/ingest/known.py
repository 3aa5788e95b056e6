"""What a seed run knows of the rows names resolve to (people, organizations, places, series), kept across its documents.

Heuristic: the resolver compares each mention with every row of its country (or, for a series,
every row sharing its words); read again for every document, those rows cost a quarter of
the loader's time and the series scan grows with the database. During a seed run the loader
is the database's only writer, so what it read stays true except for its own writes: rows a
document creates join the cache when its transaction commits (and are forgotten when it rolls
back), a changed acronym makes its country's organizations be read again, and a replaced
document, which may delete rows, empties the cache.
Known failure: an edit made through the API while a seed runs is not seen until the next run.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from app.ingest import repository
from app.models import Location, Organization, Person, Series


class PersonRow(NamedTuple):
    id: int
    name_key: str
    merged_into_id: int | None


class SeriesRow(NamedTuple):
    id: int
    name: str
    name_key: str


class Known:
    """Rows read once per seed run, plus what its committed documents created."""

    def __init__(self) -> None:
        self._people: dict[str | None, list[PersonRow]] = {}
        self._organizations: dict[str | None, list[Any]] = {}
        self._locations: dict[tuple[str | None, str], list[Any]] = {}
        self._series: dict[str, list[SeriesRow]] | None = None  # series_key -> rows, oldest first
        self._created: list[tuple[Any, str | None]] = []  # this document's new rows (and series keys)
        self._stale_organizations: set[str | None] = set()
        self._stale_all = False

    @contextmanager
    def document(self) -> Iterator[None]:
        """Around one document's transaction: its writes count only if it commits."""
        self._created, self._stale_organizations, self._stale_all = [], set(), False
        try:
            yield
        except BaseException:
            self._forget_touched()
            raise
        if self._stale_all:
            self._clear()
            return
        created = self._created
        self._forget_touched()
        for row, key in created:
            self._add(row, key)

    def _clear(self) -> None:
        self._people, self._organizations, self._locations, self._series = {}, {}, {}, None

    def _forget_touched(self) -> None:
        for country in self._stale_organizations:
            self._organizations.pop(country, None)
        # A rolled-back document's rows never existed; the lists it read stay true.
        self._created, self._stale_organizations = [], set()

    def _add(self, row: Any, key: str | None) -> None:
        if isinstance(row, Person):
            if row.country_code in self._people:
                self._people[row.country_code].append(PersonRow(row.id, row.name_key, row.merged_into_id))
        elif isinstance(row, Organization):
            if row.country_code in self._organizations:
                self._organizations[row.country_code].append(
                    _OrganizationRow(row.id, row.name, row.name_key, row.acronym, row.merged_into_id, row.parent_id)
                )
        elif isinstance(row, Location):
            if (row.country_code, row.kind) in self._locations:
                self._locations[(row.country_code, row.kind)].append(_LocationRow(row.id, row.name_key, row.merged_into_id, row.latitude))
        elif isinstance(row, Series) and self._series is not None and key is not None:
            self._series[key].append(SeriesRow(row.id, row.name, row.name_key))

    def created(self, row: Any, series_key: str | None = None) -> None:
        """A row this document added to the session (a series with its key)."""
        self._created.append((row, series_key))

    def acronym_changed(self, country: str | None) -> None:
        self._stale_organizations.add(country)

    def rows_deleted(self) -> None:
        self._stale_all = True

    def people(self, session: Session, country: str | None) -> list[PersonRow]:
        if country not in self._people:
            self._people[country] = [PersonRow(*row) for row in repository.people_of(session, country)]
        return self._people[country]

    def organizations(self, session: Session, country: str | None) -> list[Any]:
        if country not in self._organizations:
            self._organizations[country] = list(repository.organizations_of(session, country))
        return self._organizations[country]

    def locations(self, session: Session, country: str | None, kind: str) -> list[Any]:
        if (country, kind) not in self._locations:
            self._locations[(country, kind)] = list(repository.locations_of(session, country, kind))
        return self._locations[(country, kind)]

    def series(self, session: Session, wanted: str, key_of: Callable[[str], str]) -> list[SeriesRow]:
        """The stored series whose key (`key_of` their name) is `wanted`, oldest first."""
        if self._series is None:
            # Once per run, every series: a key per row (about 75 µs each) instead of a scan
            # of the whole table for each document naming a series.
            self._series = defaultdict(list)
            for row in repository.series_names(session):
                self._series[key_of(row.name)].append(SeriesRow(*row))
        return self._series.get(wanted, [])


# As `repository.organizations_of` and `locations_of` read them. A parent or coordinates that a
# later document of the run writes are not updated here: the resolver only reads them to decide
# whether to load the row (`resolve.Resolver.organization`, `location`), and then read the stored values.
class _OrganizationRow(NamedTuple):
    id: int
    name: str
    name_key: str
    acronym: str | None
    merged_into_id: int | None
    parent_id: int | None


class _LocationRow(NamedTuple):
    id: int
    name_key: str
    merged_into_id: int | None
    latitude: float | None
