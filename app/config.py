"""Settings, read once from the environment (and an optional `.env` file)."""

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

import limits
from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_SQLITE_PATH = Path("data") / "engagements.db"


class Settings(BaseSettings):
    """Everything the service can be told; nothing needs setting to run."""

    model_config = SettingsConfigDict(env_prefix="ENGAGEMENTS_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///./{DEFAULT_SQLITE_PATH.as_posix()}",
        validation_alias=AliasChoices("DATABASE_URL", "ENGAGEMENTS_DATABASE_URL"),
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    log_level: Literal["critical", "error", "warning", "info", "debug"] = "info"
    seeds_path: Path = Path("seeds") / "documents"
    # Closed networks may want reading behind a key, too; writing always needs one.
    read_requires_key: bool = False
    # Largest request body accepted (an article posted to /documents is the biggest).
    max_body_bytes: int = Field(default=1_000_000, ge=1_000, le=100_000_000)
    # Browser origins allowed to call the API (a dashboard on another host): "*" or a
    # comma-separated list; empty sends no CORS headers at all.
    cors_origins: Annotated[list[str], NoDecode] = []
    # Requests per client, as "<count>/<period>" ("300/minute", "20/second"); "0" or empty
    # turns a limit off. A client is its API key when it sends a valid one, else its address.
    # Why these numbers: docs/SECURITY.md (API4).
    rate_limit_anonymous: str = "300/minute"
    rate_limit_keyed: str = "1200/minute"
    # Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed: addresses or
    # networks, comma-separated, or "*"; empty ignores the headers (anyone could forge them).
    trusted_proxies: Annotated[list[str], NoDecode] = []
    # Longest any one SQL statement may run, for requests and commands alike; 0: no limit.
    # A request cut short answers 503 `query_timeout` instead of holding a connection and a
    # core until its query ends (an abandoned PostgreSQL query runs on after the client left).
    query_timeout_seconds: float = Field(default=30, ge=0, le=86_400)

    @field_validator("database_url")
    @classmethod
    def use_psycopg_driver(cls, url: str) -> str:
        """Accept the URLs users paste (`postgres://`, `postgresql://`) and pin psycopg 3."""
        for prefix in ("postgres://", "postgresql://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url.removeprefix(prefix)
        if not url.startswith(("sqlite", "postgresql+")):
            raise ValueError("DATABASE_URL must be a sqlite:/// or postgresql:// URL")
        return url

    @field_validator("database_url")
    @classmethod
    def readable_database_url(cls, url: str) -> str:
        """An unencoded '@' in the password shifts the host (or breaks the port): say so now, not at connect."""
        try:
            host = make_url(url).host or ""
        except (ValueError, ArgumentError):
            host = "@"
        if "@" in host:  # never echo the URL: it holds the password
            raise ValueError("DATABASE_URL cannot be read: percent-encode @ : / # % in the user name and password (p@ss is written p%40ss)")
        return url

    @field_validator("cors_origins", mode="before")
    @classmethod
    def split_origins(cls, value: object) -> object:
        """`https://a.example, https://b.example` -> a list; an origin has no path, so no trailing '/'."""
        if isinstance(value, str):
            return [origin.strip().rstrip("/") for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("rate_limit_anonymous", "rate_limit_keyed")
    @classmethod
    def check_rate_limit(cls, value: str) -> str:
        """One limit in `limits`' notation, or "" when off; refused at startup if it cannot be read."""
        value = value.strip()
        if value in ("", "0"):
            return ""
        try:
            [item] = limits.parse_many(value)
        except ValueError:
            raise ValueError(
                f"{value!r} is not a rate limit: write one '<count>/<period>' such as '300/minute' or '20/second', or 0 for none"
            ) from None
        if item.amount < 1:
            raise ValueError(f"{value!r} allows no request at all: use 0 to turn the limit off")
        return value

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def split_proxies(cls, value: object) -> object:
        """`10.0.0.1, 172.16.0.0/12` -> a list; each must be an address or a network (or "*")."""
        if not isinstance(value, str):
            return value
        proxies = [proxy.strip() for proxy in value.split(",") if proxy.strip()]
        for proxy in proxies:
            if proxy != "*":
                try:
                    ipaddress.ip_network(proxy, strict=False)
                except ValueError:
                    raise ValueError(f"{proxy!r} is neither an IP address nor a network such as 10.0.0.0/8") from None
        return proxies

    @field_validator("log_level", mode="before")
    @classmethod
    def lower_log_level(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value


@lru_cache
def get_settings() -> Settings:
    return Settings()
