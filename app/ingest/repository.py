"""The selects and deletes ingest needs: one statement each, no business rules."""

from collections.abc import Collection, Iterable
from datetime import date
from functools import lru_cache

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    String,
    and_,
    bindparam,
    cast,
    delete,
    exists,
    func,
    or_,
    select,
    union,
)
from sqlalchemy.orm import Session

from app.models import (
    AgreedAction,
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
from app.models.curation import Curated
from app.models.enums import EngagementType, Origin, ReviewState


def document_by_source(session: Session, source_ref: str) -> Document | None:
    return session.scalars(select(Document).where(Document.source_ref == source_ref)).one_or_none()


# The resolver's candidate lists (people sharing a word, every person, organization or place
# of a country, every series sharing the words) are plain rows (id and the columns it
# compares): they can hold hundreds of rows per document, and building ORM objects for all of
# them cost more than the document's own writes. The resolver loads the one row that matches
# when it may write to it or follow its merge.


def people_like(session: Session, country: str | None, tokens: Iterable[str]) -> list[Row[tuple[int, str, int | None]]]:
    """(id, name_key, merged_into_id) of the people of `country` whose key contains one of `tokens`."""
    likes = [Person.name_key.contains(token, autoescape=True) for token in tokens]
    if not likes:
        return []
    statement = select(Person.id, Person.name_key, Person.merged_into_id).where(_same_country(Person.country_code, country), or_(*likes))
    return list(session.execute(statement.order_by(Person.id)).all())


def people_of(session: Session, country: str | None) -> list[Row[tuple[int, str, int | None]]]:
    """(id, name_key, merged_into_id) of the people of `country`."""
    statement = select(Person.id, Person.name_key, Person.merged_into_id).where(_same_country(Person.country_code, country))
    return list(session.execute(statement.order_by(Person.id)).all())


def people_by_key(session: Session, name_key: str) -> list[Person]:
    return list(session.scalars(select(Person).where(Person.name_key == name_key).order_by(Person.id)))


def organizations_of(session: Session, country: str | None) -> list[Row[tuple[int, str, str, str | None, int | None, int | None]]]:
    """(id, name, name_key, acronym, merged_into_id, parent_id) of the organizations of `country`."""
    statement = select(
        Organization.id, Organization.name, Organization.name_key, Organization.acronym, Organization.merged_into_id, Organization.parent_id
    )
    statement = statement.where(_same_country(Organization.country_code, country))
    return list(session.execute(statement.order_by(Organization.id)).all())


def locations_of(session: Session, country: str | None, kind: str) -> list[Row[tuple[int, str, int | None, float | None]]]:
    """(id, name_key, merged_into_id, latitude) of the locations of `country` and `kind`."""
    statement = select(Location.id, Location.name_key, Location.merged_into_id, Location.latitude)
    statement = statement.where(_same_country(Location.country_code, country), Location.kind == kind)
    return list(session.execute(statement.order_by(Location.id)).all())


def series_names(session: Session, words: Iterable[str] = ()) -> list[Row[tuple[int, str, str]]]:
    """(id, name, name_key) of the series whose folded name contains every one of `words` (all series without words)."""
    statement = select(Series.id, Series.name, Series.name_key)
    statement = statement.where(*(Series.name_key.contains(word, autoescape=True) for word in words))
    return list(session.execute(statement.order_by(Series.id)).all())


def engagement_candidates(
    session: Session, pair: tuple[str, str], series_id: int | None, first: date | None, last: date | None
) -> list[Engagement]:
    """Engagements of the pair that share the series or whose day range overlaps [first, last]."""
    either: list[ColumnElement[bool]] = []
    if series_id is not None:
        either.append(Engagement.series_id == series_id)
    if first is not None and last is not None:
        either.append((Engagement.earliest_date <= last) & (Engagement.latest_date >= first))
    if not either:
        return []
    statement = select(Engagement).where(
        Engagement.country_a == pair[0], Engagement.country_b == pair[1], or_(*either)
    )
    return list(session.scalars(statement.order_by(Engagement.id)))


def possible_matches(
    session: Session, pair: tuple[str, str], type_: str, series_id: int | None, first: date | None, last: date | None
) -> list[Engagement]:
    """`engagement_candidates` without the ones no mention of `type_` can match, each branch on its own index.

    Left out: a day range overlapping but of another type and series, which `merging.same_engagement`
    refuses, judging the row as stored (see `load._Loader._engagement` for when it is not).
    """
    by_series, by_dates = series_id is not None, first is not None and last is not None
    if not by_series and not by_dates:
        return []
    parameters = {"a": pair[0], "b": pair[1], "series_id": series_id, "type": EngagementType(type_), "first": first, "last": last}
    return list(session.scalars(_possible_matches(by_series, by_dates), parameters))


@lru_cache(maxsize=None)
def _possible_matches(by_series: bool, by_dates: bool) -> Select[tuple[Engagement]]:
    # Built once per shape, values bound at execution: building the statement cost four times
    # what running it does, once per engagement mention.
    branches: list[Select[tuple[int]]] = []
    country_a = Engagement.country_a == bindparam("a")
    if by_series:
        branches.append(select(Engagement.id).where(
            country_a, Engagement.country_b == bindparam("b"), Engagement.series_id == bindparam("series_id")
        ))
    if by_dates:
        # `country_b || ''` keeps SQLite off the country_b index: with the United States on
        # one side of nearly every pair, that index leads to nearly every engagement, while
        # (country_a, type, earliest_date) leads to a few dozen. The OR of the two branches
        # that `engagement_candidates` asks reads every engagement of the pair's first country.
        branches.append(select(Engagement.id).where(
            country_a, Engagement.country_b.concat("") == bindparam("b"),
            Engagement.type == bindparam("type"), Engagement.earliest_date <= bindparam("last"), Engagement.latest_date >= bindparam("first"),
        ))
    ids = branches[0] if len(branches) == 1 else union(*branches)
    return select(Engagement).where(Engagement.id.in_(ids)).order_by(Engagement.id)


def engagements_by_ids(session: Session, ids: Collection[int]) -> list[Engagement]:
    if not ids:
        return []
    return list(session.scalars(select(Engagement).where(Engagement.id.in_(ids))))


def participations_of(session: Session, engagement_ids: Collection[int]) -> list[Participation]:
    if not engagement_ids:
        return []
    statement = select(Participation).where(Participation.engagement_id.in_(engagement_ids))
    return list(session.scalars(statement))


def actions_of(session: Session, engagement_ids: Collection[int]) -> list[AgreedAction]:
    if not engagement_ids:
        return []
    return list(session.scalars(select(AgreedAction).where(AgreedAction.engagement_id.in_(engagement_ids))))


def participations_by_ids(session: Session, ids: Collection[int]) -> list[Participation]:
    if not ids:
        return []
    return list(session.scalars(select(Participation).where(Participation.id.in_(ids))))


def actions_by_ids(session: Session, ids: Collection[int]) -> list[AgreedAction]:
    if not ids:
        return []
    return list(session.scalars(select(AgreedAction).where(AgreedAction.id.in_(ids))))


def evidence_spans(session: Session, document_id: int) -> list[Row[tuple[str | None, int, int, int | None, int | None, int | None, int | None]]]:
    """(quote, start, end, engagement, participation, location, agreed action) of the document's evidence."""
    statement = select(
        Evidence.quote, Evidence.char_start, Evidence.char_end,
        Evidence.engagement_id, Evidence.participation_id, Evidence.location_id, Evidence.agreed_action_id,
    ).where(Evidence.document_id == document_id)
    return list(session.execute(statement).all())


def delete_document_evidence(session: Session, document_id: int) -> None:
    session.execute(delete(Evidence).where(Evidence.document_id == document_id))
    session.execute(delete(DataQualityWarning).where(DataQualityWarning.document_id == document_id))


def delete_orphans(
    session: Session,
    *,
    participation_ids: Collection[int],
    action_ids: Collection[int],
    engagement_ids: Collection[int],
    location_ids: Collection[int],
    person_ids: Collection[int],
    organization_ids: Collection[int],
    series_ids: Collection[int],
) -> None:
    """Delete those of the given rows that no document supports any more and no person touched (children first)."""
    if participation_ids:
        session.execute(
            delete(Participation).where(
                Participation.id.in_(participation_ids),
                untouched(Participation),
                ~exists().where(Evidence.participation_id == Participation.id),
            )
        )
    if action_ids:
        session.execute(
            delete(AgreedAction).where(
                AgreedAction.id.in_(action_ids),
                untouched(AgreedAction),
                ~exists().where(Evidence.agreed_action_id == AgreedAction.id),
            )
        )
    if engagement_ids:
        session.execute(
            delete(Engagement).where(
                Engagement.id.in_(engagement_ids),
                untouched(Engagement),
                ~exists().where(Evidence.engagement_id == Engagement.id),
                ~exists().where(Participation.engagement_id == Engagement.id),
                ~exists().where(AgreedAction.engagement_id == Engagement.id),
            )
        )
    if location_ids:
        merged = Location.__table__.alias("merged")
        session.execute(
            delete(Location).where(
                Location.id.in_(location_ids),
                untouched(Location),
                ~exists().where(Evidence.location_id == Location.id),
                ~exists().where(Engagement.location_id == Location.id),
                ~exists().where(merged.c.merged_into_id == Location.id),
            )
        )
    if person_ids:
        merged = Person.__table__.alias("merged")
        session.execute(
            delete(Person).where(
                Person.id.in_(person_ids),
                untouched(Person),
                ~exists().where(Participation.person_id == Person.id),
                ~exists().where(merged.c.merged_into_id == Person.id),
            )
        )
    if organization_ids:
        other = Organization.__table__.alias("other")
        session.execute(
            delete(Organization).where(
                Organization.id.in_(organization_ids),
                untouched(Organization),
                ~exists().where(Participation.organization_id == Organization.id),
                ~exists().where((other.c.parent_id == Organization.id) | (other.c.merged_into_id == Organization.id)),
            )
        )
    if series_ids:
        session.execute(
            delete(Series).where(Series.id.in_(series_ids), ~exists().where(Engagement.series_id == Series.id))
        )


def untouched(model: type[Curated]) -> ColumnElement[bool]:
    """SQL for `not record.is_curated`: extracted, pending, not deleted, no field set by a person."""
    return and_(
        model.origin == Origin.extracted,
        model.review_state == ReviewState.pending,
        model.deleted_at.is_(None),
        # JSON has no portable emptiness test; both databases keep the serialized text as written.
        or_(model.curated_fields.is_(None), cast(model.curated_fields, String).in_(["[]", "null"])),
    )


def count_rows(session: Session) -> dict[str, int]:
    """How many engagements, officials, locations, agreed actions and warnings there are."""
    models = {
        "engagements": Engagement,
        "officials": Person,
        "locations": Location,
        "agreed_actions": AgreedAction,
        "warnings": DataQualityWarning,
    }
    return {name: session.scalar(select(func.count()).select_from(model)) or 0 for name, model in models.items()}


def _same_country(column: ColumnElement[str | None], country: str | None) -> ColumnElement[bool]:
    return column.is_(None) if country is None else column == country
