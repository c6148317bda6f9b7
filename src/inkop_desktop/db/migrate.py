"""Run Alembic migrations from code, each upgrade in one transaction; back up SQLite first."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, inspect, text

from inkop_desktop.db import audit_triggers, server_roles, shipped
from inkop_desktop.db.migration_guard import (
    ABORTED,
    MigrationFailedError,
    RowCountGuard,
    check_foreign_keys,
)
from inkop_desktop.domain.errors import DomainError

MIGRATIONS = shipped.MIGRATIONS
ADVISORY_LOCK = 0x696E6B6F70  # "inkop": PostgreSQL lock key held while an upgrade runs

log = logging.getLogger(__name__)

__all__ = [
    "MigrationFailedError",
    "at_shipped_head",
    "check",
    "current_revision",
    "downgrade",
    "shipped_head",
    "upgrade",
]


def alembic_config(engine: Engine, connection: Connection | None = None) -> Any:
    """An Alembic Config bound to *engine* (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    config.attributes["connection"] = connection
    return config


def script_directory(engine: Engine) -> Any:
    """The Alembic script directory shipped with this version."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine))


def head_revision(engine: Engine) -> str | None:
    """The newest migration shipped with this version."""
    head: str | None = script_directory(engine).get_current_head()
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def shipped_head() -> str | None:
    """The newest shipped revision read from the migration files (no Alembic import)."""
    return shipped.head_in(MIGRATIONS)


def stored_revision(conn: Connection) -> str | None:
    """The one revision in ``alembic_version`` (None if there is no such table or not one row)."""
    if not conn.dialect.has_table(conn, "alembic_version"):
        return None
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return str(rows[0]) if len(rows) == 1 else None


def at_shipped_head(engine: Engine) -> bool:
    """True when the database is at the shipped head: checked without importing Alembic."""
    head = shipped_head()
    with engine.connect() as conn:
        return head is not None and stored_revision(conn) == head


def needs_upgrade(engine: Engine) -> bool:
    """True when the database is behind the shipped migrations."""
    return current_revision(engine) != head_revision(engine)


def upgrade(
    engine: Engine, *, backup_dir: Path | None = None, revision: str = "head"
) -> Path | None:
    """Upgrade to *revision* in one transaction; a non-empty SQLite file is backed up first.

    A database already at the shipped head is recognised without importing Alembic.
    """
    if revision == "head" and at_shipped_head(engine):
        return None
    from alembic import command

    current = current_revision(engine)
    target = script_directory(engine).get_revision(revision)
    if target is not None and current == target.revision:
        return None
    backup = _backup_if_sqlite(engine, backup_dir, current)
    _run(engine, lambda config: command.upgrade(config, revision), guard=True)
    return backup


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Downgrade to *revision* in one transaction (used by tests and administrators)."""
    from alembic import command

    _run(engine, lambda config: command.downgrade(config, revision), guard=False)


def check(engine: Engine) -> None:
    """Raise if the models and the migrations disagree (``alembic check``)."""
    from alembic import command

    with engine.connect() as conn:
        command.check(alembic_config(engine, conn))


def _run(engine: Engine, command: Callable[[Any], None], *, guard: bool) -> None:
    """Run an Alembic command in one transaction with the row-count and foreign-key checks."""
    try:
        with _migration_transaction(engine) as conn:
            config = alembic_config(engine, conn)
            if guard:
                config.attributes["on_version_apply"] = RowCountGuard(conn)
            per_person_logins = _owner_managed(conn)
            command(config)
            check_foreign_keys(conn)
            if conn.dialect.name == "postgresql" and audit_triggers.installed(conn):
                audit_triggers.attach(conn)  # tables of later migrations are audited too
            if per_person_logins:
                server_roles.apply_grants(conn)  # new tables owned, secured and granted
    except DomainError:
        raise
    except Exception as exc:
        reason = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or [repr(exc)])[0]
        log.warning("Migreringen misslyckades och rullades tillbaka: %s", reason)
        log.debug("Migreringsfelet i detalj", exc_info=exc)
        raise MigrationFailedError(f"{ABORTED}: {reason}") from exc


@contextmanager
def _migration_transaction(engine: Engine) -> Iterator[Connection]:
    """One connection and one transaction; on SQLite foreign keys off and an explicit BEGIN."""
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            # Programs starting together on one server upgrade one after the other.
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK})
            # A data migration that row security would filter fails instead of missing rows.
            conn.exec_driver_sql("SET LOCAL row_security = off")
            yield conn
        return
    # pysqlite opens no transaction before DDL, and PRAGMA foreign_keys is ignored inside one:
    # so switch the driver to autocommit, turn foreign keys off, then BEGIN ourselves.
    # legacy_alter_table: a rebuilt table may be renamed while other tables' triggers name it.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.exec_driver_sql("PRAGMA legacy_alter_table=ON")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.exec_driver_sql("COMMIT")
            except BaseException:
                if _in_transaction(conn):  # SQLite may already have rolled back by itself
                    conn.exec_driver_sql("ROLLBACK")
                raise
        finally:
            conn.exec_driver_sql("PRAGMA legacy_alter_table=OFF")
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")


def _owner_managed(conn: Connection) -> bool:
    """True on a PostgreSQL database set up by ``inkop db init-server`` (owner role, grants)."""
    return conn.dialect.name == "postgresql" and server_roles.owner_exists(conn)


def _in_transaction(conn: Connection) -> bool:
    """True while the SQLite driver connection has an open transaction."""
    return bool(conn.connection.dbapi_connection.in_transaction)  # type: ignore[union-attr]


def _backup_if_sqlite(engine: Engine, backup_dir: Path | None, revision: str | None) -> Path | None:
    """Back up a SQLite file that already holds tables, named by its *revision*."""
    from inkop_desktop.db.backup import backup_sqlite

    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if not inspect(engine).get_table_names():
        return None
    path = Path(database)
    try:
        return backup_sqlite(path, backup_dir or path.parent / "backups", revision=revision)
    except (OSError, sqlite3.Error) as exc:
        log.warning("Säkerhetskopian före uppgraderingen misslyckades: %s", exc)
        raise MigrationFailedError(
            f"Databasen uppgraderades inte: säkerhetskopian före uppgraderingen kunde inte "
            f"sparas ({exc})."
        ) from exc
