"""Finding and reading seed files: each bad file becomes one clear message, never a traceback.

Heuristic: a directory means its `*.txt` files, sorted by name; a file is read as bytes and
must be non-empty, free of NUL bytes (binary), and valid UTF-8 (a BOM is dropped).
Known failure: a text file in a legacy single-byte encoding that happens to be valid UTF-8
(pure ASCII plus nothing else) is accepted, and one that is not is rejected, not guessed.
"""

from dataclasses import dataclass
from pathlib import Path


class BadInput(Exception):
    """A path that cannot be loaded; the message is one line, meant for the user."""


@dataclass(frozen=True, slots=True)
class Source:
    path: Path
    source_ref: str  # the file name: what identifies the document across loads
    text: str


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files to load, and (path, message) for every path that names none."""
    files: list[Path] = []
    problems: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.glob("*.txt") if p.is_file())
            if found:
                files.extend(found)
            else:
                problems.append((path, "directory has no .txt files"))
        elif path.is_file():
            files.append(path)
        elif path.exists():
            problems.append((path, "not a regular file"))
        else:
            problems.append((path, "no such file or directory"))
    return files, problems


def read_source(path: Path) -> Source:
    """The file's text, or BadInput saying why it cannot be a document."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(exc.strerror or exc.__class__.__name__) from None
    if not data.strip():
        raise BadInput("empty file")
    if b"\x00" in data:
        raise BadInput("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    return Source(path=path, source_ref=path.name, text=text)
