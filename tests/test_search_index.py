"""The engagement search (`q`): word-prefix matching through the full-text index, kept current on every write path.

The index is filled by the databases themselves (SQLite triggers, PostgreSQL expression
indexes), so inserts, API edits, soft deletes, cascades and a restored dump all show at once.
"""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from app.full_text import fts5_query, search_words, tsquery
from app.models import Document, Engagement, Evidence
from tests.dumps import KINDS, restored_copy
from tests.factories import make_document, make_engagement, make_evidence


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Staff Talks", ["staff", "talks"]),
        ("Vizcarra-Álvarez, Łódź!", ["vizcarra", "alvarez", "lodz"]),
        ("Straße Søren Æsir Œuvre Đặng", ["strasse", "soren", "aesir", "oeuvre", "dang"]),
        ("U.S.-Peru 2025-05-12", ["u", "s", "peru", "2025", "05", "12"]),
        ("%_\\'\"*:()^-", []),
        ("' OR 1=1 --", ["or", "1"]),
        ("NEAR(staff talks) AND title:x", ["near", "staff", "talks", "and", "title", "x"]),
        ("Лима", ["лима"]),  # other scripts: case folded, letters kept
        ("staff staff STAFF", ["staff"]),
    ],
)
def test_search_words(text: str, words: list[str]) -> None:
    assert search_words(text) == words


def test_queries_quote_every_word() -> None:
    assert fts5_query(["staff", "tal"]) == '"staff"* "tal"*'
    assert tsquery(["staff", "tal"]) == "'staff':* & 'tal':*"


@pytest.fixture
def world(session: Session) -> dict[str, int]:
    talks = make_engagement(session, title="Vizcarra-Álvarez Army Staff Talks", summary="Interoperability and cyber defence.")
    visit = make_engagement(session, title="Minister visits Łódź", countries=("PL", "US"), summary="Straße of the Søren garrison.")
    quoted = make_engagement(session, title="Bilateral meeting", countries=("KE", "US"))
    document = make_document(session, text="Officers discussed counternarcotics cooperation in depth.")
    start = document.text.index("counternarcotics")
    make_evidence(session, document, start, start + 16, engagement_id=quoted.id)
    session.commit()
    return {"talks": talks.id, "visit": visit.id, "quoted": quoted.id, "document": document.id}


def found(client: TestClient, q: str) -> set[int]:
    response = client.get("/engagements", params={"q": q})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    return {item["id"] for item in body["items"]}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("staff talks", {"talks"}),
        ("talks staff", {"talks"}),  # any order
        ("STAFF TAL", {"talks"}),  # case, and the last word a prefix
        ("interop", {"talks"}),  # summary, prefix
        ("operability", set()),  # inside a word: no
        ("alvarez", {"talks"}),  # accents
        ("ÁLVAREZ vizcarra", {"talks"}),
        ("lodz", {"visit"}),
        ("strasse soren", {"visit"}),
        ("counternarc", {"quoted"}),  # a supporting quote
        ("counternarcotics staff", set()),  # every word in one place
        ("army' OR 1=1 --", set()),
        ("NEAR(staff talks)", set()),
        ("staff OR nothing", set()),  # "or" is a word to find, not an operator
        ('"staff', {"talks"}),
        ("staff*", {"talks"}),
        ("title:staff", set()),
        ("^staff", {"talks"}),
        ("nothing", set()),
    ],
)
def test_q_semantics(client: TestClient, world: dict[str, int], q: str, expected: set[str]) -> None:
    assert found(client, q) == {world[name] for name in expected}


def test_the_index_follows_every_write(client: TestClient, session: Session, world: dict[str, int], auth: dict[str, dict[str, str]]) -> None:
    talks = world["talks"]
    # An edit through the API: the old words go, the new ones come.
    etag = client.get(f"/engagements/{talks}").headers["etag"].split(".")[0] + '"'
    response = client.patch(f"/engagements/{talks}", json={"title": "Harbour security dialogue"}, headers={**auth["editor"], "If-Match": etag})
    assert response.status_code == 200, response.text
    assert found(client, "harbour") == {talks}
    assert found(client, "vizcarra") == set()
    assert found(client, "interoperability") == {talks}  # the summary stayed
    # An UPDATE that bypasses the ORM is indexed too.
    session.execute(update(Engagement).where(Engagement.id == talks).values(summary="Riverine operations"))
    assert found(client, "riverine") == {talks}
    assert found(client, "interoperability") == set()
    # Soft delete hides it, restore brings it back.
    etag = client.get(f"/engagements/{talks}").headers["etag"].split(".")[0] + '"'
    assert client.delete(f"/engagements/{talks}", headers={**auth["editor"], "If-Match": etag}).status_code in (200, 204)
    assert found(client, "harbour") == set()
    version = session.get(Engagement, talks, populate_existing=True).version  # type: ignore[union-attr]
    restored = client.post(f"/engagements/{talks}/restore", headers={**auth["editor"], "If-Match": f'"{version}"'})
    assert restored.status_code == 200, restored.text
    assert found(client, "harbour") == {talks}
    # Evidence: a quote edited, then its document deleted (the evidence goes by cascade).
    quoted = world["quoted"]
    session.execute(update(Evidence).where(Evidence.engagement_id == quoted).values(quote="marine exchanges"))
    assert found(client, "counternarcotics") == set()
    assert found(client, "marine") == {quoted}
    session.execute(delete(Document).where(Document.id == world["document"]))
    assert found(client, "marine") == set()
    # A hard delete leaves nothing behind for a later engagement to inherit.
    session.execute(delete(Engagement).where(Engagement.id == world["visit"]))
    assert found(client, "lodz") == set()


@pytest.mark.parametrize("kind", KINDS)
def test_a_restored_dump_is_searchable(kind: str, tmp_path: Path) -> None:
    made: list[int] = []

    def fill(session: Session) -> None:
        engagement = make_engagement(session, title="Cormorant staff talks")
        document = make_document(session, text="They agreed on wolverine exercises.")
        make_evidence(session, document, 15, 24, engagement_id=engagement.id)
        made.append(engagement.id)

    with restored_copy(kind, tmp_path, fill) as client:
        [engagement_id] = made
        assert found(client, "cormorant") == {engagement_id}
        assert found(client, "wolverine") == {engagement_id}
