"""The shortcuts lists take at scale give the same answers as the plain definitions.

- A date filter bounds `earliest_date` from below by the widest span in the table
  (app/engagements/repository.py): a long engagement that began years before the asked
  range still overlaps it, and one that ended before it does not.
- Filters that look their matches up elsewhere (a name, a word) count them in the page's
  own statement (count(*) OVER ()): the total is the number of matches, on any page, and
  still right past the last page.
"""

from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.extraction.records import PartialDate
from app.models.enums import EngagementType
from tests.factories import make_action, make_engagement, make_participation, make_person


def _titles(response: dict) -> list[str]:
    return [item["title"] for item in response["items"]]


@pytest.fixture
def spans(session: Session) -> None:
    make_engagement(session, title="Decade-long training mission", countries=("US", "PE"),
                    start=PartialDate(date(2010, 3, 1), "day"), end=PartialDate(date(2021, 6, 30), "day"),
                    type=EngagementType.training)
    make_engagement(session, title="Exercise of 2014", countries=("US", "PE"),
                    start=PartialDate(date(2014, 1, 1), "year"), type=EngagementType.exercise)
    make_engagement(session, title="Talks of May 2018", countries=("US", "CO"),
                    start=PartialDate(date(2018, 5, 1), "month"))
    make_engagement(session, title="Visit on New Year's Eve 2018", countries=("US", "CO"),
                    start=PartialDate(date(2018, 12, 31), "day"), type=EngagementType.visit)
    session.commit()


@pytest.mark.usefixtures("spans")
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2018", {"Decade-long training mission", "Talks of May 2018", "Visit on New Year's Eve 2018"}),
        ("year=2021", {"Decade-long training mission"}),
        ("year=2022", set()),
        ("year=2009", set()),
        ("year=2014", {"Decade-long training mission", "Exercise of 2014"}),
        ("date_from=2018-12-31", {"Decade-long training mission", "Visit on New Year's Eve 2018"}),
        ("date_from=2019&date_to=2020", {"Decade-long training mission"}),
        ("date_to=2010-02", set()),
        ("date_from=2014-12-31&date_to=2014-12-31", {"Decade-long training mission", "Exercise of 2014"}),
    ],
)
def test_a_long_engagement_overlaps_every_year_it_spans(client: TestClient, query: str, expected: set[str]) -> None:
    body = client.get(f"/engagements?{query}").json()
    assert set(_titles(body)) == expected
    assert body["total"] == len(expected)


@pytest.mark.usefixtures("spans")
def test_actions_by_year_follow_the_same_overlap(client: TestClient, session: Session) -> None:
    from app.models import Engagement

    mission = session.query(Engagement).filter_by(title="Decade-long training mission").one()
    make_action(session, mission, "Train instructors")
    session.commit()
    assert [a["description"] for a in client.get("/agreed-actions?year=2020").json()["items"]] == ["Train instructors"]
    assert client.get("/agreed-actions?year=2022").json()["total"] == 0


@pytest.fixture
def officials(session: Session) -> None:
    garcia = make_person(session, "Luis García Pérez", "PE")
    other = make_person(session, "Ana Torres", "PE")
    for year in range(2001, 2013):  # 12 engagements with García, 3 without
        talks = make_engagement(session, title=f"Interoperability talks {year}", countries=("US", "PE"),
                                start=PartialDate(date(year, 6, 1), "day"))
        make_participation(session, talks, garcia)
    for year in (2013, 2014, 2015):
        talks = make_engagement(session, title=f"Logistics talks {year}", countries=("US", "PE"),
                                start=PartialDate(date(year, 6, 1), "day"))
        make_participation(session, talks, other)
    session.commit()


@pytest.mark.usefixtures("officials")
@pytest.mark.parametrize("query", ["official=garcia", "q=interoperability", "official=garcia&q=talks"])
def test_looked_up_matches_are_counted_on_every_page(client: TestClient, query: str) -> None:
    first = client.get(f"/engagements?{query}&limit=5").json()
    assert first["total"] == 12 and len(first["items"]) == 5
    assert _titles(first)[0] == "Interoperability talks 2012"  # newest first, as without the filter
    last = client.get(f"/engagements?{query}&limit=5&offset=10").json()
    assert last["total"] == 12 and len(last["items"]) == 2 and last["next"] is None
    beyond = client.get(f"/engagements?{query}&limit=5&offset=50").json()
    assert beyond["total"] == 12 and beyond["items"] == []
    none = client.get(f"/engagements?{query}&official=nobody").json()
    assert none["total"] == 0 and none["items"] == []
