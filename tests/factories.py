"""Small typed factories: realistic records for any country pair, overridable per test."""

import hashlib
from datetime import date
from itertools import count
from typing import Any

from sqlalchemy.orm import Session

from app.engagements.dates import apply_dates
from app.extraction.records import PartialDate
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
from app.models.enums import EngagementMode, EngagementStatus, EngagementType, LocationKind
from app.text_keys import fold_key

_serial = count(1)


def make_location(session: Session, name: str = "Bogotá", country_code: str = "CO", **overrides: Any) -> Location:
    values: dict[str, Any] = {"kind": LocationKind.city, "latitude": 4.6097, "longitude": -74.0817}
    values.update(overrides)
    location = Location(name=name, name_key=fold_key(name), country_code=country_code, **values)
    session.add(location)
    session.flush()
    return location


def make_person(session: Session, name: str = "Ana María Gómez Ruiz", country_code: str | None = "CO") -> Person:
    person = Person(name=name, name_key=fold_key(name), country_code=country_code)
    session.add(person)
    session.flush()
    return person


def make_organization(session: Session, name: str = "Colombian National Army", acronym: str | None = None, country_code: str | None = "CO") -> Organization:
    organization = Organization(name=name, name_key=fold_key(name), acronym=acronym, country_code=country_code)
    session.add(organization)
    session.flush()
    return organization


def make_series(session: Session, name: str = "U.S.-Colombia Army Staff Talks") -> Series:
    series = Series(name=name, name_key=fold_key(name))
    session.add(series)
    session.flush()
    return series


def make_engagement(
    session: Session,
    *,
    title: str = "Colombia-U.S. Army Staff Talks",
    countries: tuple[str, str] = ("CO", "US"),
    start: PartialDate | None = None,
    end: PartialDate | None = None,
    **overrides: Any,
) -> Engagement:
    first, second = sorted(countries)
    values: dict[str, Any] = {
        "type": EngagementType.staff_talks,
        "status": EngagementStatus.held,
        "mode": EngagementMode.in_person,
    }
    values.update(overrides)
    engagement = Engagement(title=title, country_a=first, country_b=second, **values)
    apply_dates(engagement, start or PartialDate(date(2024, 3, 4), "day"), end)
    session.add(engagement)
    session.flush()
    return engagement


def make_participation(session: Session, engagement: Engagement, person: Person, **overrides: Any) -> Participation:
    participation = Participation(engagement_id=engagement.id, person_id=person.id, country_code=person.country_code, **overrides)
    session.add(participation)
    session.flush()
    return participation


def make_action(session: Session, engagement: Engagement, description: str = "Expand NCO exchanges", **overrides: Any) -> AgreedAction:
    action = AgreedAction(engagement_id=engagement.id, description=description, **overrides)
    session.add(action)
    session.flush()
    return action


def make_document(session: Session, text: str = "BOGOTÁ, Colombia – Staff talks were held.", **overrides: Any) -> Document:
    values: dict[str, Any] = {"source_ref": f"article-{next(_serial)}.txt", "title": "Staff talks"}
    values.update(overrides)
    document = Document(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), **values)
    session.add(document)
    session.flush()
    return document


def make_evidence(session: Session, document: Document, start: int, end: int, **target: int) -> Evidence:
    evidence = Evidence(
        document_id=document.id, char_start=start, char_end=end, quote=document.text[start:end], rule="test", confidence=0.9, **target
    )
    session.add(evidence)
    session.flush()
    return evidence


def make_warning(session: Session, engagement: Engagement, code: str = "edition_year_mismatch", message: str = "Edition does not fit the year.") -> DataQualityWarning:
    warning = DataQualityWarning(code=code, message=message, engagement_id=engagement.id)
    session.add(warning)
    session.flush()
    return warning
