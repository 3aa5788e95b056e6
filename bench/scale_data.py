"""Generated databases, cached: a SQLite file under bench/.data/, or a PostgreSQL database.

The key is the scale, the seed, the migration head and a hash of bench/synthetic.py, so a
new migration or a changed generator builds afresh and an unchanged one is reused. A SQLite
file is generated under a temporary name and renamed when complete (an interrupted run
leaves no half-made cache); a PostgreSQL database is marked complete with a comment.
"""

import hashlib
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import config, db
from app.commands.database import alembic_config

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".data"
COMPLETE = "engagements bench: complete"


def reset_app_settings(database_url: str) -> None:
    """Point the app's cached settings, engine and sessions at `database_url`."""
    os.environ["DATABASE_URL"] = database_url
    if db.get_engine.cache_info().currsize:
        db.get_engine().dispose()
    config.get_settings.cache_clear()
    db.get_engine.cache_clear()
    db.get_sessionmaker.cache_clear()


def cache_key(engagements: int, seed: int) -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head() or "base"
    generator = hashlib.sha256((ROOT / "bench" / "synthetic.py").read_bytes()).hexdigest()[:8]
    return f"{engagements}_s{seed}_{head[:12]}_{generator}"


def _generate(database_url: str, engagements: int, seed: int, say: Callable[[str], None]) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "bench"))
    import synthetic  # bench/synthetic.py (helper module, not a package)

    reset_app_settings(database_url)
    started = time.perf_counter()
    counts = synthetic.generate(database_url, engagements, seed, progress=say)
    return {"seconds": round(time.perf_counter() - started, 1), "rows": counts, "cached": False}


def sqlite_database(engagements: int, seed: int, say: Callable[[str], None]) -> tuple[str, Path, dict[str, Any]]:
    """The cached SQLite file at this scale (generated when missing): its URL, path and how it was made."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"engagements_{cache_key(engagements, seed)}.db"
    if path.exists():
        return f"sqlite:///{path}", path, {"cached": True, "seconds": 0.0}
    for stale in CACHE.glob(f"engagements_{engagements}_s{seed}_*"):  # an older head or generator: not needed again
        stale.unlink()
    partial = path.with_suffix(".partial.db")
    made = _generate(f"sqlite:///{partial}", engagements, seed, say)
    db.get_engine().dispose()
    with sqlite3.connect(partial) as connection:  # fold the WAL into the file: Datasette reads it immutable
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    partial.rename(path)
    return f"sqlite:///{path}", path, made


def postgres_database(admin_url: str, engagements: int, seed: int, say: Callable[[str], None]) -> tuple[str, dict[str, Any]]:
    """A PostgreSQL database at this scale on the server of `admin_url` (generated unless a complete one is there)."""
    name = f"engagements_bench_{cache_key(engagements, seed)}".lower()[:63]
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            comment = connection.execute(
                text("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = :name"), {"name": name}
            ).first()
            url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
            if comment is not None and comment[0] == COMPLETE:
                return url, {"cached": True, "seconds": 0.0}
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        made = _generate(url, engagements, seed, say)
        db.get_engine().dispose()
        with admin.connect() as connection:
            connection.execute(text(f"COMMENT ON DATABASE \"{name}\" IS '{COMPLETE}'"))
        return url, made
    finally:
        admin.dispose()


def drop_postgres(admin_url: str, database_url: str) -> None:
    name = make_url(database_url).database
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def postgres_reachable(admin_url: str) -> str | None:
    """None when the server answers, else why not (shown as the reason PostgreSQL is skipped)."""
    engine = create_engine(admin_url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "skip, and say why"
        return f"{exc.__class__.__name__}: {str(exc).splitlines()[0]}"
    finally:
        engine.dispose()
