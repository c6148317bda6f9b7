"""audit by trigger: old and new row, transaction id, hash version; PostgreSQL triggers

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 16:00:00

``audit_entry`` gains the old and new row as JSON text, the transaction id and the hash rule
version (existing entries keep rule 1 and keep verifying; new ones use rule 2, see
``db/audit_hash``). ``audit_staging`` holds a PostgreSQL transaction's audit rows until its
commit chains them. PostgreSQL: an audit row trigger (and a TRUNCATE trigger) on every
table and the commit trigger that chains (``db/audit_triggers``). SQLite: columns are only
added (ALTER TABLE ADD COLUMN), so the append-only triggers of 0005 stay in place.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from inkop_desktop.db import audit_triggers

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

COLUMNS = ("hash_version", "txid", "old_row", "new_row")


def _columns() -> list[sa.Column[object]]:
    """The new columns of audit_entry (existing entries: hash rule 1)."""
    return [
        sa.Column("hash_version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("txid", sa.BigInteger(), nullable=True),
        sa.Column("old_row", sa.Text(), nullable=True),
        sa.Column("new_row", sa.Text(), nullable=True),
    ]


def _create_staging() -> None:
    """The staging table (unused on SQLite, where the app chains at commit)."""
    op.create_table(
        "audit_staging",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("txid", sa.BigInteger(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("old_row", sa.Text(), nullable=True),
        sa.Column("new_row", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_staging")),
    )
    op.create_index("ix_audit_staging_txid", "audit_staging", ["txid"])


def upgrade() -> None:
    """Columns and indexes, the staging table, and on PostgreSQL the triggers."""
    for column in _columns():
        op.add_column("audit_entry", column)
    op.create_index("ix_audit_entry_record", "audit_entry", ["table_name", "row_id"])
    op.create_index("ix_audit_entry_txid", "audit_entry", ["txid"])
    _create_staging()
    if op.get_bind().dialect.name == "postgresql":
        audit_triggers.create_functions(op.get_bind())
        audit_triggers.attach(op.get_bind())


def downgrade() -> None:
    """Triggers, staging table, indexes and columns go (entries of rule 2 stay unverifiable)."""
    if op.get_bind().dialect.name == "postgresql":
        audit_triggers.detach(op.get_bind())
    op.drop_index("ix_audit_staging_txid", table_name="audit_staging")
    op.drop_table("audit_staging")
    op.drop_index("ix_audit_entry_txid", table_name="audit_entry")
    op.drop_index("ix_audit_entry_record", table_name="audit_entry")
    for column in reversed(COLUMNS):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE audit_entry DROP COLUMN {column}")
        else:
            op.drop_column("audit_entry", column)
