"""avtalskatalogen: a trigram index on the contract's search text

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 02:00:00

SQLite: the FTS5 table ``contract_fts`` (trigram tokenizer, external content = ``contract``)
with its three triggers; PostgreSQL: pg_trgm and a GIN index on ``contract.search_text`` (when
the extension cannot be created the search scans, as before). No table's rows change.
The FTS rows are keyed by the contract's rowid: a later migration that rebuilds ``contract``
on SQLite must drop and create the index again (``search_index.drop`` / ``create``).
"""

from __future__ import annotations

from alembic import op

from inkop_desktop.db import search_index

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the index over the existing contracts."""
    search_index.create(op.get_bind())


def downgrade() -> None:
    """Drop the index (and on SQLite its triggers)."""
    search_index.drop(op.get_bind())
