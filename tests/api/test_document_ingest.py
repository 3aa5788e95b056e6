"""POST /documents: an article is extracted and loaded like a seed file, its facts pending review."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import get_settings
from app.documents.schemas import TEXT_LENGTH, DocumentIngest
from app.ingest.load import sha256_of
from app.models import AuditEntry, Engagement, Person
from tests.problem_assertions import assert_problem

# Written for these tests: a pair (PH-JP) no seed document covers.
ARTICLE = """Philippines, Japan Defense Chiefs Agree to Expand Maritime Cooperation

MANILA, Philippines – Philippine Secretary of National Defense Gilberto Teodoro Jr. met Japanese Minister of Defense Gen Nakatani in Manila on Feb. 24, 2025, for the annual Philippines-Japan Defense Ministers' Meeting.

The two ministers discussed the security situation in the South China Sea and reaffirmed their commitment to a free and open Indo-Pacific. Gen. Romeo Brawner Jr., chief of staff of the Armed Forces of the Philippines, also attended the meeting.

During the meeting, the ministers agreed to expand joint maritime patrols and to strengthen cooperation on humanitarian assistance and disaster relief.
"""


def _ingest_entries(session: Session) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "ingest")))


def test_an_editor_posts_an_article_and_gets_its_pending_facts(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    body = {"text": ARTICLE, "title": "Teodoro meets Nakatani", "publisher": "Philippine News Agency", "published_date": "2025-02-25"}
    response = client.post("/documents", json=body, headers=auth["editor"])
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["outcome"] == "loaded"
    assert result["source_ref"] == f"api:{sha256_of(ARTICLE)[:16]}"
    assert response.headers["Location"] == f"/documents/{result['document_id']}"
    created = result["created"]
    assert set(created) == {"engagements", "participations", "people", "organizations", "locations", "agreed_actions", "warnings"}
    [engagement] = created["engagements"]
    assert {p["label"] for p in created["people"]} >= {"Gilberto Teodoro Jr.", "Romeo Brawner Jr."}
    assert len(created["participations"]) == len(created["people"]) == 3
    assert [loc["label"] for loc in created["locations"]] == ["Manila"]
    for kind in ("engagements", "participations", "people", "locations"):
        assert all((r["origin"], r["review_state"]) == ("extracted", "pending") for r in created[kind]), kind
    # The posted values win over what the extractor read from the text.
    document = client.get(response.headers["Location"]).json()
    assert (document["title"], document["publisher"], document["published_date"]) == (
        "Teodoro meets Nakatani", "Philippine News Agency", "2025-02-25",
    )
    assert {f["fact_type"] for f in document["facts"]} >= {"engagement", "participation", "location"}
    detail = client.get(f"/engagements/{engagement['id']}").json()
    assert (detail["country_a"], detail["country_b"], detail["review_state"]) == ("JP", "PH", "pending")
    [entry] = _ingest_entries(session)
    assert (entry.record_type, entry.record_id, entry.actor) == ("document", result["document_id"], "test-editor")
    assert entry.after is not None and entry.after["created"]["engagements"] == [engagement["id"]]


def test_posting_the_same_text_again_changes_nothing(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    first = client.post("/documents", json={"text": ARTICLE}, headers=auth["editor"])
    assert first.status_code == 201, first.text
    people = session.scalars(select(Person.id).order_by(Person.id)).all()
    again = client.post("/documents", json={"text": ARTICLE}, headers=auth["editor"])
    assert again.status_code == 200, again.text
    assert (again.json()["outcome"], again.json()["document_id"]) == ("skipped", first.json()["document_id"])
    assert all(rows == [] for rows in again.json()["created"].values())
    assert session.scalars(select(Person.id).order_by(Person.id)).all() == people
    assert len(_ingest_entries(session)) == 1


def test_a_new_text_under_the_same_source_ref_replaces_the_document(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    ref = {"source_ref": "https://example.org/ph-jp"}
    first = client.post("/documents", json={"text": ARTICLE, **ref}, headers=auth["editor"]).json()
    second = client.post("/documents", json={"text": ARTICLE + "\nUpdated Feb. 26.", **ref}, headers=auth["editor"])
    assert second.status_code == 201, second.text
    assert (second.json()["outcome"], second.json()["document_id"]) == ("replaced", first["document_id"])
    # Unchanged facts keep their rows: nothing new to review.
    assert second.json()["created"]["engagements"] == [] and second.json()["created"]["people"] == []
    assert session.scalars(select(Engagement.id)).all() == [first["created"]["engagements"][0]["id"]]


def test_posting_needs_an_editor_key(client: TestClient, auth: dict[str, Any]) -> None:
    assert_problem(client.post("/documents", json={"text": ARTICLE}), 401, "unauthorized")
    assert_problem(client.post("/documents", json={"text": ARTICLE}, headers=auth["reader"]), 403, "forbidden")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": "   \n"}, "text"),
        ({"text": "Lima\x00Peru"}, "text"),
        ({"text": ARTICLE, "url": "x"}, "url"),
        ({"text": ARTICLE, "published_date": "2025-02-30"}, "published_date"),
        ({"text": ARTICLE, "published_date": "24/02/2025"}, "published_date"),
        ({"text": ARTICLE, "published_date": 1740355200}, "published_date"),
        ({"text": ARTICLE, "title": "x" * 501}, "title"),
        ({"text": ARTICLE, "source_ref": ""}, "source_ref"),
        ({"text": "Lima\x1bPeru"}, "text"),
        ({"text": ARTICLE, "publisher": "DVIDS\x00"}, "publisher"),
    ],
)
def test_bad_bodies_are_422_naming_the_field(client: TestClient, auth: dict[str, Any], body: dict[str, Any], field: str) -> None:
    problem = assert_problem(client.post("/documents", json=body, headers=auth["editor"]), 422, "validation_failed")
    assert field in {error["field"] for error in problem["errors"]}


def _too_big() -> dict[str, str]:
    return {"text": "A" * (get_settings().max_body_bytes + 1)}


def test_a_body_over_the_limit_is_413_by_its_content_length(client: TestClient, session: Session, auth: dict[str, Any]) -> None:
    problem = assert_problem(client.post("/documents", json=_too_big(), headers=auth["editor"]), 413, "payload_too_large")
    assert str(get_settings().max_body_bytes) in problem["detail"]
    assert _ingest_entries(session) == []


def test_a_chunked_body_over_the_limit_is_413_as_it_streams(client: TestClient, auth: dict[str, Any]) -> None:
    payload = json.dumps(_too_big()).encode()

    def chunks() -> Iterator[bytes]:
        yield from (payload[i : i + 65536] for i in range(0, len(payload), 65536))

    headers = {**auth["editor"], "Content-Type": "application/json"}
    response = client.post("/documents", content=chunks(), headers=headers)
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert_problem(response, 413, "payload_too_large")


async def _echo_length(scope: Any, receive: Any, send: Any) -> None:
    """A bare ASGI app that reads the whole body and answers with its length."""
    size, more = 0, True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise OSError("client went away")  # what a real app does: it cannot answer
        size, more = size + len(message.get("body", b"")), message.get("more_body", False)
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": str(size).encode()})


@pytest.mark.anyio
@pytest.mark.parametrize(("chunks", "status"), [([b"x" * 600, b"x" * 400], 200), ([b"x" * 600, b"x" * 401, b"x" * 600], 413)])
async def test_streamed_bytes_are_counted_across_chunks(chunks: list[bytes], status: int) -> None:
    from app.body_limit import BodySizeLimit

    pending = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return pending.pop(0)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/x", "headers": [], "query_string": b"", "root_path": ""}
    await BodySizeLimit(_echo_length, max_bytes=1000)(scope, receive, send)
    assert [m["status"] for m in sent if m["type"] == "http.response.start"] == [status]
    assert len(pending) == (1 if status == 413 else 0)  # refused before the last chunk was read


def test_a_publication_date_outside_the_accepted_years_is_refused(client: TestClient, auth: dict[str, Any]) -> None:
    body = assert_problem(client.post("/documents", json={"text": ARTICLE, "published_date": "1500-01-01"}, headers=auth["editor"]), 422, "invalid_parameter")
    assert body["errors"][0]["field"] == "published_date"


def test_page_breaks_and_tabs_in_an_article_are_kept(client: TestClient, auth: dict[str, Any]) -> None:
    response = client.post("/documents", json={"text": ARTICLE + "\f\tEnd."}, headers=auth["editor"])
    assert response.status_code == 201, response.text
    assert client.get(f"/documents/{response.json()['document_id']}").json()["text"].endswith("\f\tEnd.")


def test_the_text_has_a_length_limit_of_its_own() -> None:
    # Published as maxLength; the body limit (413) usually refuses such a text first.
    with pytest.raises(ValidationError, match="at most 1000000 characters"):
        DocumentIngest(text="x" * (TEXT_LENGTH + 1))
