"""avtalskatalogen: a word-start index for one- and two-character searches

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 05:00:00

SQLite: the FTS5 table ``contract_words`` (unicode61 tokenizer, prefix indexes of one and two
characters, external content = ``contract``) with its three triggers; PostgreSQL: nothing (the
pg_trgm index of 0017 serves the word-start LIKE). No table's rows change. Keyed by the
contract's rowid like ``contract_fts``: a later migration that rebuilds ``contract`` on SQLite
must drop and create it again (``search_words.drop`` / ``create``).
"""

from __future__ import annotations

from alembic import op

from inkop_desktop.db import search_words

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the index over the existing contracts."""
    search_words.create(op.get_bind())


def downgrade() -> None:
    """Drop the index and its triggers."""
    search_words.drop(op.get_bind())
