"""An output file that exists only complete: written beside its final name, renamed when done.

A crash, a full disk or an error half-way leaves the previous file (if any) untouched and no
half dump under the final name; the temporary file is removed on any error.
"""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


@contextmanager
def atomic_output(path: Path) -> Iterator[TextIO]:
    if path.is_dir():
        raise IsADirectoryError(21, "is a directory", str(path))
    # Same directory, so the rename is atomic (same file system). Created 0600: a dump holds
    # key hashes and everything else, and stays its owner's to share.
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="\n", dir=path.parent, prefix=f".{path.name}.", suffix=".partial", delete=False
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    _sync_directory(path.parent)


def _sync_directory(directory: Path) -> None:
    # The rename itself is durable only once the directory is on disk.
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # not possible everywhere (Windows); the file's own data is synced already
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
