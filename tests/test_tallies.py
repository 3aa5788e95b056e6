"""The trigger-kept tallies (migration 0008) always equal a count from the rows, on both databases.

Every way a count can move is made, in a fixed random order: participations and actions are
added, deleted softly and outright, rejected and accepted again, moved to another person or
engagement, actions change status, engagements are hidden, shown and deleted outright (their
participations and actions go by cascade), and people are deleted outright. After each step
the tallies are compared with what a GROUP BY over the rows says.
"""

import importlib.util
import random
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import count
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from app.curation.service import visible
from app.db import build_engine
from app.engagements.filters import EngagementFilters
from app.models import AgreedAction, Engagement, Participation, Person
from app.models.enums import ActionStatus, ReviewState
from app.stats import repository, tallies
from tests.databases import run_migration, scratch_postgres_database
from tests.factories import make_action, make_engagement, make_participation, make_person

NOW = datetime(2026, 11, 24, tzinfo=UTC)
Tallies = tuple[dict[tuple[int, str], int], dict[int, int]]


def counted_from_rows(session: Session) -> Tallies:
    """What the tallies must say: visible actions per engagement and status, and per person
    their visible participations in visible engagements."""
    actions = session.execute(
        select(AgreedAction.engagement_id, AgreedAction.status).where(visible(AgreedAction))
    ).all()
    participations = session.execute(
        select(Participation.person_id)
        .join(Engagement, Engagement.id == Participation.engagement_id)
        .where(visible(Participation), visible(Engagement))
    ).scalars()
    return dict(Counter((engagement, str(status)) for engagement, status in actions)), dict(Counter(participations))


def tallied(session: Session) -> Tallies:
    """What the tallies say, without the zeros a count leaves behind when it falls back."""
    actions: dict[tuple[int, str], int] = {}
    for row in session.execute(select(tallies.engagement_action_tally)).mappings():
        for status in ActionStatus:
            if row[status.value]:
                actions[(row["engagement_id"], status.value)] = row[status.value]
    people = {person: n for person, n in session.execute(select(tallies.person_engagement_tally)) if n}
    return actions, people


def _world(session: Session, rng: random.Random) -> None:
    people = [make_person(session, f"Official {n}", "PE") for n in range(8)]
    for n in range(6):
        engagement = make_engagement(session, title=f"Talks {n}", countries=("PE", "US"))
        for person in rng.sample(people, 3):
            make_participation(session, engagement, person)
        for m in range(rng.randint(0, 4)):
            make_action(session, engagement, f"Action {n}.{m}", status=rng.choice(list(ActionStatus)))


def _ids(session: Session, model: type[Participation] | type[AgreedAction] | type[Engagement] | type[Person]) -> list[int]:
    return list(session.execute(select(model.id).order_by(model.id)).scalars())


def _steps(session: Session, rng: random.Random) -> list[tuple[str, Callable[[], object]]]:
    def pick(model: type[Participation] | type[AgreedAction] | type[Engagement] | type[Person]) -> int | None:
        ids = _ids(session, model)
        return rng.choice(ids) if ids else None

    def change(model: type[Participation] | type[AgreedAction] | type[Engagement], **values: object) -> Callable[[], object]:
        return lambda: session.execute(update(model).where(model.id == pick(model)).values(**values))

    def remove(model: type[Participation] | type[AgreedAction] | type[Engagement] | type[Person]) -> Callable[[], object]:
        return lambda: session.execute(delete(model).where(model.id == pick(model)))

    def free_pairs() -> list[tuple[int, int]]:
        # A person takes part in an engagement once (UNIQUE engagement_id, person_id).
        taken = {(e, p) for e, p in session.execute(select(Participation.engagement_id, Participation.person_id))}
        people = _ids(session, Person)
        return [(e, p) for e in _ids(session, Engagement) for p in people if (e, p) not in taken]

    def add_participation() -> None:
        if pairs := free_pairs():
            engagement, person = rng.choice(pairs)
            session.add(Participation(engagement_id=engagement, person_id=person))

    def move_participation(column: str) -> Callable[[], object]:
        def move() -> None:
            participations = session.execute(select(Participation.id, Participation.engagement_id, Participation.person_id)).all()
            free = set(free_pairs())
            targets = _ids(session, Engagement if column == "engagement_id" else Person)
            moves = [
                (row.id, target)
                for row in participations
                for target in targets
                if ((target, row.person_id) if column == "engagement_id" else (row.engagement_id, target)) in free
            ]
            if moves:
                participation, target = rng.choice(moves)
                session.execute(update(Participation).where(Participation.id == participation).values({column: target}))
        return move

    def add_action() -> None:
        engagement = pick(Engagement)
        if engagement is not None:
            session.add(AgreedAction(engagement_id=engagement, description="More exchanges", status=rng.choice(list(ActionStatus))))

    def move_action() -> None:
        action, engagement = pick(AgreedAction), pick(Engagement)
        if action is not None and engagement is not None:
            session.execute(update(AgreedAction).where(AgreedAction.id == action).values(engagement_id=engagement))

    late = count(1)
    return [
        ("add a participation", add_participation),
        ("add an action", add_action),
        ("delete a participation softly", change(Participation, deleted_at=NOW)),
        ("restore a participation", change(Participation, deleted_at=None)),
        ("reject a participation", change(Participation, review_state=ReviewState.rejected)),
        ("accept a participation", change(Participation, review_state=ReviewState.accepted)),
        ("move a participation to another person (a merge)", move_participation("person_id")),
        ("move a participation to another engagement", move_participation("engagement_id")),
        ("delete a participation outright", remove(Participation)),
        ("change an action's status", lambda: change(AgreedAction, status=rng.choice(list(ActionStatus)))()),
        ("delete an action softly", change(AgreedAction, deleted_at=NOW)),
        ("restore an action", change(AgreedAction, deleted_at=None)),
        ("reject an action", change(AgreedAction, review_state=ReviewState.rejected)),
        ("correct an action", change(AgreedAction, review_state=ReviewState.corrected)),
        ("move an action to another engagement", move_action),
        ("delete an action outright", remove(AgreedAction)),
        ("hide an engagement (deleted)", change(Engagement, deleted_at=NOW)),
        ("show an engagement (restored)", change(Engagement, deleted_at=None)),
        ("hide an engagement (rejected)", change(Engagement, review_state=ReviewState.rejected)),
        ("show an engagement (accepted)", change(Engagement, review_state=ReviewState.accepted)),
        ("retitle an engagement", change(Engagement, title="Renamed talks")),
        ("delete an engagement outright", remove(Engagement)),
        ("delete a person outright", remove(Person)),
        ("add an engagement", lambda: make_engagement(session, title="Late talks", countries=("PE", "US"))),
        ("add a person", lambda: make_person(session, f"Late Official {next(late)}", "PE")),
    ]


