"""The server never reaches out (OWASP API7, server-side request forgery): a URL in a body is text, never fetched.

Two checks: no module of the app imports a network client, and an article naming a URL
on a port this test listens on is loaded without anything connecting to that port.
"""

import ast
import socket
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

APP = Path(__file__).resolve().parents[2] / "app"
NETWORK_CLIENTS = ("httpx", "requests", "urllib", "urllib3", "http.client", "aiohttp", "socket", "smtplib", "ftplib", "websockets")


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def test_no_module_of_the_app_imports_a_network_client() -> None:
    found = {
        (path.relative_to(APP).as_posix(), module)
        for path in APP.rglob("*.py")
        for module in imported_modules(path)
        if any(module == name or module.startswith(name + ".") for name in NETWORK_CLIENTS)
    }
    assert found == set()


def test_a_url_in_a_posted_article_is_stored_not_fetched(client: TestClient, auth: dict[str, Any]) -> None:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.setblocking(False)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/internal/secret"
        article = (
            f"LIMA, Peru - Peruvian and U.S. army leaders met in Lima for staff talks on May 5, 2025 ({url}).\n\n"
            "Maj. Gen. Phil Ryan led the U.S. delegation.\n"
        )
        posted = client.post("/documents", headers=auth["editor"], json={"text": article, "source_ref": url, "title": url})
        assert posted.status_code == 201, posted.text
        document = client.get(posted.headers["Location"]).json()
        assert (document["source_ref"], document["title"]) == (url, url)
        try:
            connection, peer = listener.accept()
        except BlockingIOError:
            return  # nobody connected: the URL was only ever text
        connection.close()
        raise AssertionError(f"the server connected to {url} from {peer}")
