"""No N+1: every list, detail, statistic and download runs a fixed number of SQL statements.

Each path is read over a small world, the world grows tenfold (the shared person, place,
organization and document gain ten times the links), and the path is read again: the
number of statements the database receives must not change, and stays under a small bound.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.orm import Session

from tests.factories import (
    make_action,
    make_document,
    make_engagement,
    make_evidence,
    make_location,
    make_organization,
    make_participation,
    make_person,
    make_series,
    make_warning,
)

# Statements per request, SAVEPOINTs of the test's session included.
BOUND = 14

PATHS = [
    "/engagements",
    "/engagements?format=csv",
    "/engagements?format=geojson",
    "/engagements?q=talks&official=hub",
    "/engagements/{engagement}",
    "/participants",
    "/participants?format=csv",
    "/participants/{person}",
    "/participants/{person}/engagements",
    "/participations",
    "/participations?format=csv",
    "/participations/{participation}",
    "/locations",
    "/locations?format=geojson",
    "/locations/{location}",
    "/locations/{location}/engagements",
    "/organizations",
    "/organizations?format=csv",
    "/organizations/{organization}",
    "/agreed-actions",
    "/agreed-actions?format=csv",
    "/agreed-actions/{action}",
    "/documents",
    "/documents?format=csv",
    "/documents/{document}",
    "/stats/engagements/by-year",
    "/stats/engagements/by-month",
    "/stats/engagements/by-type",
    "/stats/engagements/by-mode",
    "/stats/engagements/by-country-pair",
    "/stats/engagements/by-location",
    "/stats/agreed-actions/by-status",
    "/stats/agreed-actions/by-year",
    "/stats/participants/by-engagements",
]


class World:
    """Engagements that all share one person, place, organization, series and source document."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.hub = make_person(session, name="Hub Person", country_code="CO")
        self.location = make_location(session, name="Bogotá")
        self.organization = make_organization(session)
        self.series = make_series(session)
        text = "Staff talks were held. " * 200
        self.document = make_document(session, text=text)
        self.made = 0

    def grow(self, count: int) -> None:
        session = self.session
        for _ in range(count):
            self.made += 1
            number = self.made
            engagement = make_engagement(
                session, title=f"Army Staff Talks {number}", location_id=self.location.id, series_id=self.series.id, edition=number
            )
            hub = make_participation(session, engagement, self.hub, organization_id=self.organization.id, rank="Col.", title="attaché")
            guest = make_person(session, name=f"Guest Number {number}", country_code="US")
            make_participation(session, engagement, guest, organization_id=self.organization.id)
            action = make_action(session, engagement)
            warning = make_warning(session, engagement)
            start = (number * 23) % 4000
            for target in ({"engagement_id": engagement.id}, {"participation_id": hub.id}, {"agreed_action_id": action.id},
                           {"data_quality_warning_id": warning.id}):
                make_evidence(session, self.document, start, start + 11, **target)
        session.commit()
        self.ids = {
            "engagement": 0, "person": self.hub.id, "participation": hub.id, "location": self.location.id,
            "organization": self.organization.id, "action": action.id, "document": self.document.id,
        }
        # The detail of the engagement with the most: every later one is alike, so the first.
        self.ids["engagement"] = engagement.id


@contextmanager
def counted(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []
    engine = session.get_bind()

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def statements_for(client: TestClient, session: Session, path: str, ids: dict[str, int]) -> list[str]:
    with counted(session) as statements:
        response = client.get(path.format(**ids))
        assert response.status_code == 200, (path, response.text[:300])
        response.read()
    return list(statements)


def test_statements_per_request_do_not_grow_with_rows(client: TestClient, session: Session) -> None:
    world = World(session)
    world.grow(3)
    small = {path: statements_for(client, session, path, world.ids) for path in PATHS}
    world.grow(27)
    large = {path: statements_for(client, session, path, world.ids) for path in PATHS}
    for path in PATHS:
        assert len(large[path]) == len(small[path]), (path, len(small[path]), len(large[path]), large[path])
        assert len(large[path]) <= BOUND, (path, len(large[path]), large[path])


@pytest.mark.parametrize("path", ["/engagements/{engagement}", "/participants/{person}", "/documents/{document}"])
def test_a_detail_reads_its_links_in_a_few_statements(client: TestClient, session: Session, path: str) -> None:
    world = World(session)
    world.grow(12)
    statements = statements_for(client, session, path, world.ids)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 8, selects
