"""GET /health reports the database it reached; other methods and paths get problem+json."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session


def test_health_names_the_database_dialect(client: TestClient, session: Session) -> None:
    response = client.get("/health")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    expected = session.get_bind().dialect.name
    assert expected in {"sqlite", "postgresql"}
    assert response.json() == {"status": "ok", "database": expected}


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_health_rejects_other_methods_as_a_405_problem(client: TestClient, session: Session, method: str) -> None:
    response = client.request(method, "/health")

    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert "GET" in response.headers["allow"]
    body = response.json()
    assert (body["status"], body["code"], body["instance"]) == (405, "method_not_allowed", "/health")


def test_unknown_path_is_a_404_problem(client: TestClient, session: Session) -> None:
    response = client.get("/healthz")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert (body["status"], body["code"], body["title"], body["instance"]) == (404, "not_found", "Not Found", "/healthz")