def test_the_tallies_follow_every_change(session: Session) -> None:
    rng = random.Random(20261124)
    _world(session, rng)
    session.flush()
    assert tallied(session) == counted_from_rows(session)
    assert tallied(session)[1], "the world has participants to count"
    steps = _steps(session, rng)
    done: list[str] = []
    for _ in range(300):
        name, step = rng.choice(steps)
        step()
        session.flush()
        done.append(name)
        assert tallied(session) == counted_from_rows(session), f"after: {done[-5:]}"
    assert {name for name, _ in steps} == set(done), "every kind of change was made at least once"


def test_the_top_officials_of_everything_read_the_tallies_and_rank_as_the_join_does(session: Session) -> None:
    rng = random.Random(7)
    _world(session, rng)
    hidden = make_person(session, "Hidden Official", "PE")
    for engagement_id in _ids(session, Engagement):
        session.add(Participation(engagement_id=engagement_id, person_id=hidden.id))
    session.execute(update(Person).where(Person.id == hidden.id).values(deleted_at=NOW))
    session.flush()
    people = {person.id: person for person in session.execute(select(Person).where(visible(Person))).scalars()}
    counts = counted_from_rows(session)[1]
    expected = sorted(((counts[p], people[p].name_key, p) for p in counts if p in people), key=lambda c: (-c[0], c[1], c[2]))
    for limit in (1, 3, 5, 50):
        rows = repository.participants_by_engagements(session, EngagementFilters(), limit)
        assert [(row.person_id, row.engagement_count) for row in rows] == [(p, n) for n, _, p in expected[:limit]]
        # The join the filtered questions use agrees: `review_state` that lets every visible one through.
        joined = [
            row for state in (ReviewState.pending, ReviewState.accepted, ReviewState.corrected)
            for row in repository.participants_by_engagements(session, EngagementFilters(review_state=state), 1000)
        ]
        assert sum(row.engagement_count for row in joined) == sum(counts[p] for p in counts if p in people)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_the_migration_counts_what_was_there_before_it(kind: str, tmp_path: Path) -> None:
    if kind == "sqlite":
        _migrate_with_rows(build_engine(f"sqlite:///{tmp_path / 'tallies.db'}"))
        return
    with scratch_postgres_database("engagements_tallies") as url:
        _migrate_with_rows(build_engine(url))


def _migrate_with_rows(engine: Engine) -> None:
    try:
        run_migration(engine, "upgrade", "0007")
        with Session(engine) as session:
            _world(session, random.Random(3))
            session.execute(update(Engagement).where(Engagement.id == 2).values(review_state=ReviewState.rejected))
            session.execute(update(AgreedAction).where(AgreedAction.id % 3 == 0).values(deleted_at=NOW))
            session.commit()
        run_migration(engine, "upgrade", "head")
        with Session(engine) as session:
            assert tallied(session) == counted_from_rows(session)
            assert tallied(session)[0] and tallied(session)[1]
    finally:
        engine.dispose()


def test_the_migration_knows_every_action_status() -> None:
    path = Path(__file__).parent.parent / "migrations" / "versions" / "20261124_0008_maintained_tallies.py"
    spec = importlib.util.spec_from_file_location("maintained_tallies", path)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert migration.STATUSES == tuple(status.value for status in ActionStatus)
    assert [column.name for column in tallies.engagement_action_tally.c][1:] == list(migration.STATUSES)


@pytest.mark.parametrize("filtered", [False, True])
def test_actions_by_status_and_year_count_the_tallies_of_the_matching_engagements(session: Session, filtered: bool) -> None:
    lima = make_engagement(session, title="Lima talks", countries=("PE", "US"))
    quito = make_engagement(session, title="Quito talks", countries=("EC", "US"))
    for status in (ActionStatus.agreed, ActionStatus.agreed, ActionStatus.completed):
        make_action(session, lima, status=status)
    make_action(session, quito, status=ActionStatus.cancelled)
    make_action(session, quito, status=ActionStatus.agreed, deleted_at=NOW)
    filters = EngagementFilters(country="PE") if filtered else EngagementFilters()
    by_status = dict(repository.actions_by_status(session, filters))
    expected = {ActionStatus.agreed: 2, ActionStatus.completed: 1}
    if not filtered:
        expected[ActionStatus.cancelled] = 1
    assert by_status == expected
    [year] = repository.actions_by_year(session, filters)
    assert (year.year, year.count) == (2024, 3 if filtered else 4)
