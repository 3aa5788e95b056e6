"""The questions the scale benchmark asks, with parameters picked from the generated data.

Each question is asked three ways: of the service (its URL), of Datasette (one SQL
statement on the same SQLite file, returning the same rows in the same order: same page of
50, same sort, the same visibility rules, the total as a column), and of the database
directly (the SQL the service itself sends, replayed: see raw_sql.py). The CSV export is
asked of Datasette through its streamed table CSV (every row, deleted ones left out).

Parameters come from the engagement in the middle of the id range, so every question
returns rows at any scale: its start year, a participant's surname, its country and type,
a word of its title, and a surname of a person in the middle of the person ids.
"""

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Engine, text

from app.text_keys import fold_key

PAGE = 50
VISIBLE = "{t}.deleted_at IS NULL AND {t}.review_state <> 'rejected'"

_ENGAGEMENT_PAGE = """
SELECT e.id, e.title, e.type, e.status, e.mode, e.country_a, e.country_b, e.start_date, e.start_precision,
       e.end_date, e.end_precision, e.earliest_date, e.latest_date, e.edition, e.agreed_actions_reported,
       e.origin, e.review_state, e.version, e.curated_fields,
       l.id AS location_id, l.name AS location, l.kind AS location_kind, l.country_code AS location_country,
       l.latitude, l.longitude, s.id AS series_id, s.name AS series,
       (SELECT count(*) FROM engagement e WHERE {visible} AND {where}) AS total
FROM engagement e
LEFT JOIN location l ON l.id = e.location_id AND l.deleted_at IS NULL
LEFT JOIN series s ON s.id = e.series_id
WHERE {visible} AND {where}
ORDER BY e.start_date IS NULL, e.start_date DESC, e.id
LIMIT {page}
"""

_OVERLAP = "e.earliest_date IS NOT NULL AND e.latest_date >= :first AND e.earliest_date <= :last"
_OFFICIAL = (
    "EXISTS (SELECT 1 FROM participation p JOIN person pe ON pe.id = p.person_id WHERE p.engagement_id = e.id"
    " AND p.deleted_at IS NULL AND p.review_state <> 'rejected' AND pe.deleted_at IS NULL"
    " AND pe.name_key LIKE :pattern ESCAPE '/')"
)
_TEXT_FTS5 = (  # the FTS5 tables of migration 0003, as app/full_text.py queries them
    "e.id IN (SELECT rowid FROM engagement_search WHERE engagement_search MATCH :match"
    " UNION ALL SELECT rowid >> 32 FROM evidence_search WHERE evidence_search MATCH :match)"
)
_TEXT_LIKE = (  # before the full-text index: substring anywhere
    "(e.title LIKE :pattern ESCAPE '/' OR e.summary LIKE :pattern ESCAPE '/'"
    " OR EXISTS (SELECT 1 FROM evidence ev WHERE ev.engagement_id = e.id AND ev.quote LIKE :pattern ESCAPE '/'))"
)

_DETAIL = """
SELECT e.*, l.name AS location, l.latitude, l.longitude, s.name AS series,
  (SELECT json_group_array(json_object('participation_id', p.id, 'person_id', pe.id, 'name', pe.name, 'rank', p.rank,
          'title', p.title, 'role', p.role, 'country_code', p.country_code, 'organization', o.name, 'acronym', o.acronym))
     FROM participation p JOIN person pe ON pe.id = p.person_id LEFT JOIN organization o ON o.id = p.organization_id
    WHERE p.engagement_id = e.id AND p.deleted_at IS NULL AND p.review_state <> 'rejected' AND pe.deleted_at IS NULL)
    AS participants,
  (SELECT json_group_array(json_object('id', a.id, 'description', a.description, 'topic', a.topic, 'status', a.status,
          'horizon', a.horizon, 'target_date', a.target_date))
     FROM agreed_action a WHERE a.engagement_id = e.id AND a.deleted_at IS NULL AND a.review_state <> 'rejected')
    AS agreed_actions,
  (SELECT json_group_array(json_object('document_id', d.id, 'source_ref', d.source_ref, 'title', d.title,
          'publisher', d.publisher, 'published_date', d.published_date, 'quote', ev.quote, 'rule', ev.rule,
          'char_start', ev.char_start, 'char_end', ev.char_end))
     FROM evidence ev JOIN document d ON d.id = ev.document_id
    WHERE ev.id IN (SELECT id FROM evidence WHERE engagement_id = e.id
                    UNION ALL SELECT x.id FROM evidence x JOIN participation p ON x.participation_id = p.id WHERE p.engagement_id = e.id
                    UNION ALL SELECT x.id FROM evidence x JOIN agreed_action a ON x.agreed_action_id = a.id WHERE a.engagement_id = e.id
                    UNION ALL SELECT x.id FROM evidence x JOIN data_quality_warning w ON x.data_quality_warning_id = w.id
                              WHERE w.engagement_id = e.id))
    AS sources,
  (SELECT json_group_array(json_object('id', w.id, 'code', w.code, 'message', w.message))
     FROM data_quality_warning w WHERE w.engagement_id = e.id) AS warnings
FROM engagement e
LEFT JOIN location l ON l.id = e.location_id AND l.deleted_at IS NULL
LEFT JOIN series s ON s.id = e.series_id
WHERE e.id = :id AND e.deleted_at IS NULL
"""

