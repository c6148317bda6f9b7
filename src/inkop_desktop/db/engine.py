"""Engines and session factories for the embedded SQLite file and a shared PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker


def is_sqlite(url: str | URL) -> bool:
    """True for SQLite URLs."""
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_url(path: Path) -> str:
    """A SQLAlchemy URL for a SQLite file."""
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL, full sync, foreign keys, recursive triggers, a busy timeout and a page cache of up
    to 32 MB on every connection (SQLite's 2 MB made a search of 100 000 contracts read the
    pages of its thousands of matches from the OS again at every keystroke).

    ``recursive_triggers`` makes the rows that ``INSERT/UPDATE OR REPLACE`` delete fire the
    DELETE triggers, so REPLACE cannot remove a signed record behind the triggers' back.
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA recursive_triggers=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA cache_size=-32768")
    cursor.close()


def make_engine(url: str | URL, *, password: str | None = None) -> Engine:
    """Create an engine; a PostgreSQL password comes from the caller (keyring), never a file."""
    parsed = make_url(url)
    if password is not None:
        parsed = parsed.set(password=password)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit (DTOs are built inside the session anyway)."""
    return sessionmaker(engine, expire_on_commit=False)


def describe(url: str | URL) -> str:
    """A short, password-free description for the status bar."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"Lokal databas ({Path(parsed.database or ':memory:').name})"
    return f"Gemensam databas: {parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database}"
