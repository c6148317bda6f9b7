"""audit chain computed set-based at commit; PostgreSQL only

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 19:00:00

The commit trigger of 0009 looked up, for every updated row, the other rows of its
transaction one by one (quadratic in the size of the transaction: the demo took 74 s instead
of 6 s) and ran a query for every staged row. It now merges a transaction's rows in one query
and skips the rows an earlier firing of the same commit has chained (a transaction-local
setting). The entries are the same fields with the same hash rule, so a downgrade keeps the
new function (0009 only requires that it exists). SQLite: nothing changes.
"""

from __future__ import annotations

from alembic import op

from inkop_desktop.db import audit_triggers

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Replace the audit functions and the commit trigger on PostgreSQL."""
    if op.get_bind().dialect.name == "postgresql":
        audit_triggers.create_functions(op.get_bind())


def downgrade() -> None:
    """Nothing to undo: the entries are written the same way (see the module docstring)."""
