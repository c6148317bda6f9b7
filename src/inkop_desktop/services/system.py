"""Database status: the connection test of the settings dialog."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from inkop_desktop.db.engine import make_engine
from inkop_desktop.domain.errors import ConnectionFailedError


def test_connection(url: str, password: str | None = None) -> str:
    """Connect once and return the server version; raise a Swedish error on failure."""
    engine = make_engine(url, password=password)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                version = conn.execute(text("select sqlite_version()")).scalar_one()
                return f"SQLite {version}"
            version = conn.execute(text("show server_version")).scalar_one()
            return f"PostgreSQL {version}"
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0][:200]
        raise ConnectionFailedError(f"Kunde inte ansluta till databasen: {reason}") from exc
    finally:
        engine.dispose()
