"""Alembic environment: the engine comes from the caller; batch mode for SQLite."""

from __future__ import annotations

from alembic import context

from inkop_desktop.db.tables import Base

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    context.run_migrations()
