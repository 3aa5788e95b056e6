"""API key material: random keys with a recognisable prefix, stored only as SHA-256."""

import hashlib
import secrets

PREFIX = "eng_"


def new_key() -> str:
    """A fresh key: 'eng_' and 256 random bits, URL-safe."""
    return PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def display_prefix(key: str) -> str:
    """Enough of the key to tell keys apart in a listing, too little to guess the rest."""
    return key[: len(PREFIX) + 6]
