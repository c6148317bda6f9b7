"""Alembic environment: the caller's connection, already inside its one transaction."""

from __future__ import annotations

from alembic import context

from inkop_desktop.db.search_index import NOT_MODELLED
from inkop_desktop.db.tables import Base

config = context.config
connection = config.attributes["connection"]
callback = config.attributes.get("on_version_apply")


def _modelled(name: str | None, _type: str, _parents: object) -> bool:
    """Compare only what the models describe (not the catalogue's trigram index)."""
    return name not in NOT_MODELLED


context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    transaction_per_migration=False,
    on_version_apply=callback,
    include_name=_modelled,
)
with context.begin_transaction():
    context.run_migrations()
