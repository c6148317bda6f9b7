"""Run Alembic migrations from code; back up an embedded SQLite file before each upgrade."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Any:
    """An Alembic Config bound to *engine* (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision(engine: Engine) -> str | None:
    """The newest migration shipped with this version."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    """True when the database is behind the shipped migrations."""
    return current_revision(engine) != head_revision(engine)


def upgrade(
    engine: Engine, *, backup_dir: Path | None = None, revision: str = "head"
) -> Path | None:
    """Upgrade to *revision*; for a non-empty SQLite file take an online backup first."""
    from alembic import command

    backup = None
    if needs_upgrade(engine):
        backup = _backup_if_sqlite(engine, backup_dir)
        command.upgrade(alembic_config(engine), revision)
    return backup


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Downgrade to *revision* (used by tests and administrators)."""
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


def check(engine: Engine) -> None:
    """Raise if the models and the migrations disagree (``alembic check``)."""
    from alembic import command

    command.check(alembic_config(engine))


def _backup_if_sqlite(engine: Engine, backup_dir: Path | None) -> Path | None:
    """Back up a SQLite file that already holds tables."""
    from inkop_desktop.db.backup import backup_sqlite

    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if not inspect(engine).get_table_names():
        return None
    path = Path(database)
    return backup_sqlite(path, backup_dir or path.parent / "backups")
