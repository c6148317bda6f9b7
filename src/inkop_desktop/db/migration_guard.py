"""Checks that run inside the migration transaction: row counts per step and foreign keys."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, inspect, text

from inkop_desktop.db import search_index
from inkop_desktop.domain.errors import DomainError

VERSION_TABLE = "alembic_version"
ABORTED = "Uppgraderingen av databasen avbröts och ingenting ändrades"


class MigrationFailedError(DomainError):
    """An upgrade was rolled back; the database is still at its old revision with all data."""

    message_id = "database.migration"


def row_counts(conn: Connection) -> dict[str, int]:
    """The number of rows in every table except Alembic's version table and the audit's staging.

    A data migration's changes are staged for the audit trail until its COMMIT chains them
    (PostgreSQL): that table fills and empties within the transaction.
    """
    transient = {VERSION_TABLE, "audit_staging", *search_index.NOT_MODELLED}  # FTS5: derived
    names = [n for n in inspect(conn).get_table_names() if n not in transient]
    quote = conn.dialect.identifier_preparer.quote
    return {
        n: int(conn.execute(text(f"SELECT count(*) FROM {quote(n)}")).scalar_one()) for n in names
    }


def declared_changes(module: Any) -> Mapping[str, str]:
    """Tables a migration changes the row count of on purpose (``ROW_COUNT_CHANGES``)."""
    declared = getattr(module, "ROW_COUNT_CHANGES", {})
    if not isinstance(declared, Mapping):
        raise TypeError("ROW_COUNT_CHANGES måste vara en dict {tabell: anledning}")
    return declared


def compare(
    before: Mapping[str, int], after: Mapping[str, int], revision: str, allowed: Mapping[str, str]
) -> None:
    """Raise unless every table that existed keeps its rows (new tables and *allowed* excepted)."""
    for table, count in sorted(before.items()):
        if table in allowed:
            continue
        now = after.get(table)
        if now is None:
            raise MigrationFailedError(
                f"{ABORTED}: migrering {revision} tog bort tabellen {table} med {count} rader."
            )
        if now != count:
            raise MigrationFailedError(
                f"{ABORTED}: tabellen {table} hade {count} rader före migrering {revision} "
                f"men {now} efter."
            )


def triggers(conn: Connection) -> set[str]:
    """The names of the database's own triggers."""
    if conn.dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    return {str(r[0]) for r in conn.exec_driver_sql(query)}


def compare_triggers(before: set[str], after: set[str], revision: str, module: Any) -> None:
    """Raise if a trigger vanished (a SQLite table rebuild drops the table's triggers)."""
    lost = before - after - set(getattr(module, "DROPPED_TRIGGERS", {}))
    if lost:
        raise MigrationFailedError(
            f"{ABORTED}: migrering {revision} tog bort triggrarna {', '.join(sorted(lost))} "
            "(byggdes tabellen om utan att skapa dem igen?)."
        )


class RowCountGuard:
    """An Alembic ``on_version_apply`` callback: rows and triggers kept by every step."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.counts = row_counts(conn)
        self.triggers = triggers(conn)

    def __call__(self, *, step: Any, **_: Any) -> None:
        """Count again after the step *step* and compare with the state before it."""
        after, names = row_counts(self.conn), triggers(self.conn)
        script = step.up_revision
        if step.is_upgrade and not step.is_stamp and script is not None:
            compare(self.counts, after, script.revision, declared_changes(script.module))
            compare_triggers(self.triggers, names, script.revision, script.module)
        self.counts, self.triggers = after, names


def check_foreign_keys(conn: Connection) -> None:
    """SQLite: raise if any row points at a missing parent (PostgreSQL enforces this itself)."""
    if conn.dialect.name != "sqlite":
        return
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = ", ".join(sorted({str(row[0]) for row in broken}))
        raise MigrationFailedError(
            f"{ABORTED}: {len(broken)} rader i {tables} pekar på poster som saknas."
        )