_PARTICIPANTS = """
SELECT pe.id, pe.name, pe.country_code, pe.origin, pe.review_state, pe.version,
  (SELECT count(p.id) FROM participation p WHERE p.person_id = pe.id AND p.deleted_at IS NULL
      AND p.review_state <> 'rejected'
      AND EXISTS (SELECT 1 FROM engagement e WHERE e.id = p.engagement_id AND e.deleted_at IS NULL)) AS engagement_count,
  (SELECT count(*) FROM person pe WHERE {visible} AND pe.name_key LIKE :pattern ESCAPE '/') AS total
FROM person pe
WHERE {visible} AND pe.name_key LIKE :pattern ESCAPE '/'
ORDER BY pe.name_key, pe.id
LIMIT {page}
""".format(visible=VISIBLE.format(t="pe"), page=PAGE)

_BY_YEAR = f"""
SELECT CAST(strftime('%Y', e.start_date) AS INTEGER) AS year, count(*) AS count
FROM engagement e WHERE {VISIBLE.format(t="e")}
GROUP BY year ORDER BY year IS NULL, year
"""


def _page(where: str) -> str:
    return _ENGAGEMENT_PAGE.format(visible=VISIBLE.format(t="e"), where=where, page=PAGE)


def _contains(term: str) -> str:
    """A LIKE pattern for 'contains term', escaped as the service's autoescape does."""
    return "%" + term.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"


@dataclass(frozen=True)
class Question:
    name: str  # a short key: by_year, by_official, ...
    label: str  # what a reader sees in the table
    kind: str  # list | detail | stats | export: which target applies
    path: str  # the service's path and query
    datasette_sql: str | None = None
    datasette_params: dict[str, Any] = field(default_factory=dict)
    datasette_path: str | None = None  # instead of SQL (the CSV export)

    def datasette_url(self, base: str, database: str) -> str:
        if self.datasette_path is not None:
            return f"{base}/{database}{self.datasette_path}"
        query = {"sql": " ".join(self.datasette_sql.split()), "_shape": "array", **self.datasette_params}  # type: ignore[union-attr]
        return f"{base}/{database}.json?{urlencode(query)}"


def _word(title: str) -> str:
    words = sorted((w.strip(".,:;()\"'") for w in title.split()), key=len, reverse=True)
    return fold_key(next(w for w in words if w.isalpha()))


