"""Names containing a term (`official`, participants `name`), through a trigram index on both databases.

SQLite answers terms of three characters or more from the FTS5 trigram table of migration
0005, kept current by triggers; PostgreSQL from its pg_trgm index. The answers must be those
of a plain substring match of the folded name, whatever the term holds, on every write path.
"""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from app.full_text import name_containing
from app.models import Person
from tests.dumps import KINDS, restored_copy
from tests.factories import make_engagement, make_participation, make_person

NAMES = {
    "tanaka": "Hiroshi Tanaka",
    "tanabe": "Yui Tanabe",
    "percent": "Agent 50% Off_Road",
    "quote": 'Rick "Iceman" O\'Neil',
    "garcia": "Luis García Pérez",
    "ito": "Jun Ito",
}


@pytest.fixture
def people(session: Session) -> dict[str, int]:
    made = {key: make_person(session, name, "JP") for key, name in NAMES.items()}
    talks = make_engagement(session, title="Staff talks")
    for person in made.values():
        make_participation(session, talks, person)
    session.commit()
    return {key: person.id for key, person in made.items()}


def named(client: TestClient, term: str) -> set[int]:
    response = client.get("/participants", params={"name": term})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    return {item["id"] for item in body["items"]}


def engagements_with(client: TestClient, official: str) -> int:
    response = client.get("/engagements", params={"official": official})
    assert response.status_code == 200, response.text
    return int(response.json()["total"])


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("tanaka", {"tanaka"}),
        ("TANA", {"tanaka", "tanabe"}),
        ("hiroshi tanaka", {"tanaka"}),  # across the space
        ("shi tan", {"tanaka"}),  # inside words, across the space
        ("tanaka hiroshi", set()),  # a substring, not words in any order
        ("garcia", {"garcia"}),  # accents folded on both sides
        ("GARCÍA PÉ", {"garcia"}),
        ("50% off", {"percent"}),  # punctuation folds to a space, as in the stored keys
        ("0%", {"percent"}),  # shorter than a trigram: the LIKE
        ("f_r", {"percent"}),  # "off road"
        ('"iceman"', {"quote"}),  # never FTS5 syntax
        ("o'neil", {"quote"}),
        ("ito", {"ito"}),  # exactly a trigram
        ("it", {"ito"}),  # shorter: the LIKE finds it too
        ("an", {"tanaka", "tanabe", "quote"}),  # "iceman" too
        ("nobody", set()),
    ],
)
def test_name_semantics(client: TestClient, people: dict[str, int], term: str, expected: set[str]) -> None:
    assert named(client, term) == {people[key] for key in expected}
    assert engagements_with(client, term) == (1 if expected else 0)


def test_the_index_follows_every_write(client: TestClient, session: Session, people: dict[str, int], auth: dict[str, dict[str, str]]) -> None:
    tanaka = people["tanaka"]
    # A rename through the API: found under the new name only.
    etag = client.get(f"/participants/{tanaka}").headers["etag"].split(".")[0] + '"'
    response = client.patch(f"/participants/{tanaka}", json={"name": "Kenji Watanabe"}, headers={**auth["editor"], "If-Match": etag})
    assert response.status_code == 200, response.text
    assert named(client, "watanabe") == {tanaka}
    assert named(client, "hiroshi") == set()
    # An UPDATE that bypasses the ORM is indexed too.
    session.execute(update(Person).where(Person.id == tanaka).values(name="Sato Kenji", name_key="sato kenji"))
    assert named(client, "sato") == {tanaka}
    assert named(client, "watanabe") == set()
    # A hard delete leaves nothing for a later person with the same id to inherit.
    session.execute(delete(Person).where(Person.id == people["ito"]))
    assert named(client, "jun ito") == set()
    # A person added afterwards is found at once.
    added = make_person(session, "Jun Itoh", "JP")
    session.commit()
    assert named(client, "jun ito") == {added.id}


def test_each_database_answers_from_its_trigram_index(session: Session, people: dict[str, int]) -> None:
    condition = name_containing(Person.id, Person.name_key, "tanaka")
    rendered = str(select(Person.id).where(condition).compile(session.get_bind(), compile_kwargs={"literal_binds": True}))
    if session.get_bind().dialect.name == "sqlite":
        assert "person_name_search MATCH" in rendered
        # 'integrity-check' raises when the trigram table and `person` disagree (triggers, 'rebuild').
        session.execute(text("INSERT INTO person_name_search (person_name_search, rank) VALUES ('integrity-check', 1)"))
        rows = session.execute(text("SELECT rowid FROM person_name_search WHERE person_name_search MATCH '\"tanaka\"'")).scalars()
        assert set(rows) == {people["tanaka"]}
    else:
        assert "LIKE" in rendered.upper()
        indexes = session.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_person_name_key_trgm'")).scalars().all()
        assert indexes and "gin_trgm_ops" in indexes[0]
    assert set(session.execute(select(Person.id).where(condition)).scalars()) == {people["tanaka"]}
    # A term shorter than a trigram is a LIKE everywhere.
    assert "person_name_search" not in str(name_containing(Person.id, Person.name_key, "it").compile(session.get_bind()))


@pytest.mark.parametrize("kind", KINDS)
def test_a_restored_dump_is_searchable_by_name(kind: str, tmp_path: Path) -> None:
    with restored_copy(kind, tmp_path, lambda session: make_person(session, "Walter Astudillo Chávez", "PE")) as client:
        assert [item["name"] for item in client.get("/participants", params={"name": "astudillo ch"}).json()["items"]] == [
            "Walter Astudillo Chávez"
        ]
