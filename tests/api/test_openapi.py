"""The published API description: every operation tagged, summarised, its parameters explained."""

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from tests.databases import reset_cached_settings

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


# What Schemathesis found the document got wrong, each pinned here.


def test_reads_take_a_key_but_do_not_need_one() -> None:
    schema = openapi()
    security = {name: operation.get("security") for name, operation in operations(schema)}
    assert security["GET /engagements"] == security["GET /stats/engagements/by-year"] == [{"ApiKey": []}, {}]
    assert security["POST /engagements"] == security["GET /audit"] == security["GET /api-keys"] == [{"ApiKey": []}]
    assert security["GET /health"] is None


def test_reads_need_a_key_where_the_server_closes_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENGAGEMENTS_READ_REQUIRES_KEY", "true")
    reset_cached_settings()
    try:
        assert openapi()["paths"]["/engagements"]["get"]["security"] == [{"ApiKey": []}]
    finally:
        monkeypatch.undo()
        reset_cached_settings()


def test_if_match_is_required_where_its_absence_is_a_428() -> None:
    conditional = 0
    for name, operation in operations(openapi()):
        [if_match] = [p for p in operation.get("parameters", []) if p["name"] == "If-Match"] or [None]
        if "428" in operation["responses"]:
            conditional += 1
            assert if_match is not None and if_match["required"] and if_match["schema"]["type"] == "string", name
        elif if_match is not None:  # restore: checked when sent
            assert not if_match["required"] and name.endswith("/restore"), name
    assert conditional == 6 * 3 + 3  # PATCH, DELETE and review of six resources, and three merges


def test_patch_bodies_offer_no_null_for_fields_that_cannot_be_empty() -> None:
    schemas = openapi()["components"]["schemas"]
    for model, fields in {
        "EngagementChanges": ["title", "type", "status", "mode", "countries"],
        "ParticipantChanges": ["name"],
        "OrganizationChanges": ["name"],
        "LocationChanges": ["name", "kind"],
        "AgreedActionChanges": ["description", "status"],
        "ParticipationChanges": ["role"],
    }.items():
        for field in fields:
            published = schemas[model]["properties"][field]
            assert "anyOf" not in published and published.get("type") != "null", f"{model}.{field}"
    assert {"type": "null"} in schemas["EngagementChanges"]["properties"]["summary"]["anyOf"]  # may be cleared


def test_a_review_body_has_one_shape_per_decision() -> None:
    schema = openapi()
    body = schema["paths"]["/engagements/{engagement_id}/review"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["discriminator"]["propertyName"] == "decision"
    assert set(body["discriminator"]["mapping"]) == {"accept", "reject", "correct"}
    correction = schema["components"]["schemas"]["ReviewCorrection_EngagementChanges_"]
    assert correction["required"] == ["decision", "changes"] and correction["properties"]["changes"]["minProperties"] == 1
    assert "changes" not in schema["components"]["schemas"]["ReviewAcceptance"]["properties"]


def test_sort_lists_its_values() -> None:
    [sort] = [p for p in openapi()["paths"]["/engagements"]["get"]["parameters"] if p["name"] == "sort"]
    values = openapi()["components"]["schemas"][sort["schema"]["$ref"].rsplit("/", 1)[-1]]["enum"]
    assert {"start_date", "-start_date", "title", "-agreed_actions_reported"} <= set(values) and len(values) == 12


def test_a_created_record_links_to_what_may_follow() -> None:
    paths = openapi()["paths"]
    links = paths["/participants"]["post"]["responses"]["201"]["links"]
    assert links["UpdateRecord"] == {
        "operationRef": "#/paths/~1participants~1{person_id}/patch",
        "parameters": {"person_id": "$response.body#/id", "header.If-Match": "$response.header.ETag"},
        "description": "Change it, at this version.",
    }
    restore = paths["/locations/{location_id}"]["delete"]["responses"]["204"]["links"]["RestoreRecord"]
    assert restore["parameters"] == {"location_id": "$request.path.location_id"}
    for name, operation in operations(openapi()):
        for response in operation["responses"].values():
            for link in response.get("links", {}).values():
                path, method = link["operationRef"].removeprefix("#/paths/").rsplit("/", 1)
                assert method in paths[path.replace("~1", "/")], f"{name}: {link['operationRef']}"
