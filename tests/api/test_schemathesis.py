"""Property-based tests of every operation against the API's own OpenAPI description.

Schemathesis reads the app's OpenAPI description in-process and, for each operation, sends its
examples, its boundary cases (coverage phase) and random valid and invalid requests (fuzzing
phase), as an admin, into a database holding the seed articles; every default check runs on
every answer: no 5xx, documented status codes, content types, headers and bodies, invalid
input refused and valid input accepted, Allow on 405, auth enforced. A second test follows the
published links through each resource's life (create, read, change, delete, restore).

Reproducible: Hypothesis is derandomized and keeps no example database, so CI runs the same
requests every time. `-s` prints how many cases each database received.
"""

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis import CheckContext, Response
from schemathesis.config import SchemathesisConfig
from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.orm import Session
from starlette.types import Receive, Scope, Send

from app.auth.keys import display_prefix, hash_key
from app.extraction.pipeline import extract
from app.ingest.consistency import recompute_warnings
from app.ingest.load import load_document
from app.main import create_app
from app.models import ApiKey, Engagement
from app.models.enums import Role

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "documents"
EXAMPLES_PER_OPERATION = 50  # fuzzing phase; the examples and coverage phases add their own
DETERMINISTIC = settings(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))

# An admin key the module stores in each database, so every operation, writes included, runs
# with full rights; Schemathesis sends it (and knows it did, for its own auth checks).
ADMIN_KEY = "eng_schemathesis-admin-key"

CONFIG = {
    "auth": {"openapi": {"ApiKey": {"bearer": ADMIN_KEY}}},
    "generation": {"max-examples": EXAMPLES_PER_OPERATION, "deterministic": True},
    "checks": {
        # Schemathesis' defaults, and 428 Precondition Required: RFC 6585's answer to a missing If-Match.
        "missing_required_header": {"expected-statuses": [400, 401, 403, 406, 415, 422, 428]},
        # A schema-valid request can still name a stale version (412: If-Match is free text to
        # the schema) or break a rule the schema cannot state (422 `invalid_parameter` or
        # `invalid_reference`: an unknown country, a missing record, date_to before date_from).
        # The request layer's own 422 stays a failure: see `schema_valid_requests_pass_validation`.
        "positive_data_acceptance": {"expected-statuses": ["2xx", "3xx", 401, 403, 404, 409, 429, "5xx", 412, 422]},
        # Schemathesis' defaults, and 413: a body over ENGAGEMENTS_MAX_BODY_BYTES (a document's
        # text past its maxLength is one) is refused before it is read.
        "negative_data_rejection": {"expected-statuses": [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428, 429, "5xx"]},
    },
}
requests_sent: Counter[str] = Counter()  # by database: every request, the checks' own included
cases_tried: Counter[str] = Counter()  # by database: the generated requests


@schemathesis.check
def schema_valid_requests_pass_validation(ctx: CheckContext, response: Response, case: schemathesis.Case) -> None:
    """A request the published schema allows passes the request layer's checks of types and bounds.

    Its `validation_failed` 422 may only come from a rule written as a validator
    (`value_error`: no control characters, not blank), which the schema does not state.
    """
    if case.meta is None or not case.meta.generation.mode.is_positive or response.status_code != 422:
        return
    body = response.json()
    stated = [error for error in body.get("errors", []) if error.get("type") != "value_error"]
    if body.get("code") == "validation_failed" and stated:
        raise AssertionError(f"schema-valid request refused: {body['detail']} {stated}")


class CurrentApp:
    """The app Schemathesis calls: it hands every request to the running test's app and database.

    Schemathesis sends requests of its own too (auth probes, the re-sent requests of some
    checks) to the app the schema came with, so that app must follow the test's fixtures.
    """

    def __init__(self) -> None:
        self.app: FastAPI | None = None
        self.database = ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self.app is not None, "no test is running"
        if scope["type"] == "http":
            requests_sent[self.database] += 1
        await self.app(scope, receive, send)


# The schema is loaded at import and parametrized per operation; Schemathesis' fixture-based
# loader (`schemathesis.pytest.from_fixture`) would fit the per-database fixtures better, but
# it fails on pytest 9.2 (it sets `Node._nodeid`, which pytest no longer has).
CURRENT = CurrentApp()
DOCUMENT = create_app().openapi()
schema = schemathesis.openapi.from_dict(DOCUMENT, config=SchemathesisConfig.from_dict(CONFIG))
schema.app = CURRENT


@pytest.fixture(scope="module")
def seeded(db_engine: Engine) -> Iterator[Connection]:
    """One connection per database holding the seed articles, rolled back after the module."""
    with db_engine.connect() as connection:
        transaction = connection.begin()
        with Session(bind=connection, join_transaction_mode="create_savepoint") as db:
            for path in sorted(SEEDS.glob("*.txt")):
                text = path.read_text(encoding="utf-8")
                load_document(db, path.name, text, extract(text))
            recompute_warnings(db)
            db.add(ApiKey(name="schemathesis-admin", role=Role.admin, key_hash=hash_key(ADMIN_KEY), key_prefix=display_prefix(ADMIN_KEY)))
            db.commit()
        yield connection
        transaction.rollback()
    name = db_engine.dialect.name
    print(f"\nschemathesis on {name}: {cases_tried[name]} generated cases, {requests_sent[name]} requests in all")


