"""Fixture databases at every earlier revision, and a generic table copy between engines."""

from __future__ import annotations

import lzma
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Integer, MetaData, select, text

from inkop_desktop.db import migrate
from inkop_desktop.db.engine import make_engine
from inkop_desktop.db.migration_guard import VERSION_TABLE, declared_changes, row_counts

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def all_revisions() -> list[str]:
    """Every revision in the Alembic script directory, oldest first."""
    scripts = migrate.script_directory(make_engine("sqlite://"))
    return [s.revision for s in reversed(list(scripts.walk_revisions()))]


def earlier_revisions() -> list[str]:
    """Every revision except the head: the ones a user may have to upgrade from."""
    return all_revisions()[:-1]


def fixture_path(revision: str) -> Path:
    """The compressed demo database made by the code of *revision* (see fixtures/README.md)."""
    return FIXTURES / f"rev{revision}.sqlite.xz"


def unpack(revision: str, target: Path) -> Path:
    """Write the fixture database of *revision* to *target*."""
    source = fixture_path(revision)
    assert source.exists(), f"fixture saknas för revision {revision}: kör fixtures/make_fixtures.py"
    target.parent.mkdir(parents=True, exist_ok=True)
    with lzma.open(source) as packed, target.open("wb") as out:
        shutil.copyfileobj(packed, out)
    return target


def counts(engine: Engine) -> dict[str, int]:
    """Rows per table (without Alembic's version table)."""
    with engine.connect() as conn:
        return row_counts(conn)


def declared_between(start: str) -> set[str]:
    """Tables whose counts the migrations after *start* change on purpose."""
    scripts = migrate.script_directory(make_engine("sqlite://"))
    later = all_revisions()[all_revisions().index(start) + 1 :]
    return {t for r in later for t in declared_changes(scripts.get_revision(r).module)}


def copy_rows(source: Engine, dest: Engine) -> dict[str, int]:
    """Copy every row of *source* into the same tables of *dest* (columns both have)."""
    target = MetaData()
    target.reflect(dest)
    copied: dict[str, int] = {}
    with source.connect() as read, dest.begin() as write:
        _suspend_checks(write)
        present = set(row_counts(read))
        for table in target.sorted_tables:
            if table.name == VERSION_TABLE or table.name not in present:
                continue
            have = {row[1] for row in read.exec_driver_sql(f'PRAGMA table_info("{table.name}")')}
            columns = [c for c in table.columns if c.name in have]
            rows = [dict(r._mapping) for r in read.execute(select(*columns))]
            if rows:
                write.execute(table.insert(), rows)
            copied[table.name] = len(rows)
        _reset_sequences(write, target)
    return copied


def _suspend_checks(conn: Any) -> None:
    """Rows go in as they were: no triggers, no foreign-key order (PostgreSQL: replica role)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL session_replication_role = replica"))
    else:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")


def _reset_sequences(conn: Any, metadata: MetaData) -> None:
    """PostgreSQL: move serial sequences past the copied ids."""
    if conn.dialect.name != "postgresql":
        return
    for table in metadata.sorted_tables:
        keys = list(table.primary_key.columns)
        if len(keys) == 1 and isinstance(keys[0].type, Integer):
            seq = conn.execute(
                text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": keys[0].name}
            ).scalar_one()
            if seq:
                conn.execute(
                    text(
                        f'SELECT setval(:s, coalesce(max("{keys[0].name}"), 0) + 1, false) '
                        f'FROM "{table.name}"'
                    ),
                    {"s": seq},
                )


def kept(before: Mapping[str, int], after: Mapping[str, int], allowed: set[str]) -> dict[str, Any]:
    """Tables whose row count changed (the empty dict when every row was kept)."""
    return {
        t: (n, after.get(t)) for t, n in before.items() if t not in allowed and after.get(t) != n
    }
