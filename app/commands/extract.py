"""`engagements extract --json FILE...`: run the extractor on files, print one JSON object.

Follows the extraction contract (`docs/extract-json.md`): every unreadable file (missing, a
directory, empty, not UTF-8) gets a one-line message on stderr and an entry with an
"error" key; the others are still processed; exit code 1 if any file could not be read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from app.extraction.contract import to_contract_document
from app.extraction.pipeline import extract


def _read(path: Path) -> tuple[str | None, str | None]:
    """(text, error): exactly one is None."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, "file not found"
    except IsADirectoryError:
        return None, "is a directory"
    except PermissionError:
        return None, "permission denied"
    except OSError as exc:
        return None, f"cannot read file: {exc.strerror or exc.__class__.__name__}"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not valid UTF-8 (byte {exc.start})"
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        return None, "empty file"
    return text, None


def extract_command(
    files: list[Path] = typer.Argument(..., help="Article text files (UTF-8)."),
    json_output: bool = typer.Option(False, "--json", help="Print the contract's JSON object on stdout."),
) -> None:
    """Extract engagements from article files."""
    documents: list[dict[str, Any]] = []
    failed = False
    for path in files:
        text, error = _read(path)
        if error is not None or text is None:
            failed = True
            print(f"{path}: {error}", file=sys.stderr)
            documents.append({"file": path.name, "error": error, "published": None, "engagements": []})
            continue
        try:
            result = extract(text)
        except Exception as exc:  # noqa: BLE001 - one bad article must not sink the batch
            failed = True
            print(f"{path}: extraction failed: {exc.__class__.__name__}: {exc}", file=sys.stderr)
            documents.append({"file": path.name, "error": f"extraction failed: {exc.__class__.__name__}",
                              "published": None, "engagements": []})
            continue
        documents.append(to_contract_document(path.name, text, result))
    payload = {"documents": documents}
    if json_output:
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    else:
        for document in documents:
            if "error" in document:
                sys.stdout.write(f"{document['file']}: error: {document['error']}\n")
                continue
            sys.stdout.write(f"{document['file']}: {len(document['engagements'])} engagement(s)\n")
            for engagement in document["engagements"]:
                sys.stdout.write(f"  - {engagement['type']} {engagement['title']} "
                                 f"{engagement['start_date'] or '?'} {engagement['countries']}\n")
    raise typer.Exit(code=1 if failed else 0)