@pytest.fixture
def session(seeded: Connection) -> Iterator[Session]:
    """The shared `session`, over the seeded data: each operation's writes are undone after it."""
    operation_scope = seeded.begin_nested()
    with Session(bind=seeded, join_transaction_mode="create_savepoint", expire_on_commit=False) as db:
        yield db
    operation_scope.rollback()


@pytest.fixture
def current_app(app: FastAPI, seeded: Connection) -> Iterator[FastAPI]:
    CURRENT.app, CURRENT.database = app, seeded.dialect.name
    yield app
    CURRENT.app = None


@DETERMINISTIC
@schema.parametrize()
def test_every_operation_conforms_to_its_description(case: schemathesis.Case, current_app: FastAPI) -> None:
    cases_tried[CURRENT.database] += 1
    case.call_and_validate()


# Each resource's life along the links its answers publish: create, read, change (If-Match
# from the ETag), delete, restore, read. Schemathesis' state machine would walk these links
# too, but its random bodies almost never create a record (the countries, the references must
# exist), so its walks end at the first step; here the creates and changes are valid and fixed,
# and everything after them comes from the links alone.
LIVES = {
    "/engagements": ({"title": "Ninth Ghana-Germany Navy Staff Talks", "type": "staff_talks", "countries": ["GH", "Germany"]}, {"title": "Tenth Ghana-Germany Navy Staff Talks"}),
    "/participants": ({"name": "Adjoa Mensah", "country_code": "GH"}, {"name": "Adjoa A. Mensah"}),
    "/organizations": ({"name": "Ghana Navy", "country_code": "GH"}, {"acronym": "GN"}),
    "/locations": ({"name": "Sekondi Naval Base", "kind": "installation", "country_code": "GH"}, {"latitude": 4.93, "longitude": -1.71}),
    "/agreed-actions": ({"description": "Exchange hydrographic survey officers"}, {"status": "in_progress"}),
}


def follow(link: dict[str, Any], response: Any, case: schemathesis.Case, body: Any = None) -> schemathesis.Case:
    """The request a published link leads to, its parameters taken from `response` and `case`."""
    pointer = link["operationRef"].removeprefix("#/paths/")
    path, method = pointer.rsplit("/", 1)
    values = {name: _evaluate(expression, response, case) for name, expression in link["parameters"].items()}
    headers = {name.removeprefix("header."): value for name, value in values.items() if name.startswith("header.")}
    path_parameters = {name: value for name, value in values.items() if not name.startswith("header.")}
    operation = schema[path.replace("~1", "/").replace("~0", "~")][method.upper()]
    return operation.Case(path_parameters=path_parameters, headers=headers, body=body) if body is not None else operation.Case(path_parameters=path_parameters, headers=headers)


def _evaluate(expression: str, response: Any, case: schemathesis.Case) -> Any:
    if expression.startswith("$response.body#/"):
        return response.json()[expression.removeprefix("$response.body#/")]
    if expression.startswith("$response.header."):
        [value] = response.headers[expression.removeprefix("$response.header.").lower()]  # Schemathesis: lower-case names, lists
        return value
    if expression.startswith("$request.path."):
        return case.path_parameters[expression.removeprefix("$request.path.")]
    raise AssertionError(f"no test support for the link expression {expression}")


def links_of(case: schemathesis.Case, status: int) -> dict[str, dict[str, Any]]:
    return DOCUMENT["paths"][case.operation.path][case.method.lower()]["responses"][str(status)]["links"]


def send(case: schemathesis.Case) -> Any:
    """A hand-made case, sent as the admin (generated ones get the key from the configuration), and checked."""
    return case.call_and_validate(headers={"Authorization": f"Bearer {ADMIN_KEY}"})


@pytest.mark.parametrize("collection", LIVES)
def test_a_records_life_follows_the_published_links(collection: str, current_app: FastAPI, session: Session) -> None:
    created_body, changes = LIVES[collection]
    if collection == "/agreed-actions":
        created_body = {**created_body, "engagement_id": session.scalar(select(func.min(Engagement.id)))}
    create = schema[collection]["POST"].Case(body=created_body)
    created = send(create)
    assert created.status_code == 201, created.text
    links = links_of(create, 201)
    assert send(follow(links["GetRecord"], created, create)).status_code == 200
    update = follow(links["UpdateRecord"], created, create, body=changes)
    updated = send(update)
    assert updated.status_code == 200, updated.text
    stale = send(follow(links["UpdateRecord"], created, create, body=changes))
    assert stale.status_code == 412, "the creation's ETag is stale once the record changed"
    delete = follow(links_of(update, 200)["DeleteRecord"], updated, update)
    assert send(delete).status_code == 204
    assert send(follow(links["GetRecord"], created, create)).status_code == 404
    restore = follow(links_of(delete, 204)["RestoreRecord"], None, delete)
    restored = send(restore)
    assert restored.status_code == 200, restored.text
    assert send(follow(links_of(restore, 200)["GetRecord"], restored, restore)).status_code == 200
