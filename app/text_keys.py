"""Folding names into comparison keys: case-, accent- and punctuation-insensitive.

Both databases compare these keys with plain LIKE, so "Vizcarra Alvarez" finds
"José Vizcarra Álvarez" on SQLite (which has no unaccent) exactly as on PostgreSQL.
"""

import re

from anyascii import anyascii

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold_key(text: str) -> str:
    """'José  Vizcarra-Álvarez' -> 'jose vizcarra alvarez'."""
    return _NOT_WORD.sub(" ", anyascii(text).lower()).strip()
