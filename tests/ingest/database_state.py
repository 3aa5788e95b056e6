"""A seeded database read back: its consistency problems, and a fingerprint by natural keys.

The fingerprint names every row by what it is (a document by its source_ref, a person by
name key and country, an engagement by its pair, type, title, dates, series and place) and
never by id, so two databases that hold the same facts compare equal even when one of them
burned ids in killed transactions (PostgreSQL sequences do not roll back).
"""

from collections import Counter
from typing import Any

from sqlalchemy import Connection, and_, exists, func, select

from app.ingest.consistency import MANAGED_CODES
from app.models import (
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
from app.models.document import EVIDENCE_TARGETS

Fingerprint = dict[str, list[tuple[Any, ...]]]

# Rows no loaded document would leave behind: every extracted fact is supported by a span,
# every person takes part in something, every organization and series is used.
_UNSUPPORTED = {
    "engagement without evidence": (Engagement, ~exists().where(Evidence.engagement_id == Engagement.id)),
    "participation without evidence": (Participation, ~exists().where(Evidence.participation_id == Participation.id)),
    "location without evidence": (Location, ~exists().where(Evidence.location_id == Location.id)),
    "agreed action without evidence": (AgreedAction, ~exists().where(Evidence.agreed_action_id == AgreedAction.id)),
    "person in no engagement": (Person, ~exists().where(Participation.person_id == Person.id)),
    "series with no engagement": (Series, ~exists().where(Engagement.series_id == Series.id)),
}


def table_counts(connection: Connection) -> dict[str, int]:
    return {t.name: connection.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables}


def consistency_problems(connection: Connection) -> list[str]:
    """Dangling references, unsupported rows and (on SQLite) a damaged file: empty when consistent."""
    problems = []
    if connection.dialect.name == "sqlite":
        integrity = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity}")
        problems += [f"foreign_key_check: {tuple(row)}" for row in connection.exec_driver_sql("PRAGMA foreign_key_check")]
    # The same question asked portably, so PostgreSQL answers it too.
    for table in Base.metadata.sorted_tables:
        for key in table.foreign_keys:
            child, parent = key.parent, key.column
            dangling = select(func.count()).select_from(table).where(
                child.isnot(None), ~exists().where(parent == child)
            )
            if count := connection.scalar(dangling):
                problems.append(f"{count} {table.name}.{child.name} pointing at no {parent.table.name}")
    for label, (model, condition) in _UNSUPPORTED.items():
        if count := connection.scalar(select(func.count()).select_from(model).where(condition)):
            problems.append(f"{count} {label}")
    return problems


def own_evidence_counts(connection: Connection) -> dict[str, int]:
    """source_ref -> evidence rows the document's own load wrote (not the cross-document warnings' citations)."""
    cross_document = and_(
        Evidence.data_quality_warning_id.isnot(None),
        exists().where(DataQualityWarning.id == Evidence.data_quality_warning_id, DataQualityWarning.code.in_(MANAGED_CODES)),
    )
    statement = (
        select(Document.source_ref, func.count(Evidence.id))
        .outerjoin(Evidence, and_(Evidence.document_id == Document.id, ~cross_document))
        .group_by(Document.source_ref)
    )
    return {ref: count for ref, count in connection.execute(statement)}


def fingerprint(connection: Connection) -> Fingerprint:
    """Every row of the extracted data, named by natural keys, sorted; duplicates stay visible."""
    documents = dict(connection.execute(select(Document.id, Document.source_ref)).all())
    series = dict(connection.execute(select(Series.id, Series.name_key)).all())
    locations = _keyed(connection, Location, Location.name_key, Location.country_code, Location.kind)
    organizations = _keyed(connection, Organization, Organization.name_key, Organization.country_code)
    people = _keyed(connection, Person, Person.name_key, Person.country_code)
    engagements = {
        row.id: (row.country_a, row.country_b, row.type, row.title, row.start_date, row.end_date,
                 series.get(row.series_id), row.edition, locations.get(row.location_id))
        for row in connection.execute(select(Engagement))
    }
    participations = {
        row.id: (engagements[row.engagement_id], people[row.person_id], organizations.get(row.organization_id),
                 row.rank, row.title, row.role, row.country_code)
        for row in connection.execute(select(Participation))
    }
    actions = {
        row.id: (engagements[row.engagement_id], row.description, row.status, row.topic, row.target_date)
        for row in connection.execute(select(AgreedAction))
    }
    warnings = {
        row.id: (row.code, row.message, documents.get(row.document_id), engagements.get(row.engagement_id))
        for row in connection.execute(select(DataQualityWarning))
    }
    targets = dict(zip(EVIDENCE_TARGETS, (engagements, participations, locations, actions, warnings)))
    evidence = [
        (documents[row.document_id], row.char_start, row.char_end, row.rule, row.confidence,
         *next((column, targets[column][getattr(row, column)]) for column in EVIDENCE_TARGETS if getattr(row, column)))
        for row in connection.execute(select(Evidence))
    ]
    hashes = connection.execute(select(Document.source_ref, Document.sha256, Document.title, Document.published_date))
    return {
        "document": sorted(tuple(row) for row in hashes),
        "series": sorted(series.values()),
        **{name: _sorted(rows.values()) for name, rows in {
            "location": locations, "organization": organizations, "person": people, "engagement": engagements,
            "participation": participations, "agreed_action": actions, "data_quality_warning": warnings,
        }.items()},
        "evidence": _sorted(evidence),
    }


def duplicates(print_: Fingerprint) -> dict[str, list[tuple[Any, ...]]]:
    """Natural keys held by more than one row, per table."""
    found = {}
    for table, rows in print_.items():
        repeated = [row for row, n in Counter(rows).items() if n > 1]
        if repeated:
            found[table] = repeated
    return found


def _keyed(connection: Connection, model: type, *columns: Any) -> dict[int, tuple[Any, ...]]:
    return {row[0]: tuple(row[1:]) for row in connection.execute(select(model.id, *columns))}


def _sorted(rows: Any) -> list[tuple[Any, ...]]:
    # By repr: the rows mix None with dates and strings, which do not compare with each other.
    return sorted(rows, key=repr)

