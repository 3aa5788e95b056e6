"""OpenAPI links: how the answer to one write leads to the next request on the same record.

A created or changed record's answer carries its id and its ETag; the links say where each
goes (the path parameter, and `If-Match` for the conditional writes), so a client generator,
Swagger UI and Schemathesis' stateful tests can follow create -> read -> change -> delete ->
restore without being told the ids.
"""

from typing import Any

ETAG = "$response.header.ETag"


def _ref(path: str, method: str) -> str:
    # JSON Pointer into `paths`: "~" and "/" in the path are escaped (RFC 6901).
    return "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method


def record_links(item_path: str, id_name: str, id_from: str) -> dict[str, Any]:
    """For an answer carrying one record (its id at `id_from`, its version in the ETag header)."""
    conditional = {id_name: id_from, "header.If-Match": ETAG}
    links = {
        "GetRecord": {"operationRef": _ref(item_path, "get"), "parameters": {id_name: id_from}, "description": "Read the record."},
        "UpdateRecord": {"operationRef": _ref(item_path, "patch"), "parameters": conditional, "description": "Change it, at this version."},
        "DeleteRecord": {"operationRef": _ref(item_path, "delete"), "parameters": conditional, "description": "Delete it, at this version."},
    }
    return {"links": links}


def deleted_links(item_path: str, id_name: str) -> dict[str, Any]:
    """For the answer to a DELETE: the record can be restored."""
    restore = {"operationRef": _ref(item_path + "/restore", "post"), "parameters": {id_name: f"$request.path.{id_name}"}, "description": "Bring it back."}
    return {"links": {"RestoreRecord": restore}}
