"""Settings, read once from the environment (and an optional `.env` file)."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

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

    @field_validator("log_level", mode="before")
    @classmethod
    def lower_log_level(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value


@lru_cache
def get_settings() -> Settings:
    return Settings()
