"""Finding and reading seed files: each bad file becomes one clear message, never a traceback.

Heuristic: a directory means its `*.txt` files, sorted by name; a file must be a regular file
no larger than the size limit (the API's body limit, so both doors take the same articles),
free of NUL bytes (binary), valid UTF-8 (a BOM is dropped), and not only whitespace.
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
        try:
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
        except OSError as exc:  # an unreadable directory, a name too long, a loop of links
            problems.append((path, exc.strerror or exc.__class__.__name__))
    return files, problems


def read_source(path: Path, max_bytes: int) -> Source:
    """The file's text, or BadInput saying why it cannot be a document."""
    try:
        path.name.encode("utf-8")  # the name becomes source_ref, stored as text
    except UnicodeEncodeError:
        raise BadInput("file name is not valid UTF-8") from None
    try:
        with path.open("rb") as file:
            # One byte past the limit tells "too large" without reading a huge file whole.
            data = file.read(max_bytes + 1)
    except OSError as exc:
        raise BadInput(exc.strerror or exc.__class__.__name__) from None
    if len(data) > max_bytes:
        raise BadInput(f"file too large: over {max_bytes} bytes (ENGAGEMENTS_MAX_BODY_BYTES)")
    if not data:
        raise BadInput("empty file")
    if b"\x00" in data:
        raise BadInput("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    if not text.strip():
        raise BadInput("only whitespace, no text")
    return Source(path=path, source_ref=path.name, text=text)
