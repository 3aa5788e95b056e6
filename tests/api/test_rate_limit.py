"""Rate limits: anonymous clients by address, keyed clients by key; 429 problem+json with Retry-After past them.

The suite runs with limits off (tests/conftest.py); each test here turns them on with small
numbers and builds its app afresh, so every test starts with empty counts.
"""

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy.orm import Session

from app.config import Settings, get_settings
from app.main import create_app
from tests.problem_assertions import assert_problem

LIST = "/engagements?limit=1"
RATE_HEADERS = ("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "ratelimit-policy")


@pytest.fixture
def limited(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, session: Session
) -> Iterator[Callable[..., FastAPI]]:
    """Turns limits on (and any other ENGAGEMENTS_ setting) and returns the test's app, built with them.

    `session` is asked for here so each test runs on both databases (the app, built later, uses it).
    """

    def start(anonymous: str = "3/minute", keyed: str = "5/minute", **settings: str) -> FastAPI:
        monkeypatch.setenv("ENGAGEMENTS_RATE_LIMIT_ANONYMOUS", anonymous)
        monkeypatch.setenv("ENGAGEMENTS_RATE_LIMIT_KEYED", keyed)
        for name, value in settings.items():
            monkeypatch.setenv(f"ENGAGEMENTS_{name.upper()}", value)
        get_settings.cache_clear()
        return request.getfixturevalue("app")

    yield start
    monkeypatch.undo()
    get_settings.cache_clear()


def client_at(app: FastAPI, address: str) -> TestClient:
    """A client whose requests come from `address`, as the server sees the peer."""
    return TestClient(app, client=(address, 50000), raise_server_exceptions=False)


def statuses(client: TestClient, times: int, path: str = LIST, **kwargs: object) -> list[int]:
    return [client.get(path, **kwargs).status_code for _ in range(times)]  # type: ignore[arg-type]


def test_an_anonymous_client_past_its_limit_gets_429_problem_json_with_retry_after(limited: Callable[..., FastAPI]) -> None:
    client = client_at(limited(anonymous="3/minute"), "192.0.2.10")
    answers = [client.get(LIST) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert [answer.headers["ratelimit-remaining"] for answer in answers] == ["2", "1", "0"]
    assert {answer.headers["ratelimit-limit"] for answer in answers} == {"3"}
    assert answers[0].headers["ratelimit-policy"] == "3;w=60"

    refused = client.get(LIST)
    body = assert_problem(refused, 429, "rate_limited")
    assert "3 requests in 60 s" in body["detail"]
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.headers["ratelimit-remaining"] == "0"
    assert refused.headers["ratelimit-reset"] == refused.headers["retry-after"]
    # Refused requests are not counted: they do not push the reset further away.
    assert int(client.get(LIST).headers["retry-after"]) <= int(refused.headers["retry-after"])


def test_a_key_has_its_own_higher_limit(limited: Callable[..., FastAPI], auth: dict[str, dict[str, str]]) -> None:
    client = client_at(limited(anonymous="3/minute", keyed="5/minute"), "192.0.2.10")
    assert statuses(client, 4) == [200, 200, 200, 429]

    keyed = [client.get(LIST, headers=auth["reader"]) for _ in range(5)]
    assert [answer.status_code for answer in keyed] == [200] * 5  # the address is spent; the key is not
    assert keyed[-1].headers["ratelimit-limit"] == "5"
    assert_problem(client.get(LIST, headers=auth["reader"]), 429, "rate_limited")


def test_keys_and_addresses_are_counted_apart(limited: Callable[..., FastAPI], auth: dict[str, dict[str, str]]) -> None:
    app = limited(anonymous="2/minute", keyed="3/minute")
    first, second = client_at(app, "192.0.2.10"), client_at(app, "198.51.100.20")
    assert statuses(first, 3) == [200, 200, 429]
    assert statuses(second, 3) == [200, 200, 429]
    assert statuses(first, 4, headers=auth["reader"]) == [200, 200, 200, 429]
    # Another key, even from the same address, and the same key from another address
    # (it is one client wherever it connects from).
    assert statuses(first, 4, headers=auth["editor"]) == [200, 200, 200, 429]
    assert statuses(second, 1, headers=auth["reader"]) == [429]


def test_an_invalid_key_counts_against_the_address(limited: Callable[..., FastAPI]) -> None:
    client = client_at(limited(anonymous="3/minute"), "192.0.2.10")
    made_up = [client.get(LIST, headers={"Authorization": f"Bearer eng_made-up-{n}"}) for n in range(4)]
    assert [answer.status_code for answer in made_up] == [401, 401, 401, 429]


def test_ipv6_clients_are_counted_by_their_64_network(limited: Callable[..., FastAPI]) -> None:
    app = limited(anonymous="2/minute")
    assert [client_at(app, address).get(LIST).status_code for address in ("2001:db8::1", "2001:db8::2", "2001:db8::ffff")] == [
        200, 200, 429
    ]
    assert client_at(app, "2001:db8:0:1::1").get(LIST).status_code == 200


def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(limited: Callable[..., FastAPI]) -> None:
    proxy = client_at(limited(anonymous="2/minute"), "10.0.0.1")
    forged = [proxy.get(LIST, headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code for n in range(3)]
    assert forged == [200, 200, 429]  # every request is the peer's, whatever the header says


def test_a_trusted_proxy_names_the_client(limited: Callable[..., FastAPI]) -> None:
    app = limited(anonymous="2/minute", trusted_proxies="10.0.0.0/24")
    proxy = client_at(app, "10.0.0.1")
    assert statuses(proxy, 3, headers={"X-Forwarded-For": "203.0.113.1"}) == [200, 200, 429]
    assert statuses(proxy, 1, headers={"X-Forwarded-For": "203.0.113.2"}) == [200]
    stranger = client_at(app, "192.0.2.99")  # not a trusted proxy: its header means nothing
    assert statuses(stranger, 3, headers={"X-Forwarded-For": "203.0.113.3"}) == [200, 200, 429]


def test_the_limit_lifts_once_the_window_has_passed(limited: Callable[..., FastAPI]) -> None:
    client = client_at(limited(anonymous="2/second"), "192.0.2.10")
    assert statuses(client, 2) == [200, 200]
    refused = client.get(LIST)
    assert_problem(refused, 429, "rate_limited")
    wait = int(refused.headers["retry-after"])
    assert wait == 1
    time.sleep(wait)  # both counted requests are now more than a second old
    assert statuses(client, 2) == [200, 200]


def test_zero_or_empty_turns_the_limits_off(limited: Callable[..., FastAPI], auth: dict[str, dict[str, str]]) -> None:
    client = client_at(limited(anonymous="0", keyed=""), "192.0.2.10")
    answers = [client.get(LIST) for _ in range(30)] + [client.get(LIST, headers=auth["reader"]) for _ in range(30)]
    assert {answer.status_code for answer in answers} == {200}
    assert not any(name in answer.headers for answer in answers for name in RATE_HEADERS)


def test_static_assets_are_not_counted_and_downloads_are_labelled(limited: Callable[..., FastAPI]) -> None:
    client = client_at(limited(anonymous="2/minute"), "192.0.2.10")
    assets = [client.get("/static/dashboard/dashboard.css") for _ in range(5)]
    assert {asset.status_code for asset in assets} == {200}
    assert not any("ratelimit-limit" in asset.headers for asset in assets)

    download = client.get("/engagements?format=csv")  # a streamed response, made by the handler itself
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    assert (download.headers["ratelimit-limit"], download.headers["ratelimit-remaining"]) == ("2", "1")


def test_the_openapi_document_declares_429() -> None:
    operation = create_app().openapi()["paths"]["/engagements"]["get"]
    assert "application/problem+json" in operation["responses"]["429"]["content"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("rate_limit_anonymous", "lots", "'lots' is not a rate limit: write one '<count>/<period>'"),
        ("rate_limit_anonymous", "300 per fortnight", "is not a rate limit"),
        ("rate_limit_keyed", "10/second;100/minute", "is not a rate limit"),
        ("rate_limit_keyed", "0/minute", "allows no request at all: use 0 to turn the limit off"),
        ("trusted_proxies", "proxy.internal", "'proxy.internal' is neither an IP address nor a network"),
    ],
)
def test_bad_settings_are_refused_with_what_to_write(field: str, value: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(**{field: value})
    assert message in refused.value.errors()[0]["msg"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("ENGAGEMENTS_RATE_LIMIT_ANONYMOUS", "lots", "'lots' is not a rate limit"),
        ("ENGAGEMENTS_TRUSTED_PROXIES", "proxy.internal", "'proxy.internal' is neither an IP address nor a network"),
    ],
)
def test_the_server_refuses_to_start_on_a_bad_setting(field: str, value: str, message: str) -> None:
    env = {**os.environ, field: value}
    completed = subprocess.run(
        [sys.executable, "-m", "app.cli", "serve", "--port", "1"], env=env, capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 2
    [line] = completed.stderr.strip().splitlines()
    assert line.startswith(f"error: invalid setting {field.removeprefix('ENGAGEMENTS_').lower()}: Value error, ")
    assert message in line


def test_the_defaults_are_the_documented_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ENGAGEMENTS_RATE_LIMIT_ANONYMOUS")
    monkeypatch.delenv("ENGAGEMENTS_RATE_LIMIT_KEYED")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert (settings.rate_limit_anonymous, settings.rate_limit_keyed, settings.trusted_proxies) == ("300/minute", "1200/minute", [])
