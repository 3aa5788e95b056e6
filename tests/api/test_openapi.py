"""The published API description: every operation tagged, summarised, its parameters explained."""

from fastapi.testclient import TestClient

from app.main import create_app

EXPECTED_PATHS = {
    "/engagements", "/engagements/{engagement_id}",
    "/participants", "/participants/{person_id}", "/participants/{person_id}/engagements",
    "/locations", "/locations/{location_id}", "/locations/{location_id}/engagements",
    "/agreed-actions", "/documents", "/documents/{document_id}", "/health",
    "/participants/{person_id}/merge", "/participants/{person_id}/restore", "/participants/{person_id}/review",
    "/participations", "/participations/{participation_id}", "/participations/{participation_id}/restore",
    "/organizations", "/organizations/{organization_id}", "/organizations/{organization_id}/merge",
}


def openapi() -> dict:
    with TestClient(create_app()) as client:
        response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(schema: dict) -> list[tuple[str, dict]]:
    return [(f"{method.upper()} {path}", op) for path, item in schema["paths"].items() for method, op in item.items()]


def test_every_resource_is_published() -> None:
    assert EXPECTED_PATHS <= set(openapi()["paths"])


def test_every_operation_is_tagged_and_summarised_from_its_docstring() -> None:
    for name, operation in operations(openapi()):
        assert operation.get("tags"), name
        summary = operation.get("summary", "")
        assert summary and not summary.endswith(".") and " " in summary, name
        assert summary == operation["description"].strip().splitlines()[0].rstrip("."), name


def test_writes_declare_the_api_key_so_swaggers_authorize_button_sends_it() -> None:
    schema = openapi()
    scheme = schema["components"]["securitySchemes"]["ApiKey"]
    assert (scheme["type"], scheme["scheme"].lower()) == ("http", "bearer")
    writes = [(name, op) for name, op in operations(schema) if name.split()[0] in {"POST", "PATCH", "DELETE"}]
    assert len(writes) > 30
    for name, operation in writes:
        assert {"ApiKey": []} in operation.get("security", []), name
        assert "401" in operation["responses"] and "403" in operation["responses"], name


def test_every_parameter_is_described() -> None:
    for name, operation in operations(openapi()):
        for parameter in operation.get("parameters", []):
            assert parameter.get("description"), f"{name}: {parameter['name']}"


def test_errors_are_documented_as_problem_json() -> None:
    schema = openapi()
    detail = schema["paths"]["/engagements/{engagement_id}"]["get"]["responses"]
    assert "application/problem+json" in detail["404"]["content"]
    assert "application/problem+json" in detail["422"]["content"]
    problem = schema["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "code"} <= set(problem["properties"])


def test_docs_pages_are_served() -> None:
    with TestClient(create_app()) as client:
        assert client.get("/docs").status_code == 200
        assert client.get("/redoc").status_code == 200