def pick(engine: Engine) -> dict[str, Any]:
    """Parameters that return rows, read from the data: the middle engagement and the middle person."""
    with engine.connect() as connection:
        low, high = connection.execute(text("SELECT min(id), max(id) FROM engagement")).one()
        middle = connection.execute(
            text(
                "SELECT e.id, e.title, e.type, e.country_a, e.earliest_date FROM engagement e"
                " WHERE e.id >= :mid AND e.deleted_at IS NULL AND e.earliest_date IS NOT NULL"
                " AND EXISTS (SELECT 1 FROM participation p WHERE p.engagement_id = e.id)"
                " ORDER BY e.id LIMIT 1"
            ),
            {"mid": (low + high) // 2},
        ).one()
        official = connection.execute(
            text("SELECT pe.name FROM participation p JOIN person pe ON pe.id = p.person_id WHERE p.engagement_id = :id ORDER BY p.id LIMIT 1"),
            {"id": middle.id},
        ).scalar_one()
        low, high = connection.execute(text("SELECT min(id), max(id) FROM person")).one()
        person = connection.execute(
            text("SELECT name FROM person WHERE id >= :mid AND deleted_at IS NULL ORDER BY id LIMIT 1"), {"mid": (low + high) // 2}
        ).scalar_one()
    year = int(str(middle.earliest_date)[:4])
    return {
        "year": year,
        "official": fold_key(official.split()[-1]),
        "country": middle.country_a,
        "type": str(middle.type),
        "date_from": str(year - 4),
        "date_to": str(year),
        "q": _word(middle.title),
        "engagement_id": middle.id,
        "participant": fold_key(person.split()[-1]),
        "fts5": engine.dialect.name == "sqlite" and _has_table(engine, "engagement_search"),
        "trigrams": engine.dialect.name == "sqlite" and _has_table(engine, "person_name_search"),
    }


def _has_table(engine: Engine, name: str) -> bool:
    with engine.connect() as connection:
        return connection.execute(text("SELECT 1 FROM sqlite_master WHERE name = :name"), {"name": name}).first() is not None


def _full_text(p: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Datasette's side of `q`: the FTS5 index when the database has one (prefix words), else LIKE."""
    if p.get("fts5"):
        return _page(_TEXT_FTS5), {"match": " ".join(f'"{w}"*' for w in p["q"].split())}
    return _page(_TEXT_LIKE), {"pattern": _contains(p["q"])}


_NAME_LIKE = "pe.name_key LIKE :pattern ESCAPE '/'"
_NAME_TRIGRAMS = "pe.id IN (SELECT rowid FROM person_name_search WHERE person_name_search MATCH :phrase)"


def _by_name(sql: str, term: str, p: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Datasette's side of a name search: the trigram table when the database has one (migration 0005), else LIKE."""
    if p.get("trigrams") and len(term) >= 3:
        return sql.replace(_NAME_LIKE, _NAME_TRIGRAMS), {"phrase": f'"{term}"'}
    return sql, {"pattern": _contains(term)}


def questions(p: dict[str, Any]) -> list[Question]:
    """The eight questions of the issue, in its order."""
    year_bounds = {"first": f"{p['year']}-01-01", "last": f"{p['year']}-12-31"}
    range_bounds = {"first": f"{p['date_from']}-01-01", "last": f"{p['date_to']}-12-31"}
    country_type = f"(e.country_a = :country OR e.country_b = :country) AND e.type = :type AND {_OVERLAP}"
    by_country = urlencode({"country": p["country"], "type": p["type"], "date_from": p["date_from"], "date_to": p["date_to"]})
    csv_filters = urlencode({"deleted_at__isnull": 1, "review_state__not": "rejected", "_sort_desc": "start_date", "_labels": "on"})
    return [
        Question("by_year", f"engagements ?year={p['year']}", "list", f"/engagements?year={p['year']}",
                 _page(_OVERLAP), year_bounds),
        Question("by_official", f"engagements ?official={p['official']}", "list",
                 f"/engagements?{urlencode({'official': p['official']})}", *_by_name(_page(_OFFICIAL), p["official"], p)),
        Question("by_country_type_dates", f"engagements ?{by_country}", "list", f"/engagements?{by_country}",
                 _page(country_type), {"country": p["country"], "type": p["type"], **range_bounds}),
        Question("full_text", f"engagements ?q={p['q']}", "list", f"/engagements?{urlencode({'q': p['q']})}",
                 *_full_text(p)),
        Question("detail", "engagement detail", "detail", f"/engagements/{p['engagement_id']}", _DETAIL, {"id": p["engagement_id"]}),
        Question("participants", f"participants ?name={p['participant']}", "list",
                 f"/participants?{urlencode({'name': p['participant']})}", *_by_name(_PARTICIPANTS, p["participant"], p)),
        Question("stats_by_year", "stats by year", "stats", "/stats/engagements/by-year", _BY_YEAR),
        Question("csv_export", "CSV export, all engagements", "export", "/engagements?format=csv",
                 datasette_path=f"/engagement.csv?_stream=on&_size=max&{csv_filters}"),
    ]


def same_answer(question: Question, service: Any, datasette: Any) -> bool:
    """Whether the service's JSON and Datasette's rows hold the same records in the same order."""
    if question.kind == "list":
        rows = datasette or [{}]
        return [item["id"] for item in service["items"]] == [r["id"] for r in datasette] and service["total"] == rows[0].get("total", 0)
    if question.kind == "detail":
        [row] = datasette
        people = sorted(x["participation_id"] for x in json.loads(row["participants"]))
        actions = sorted(x["id"] for x in json.loads(row["agreed_actions"]))
        return (
            row["id"] == service["id"]
            and people == sorted(x["participation_id"] for x in service["participants"])
            and actions == sorted(x["id"] for x in service["agreed_actions"])
        )
    if question.kind == "stats":
        return [(r["year"], r["count"]) for r in datasette] == [(r["year"], r["count"]) for r in service]
    return True
