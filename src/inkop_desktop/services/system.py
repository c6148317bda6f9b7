"""Database status: the connection test of the settings and first-run dialogs."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from inkop_desktop.db.engine import make_engine
from inkop_desktop.db.libpq import LibpqFeatures, libpq_features
from inkop_desktop.domain.errors import ConnectionFailedError
from inkop_desktop.services.connection import connection_error

__all__ = ["LibpqFeatures", "login_features", "test_connection"]


def test_connection(url: str, password: str | None = None) -> str:
    """Connect once and return the server version; raise a Swedish error on failure."""
    try:
        engine = make_engine(url, password=password)
    except (SQLAlchemyError, ValueError) as exc:
        raise ConnectionFailedError("Databasadressen kan inte tolkas.") from exc
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                version = conn.execute(text("select sqlite_version()")).scalar_one()
                return f"SQLite {version}"
            version = conn.execute(text("show server_version")).scalar_one()
            return f"PostgreSQL {version}"
    except OperationalError as exc:
        raise connection_error(exc) from exc
    except SQLAlchemyError as exc:
        raise ConnectionFailedError(
            "Kunde inte ansluta till databasen. Kontrollera inställningarna."
        ) from exc
    finally:
        engine.dispose()


def login_features() -> LibpqFeatures:
    """Which login methods the installed PostgreSQL client library offers (Kerberos or not)."""
    return libpq_features()
