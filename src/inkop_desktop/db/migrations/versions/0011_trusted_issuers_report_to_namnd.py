"""trusted issuers for e-signed decisions; whether a delegated decision is reported to the nämnd

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 19:00:00

``trusted_issuer`` holds the CA certificates an administrator trusts (the region's CA, the
e-legitimation issuers): a PAdES signature is "Giltig" only when its chain reaches one.
``delegation_rule.report_to_namnd`` says whether decisions under the rule are reported to the
nämnd (KL 6 kap. 40 §: delegated decisions are reported, so existing rules get true). Only a
table and a column are added (SQLite: ALTER TABLE ADD COLUMN, no rebuild, triggers stay).
"""

from __future__ import annotations

import importlib

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_V8 = importlib.import_module("inkop_desktop.db.migrations.versions.0008_followup_workflow")


def upgrade() -> None:
    """Add the table (with its foreign-key index) and the column."""
    op.create_table(
        "trusted_issuer",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("issuer", sa.Text(), nullable=False),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=False),
        sa.Column("not_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("certificate", sa.LargeBinary(), nullable=False),
        sa.Column("added_by_id", sa.Uuid(), nullable=True),
        *_V8._row_columns(),
        sa.ForeignKeyConstraint(
            ["added_by_id"], ["person.id"], name=op.f("fk_trusted_issuer_added_by_id_person")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_issuer")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_trusted_issuer_fingerprint")),
    )
    op.create_index("ix_trusted_issuer_added_by_id", "trusted_issuer", ["added_by_id"])
    op.add_column(
        "delegation_rule",
        sa.Column("report_to_namnd", sa.Boolean(), nullable=False, server_default=sa.true()),
    )


def downgrade() -> None:
    """Drop the column (SQLite 3.35+: DROP COLUMN, no rebuild) and the table."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE delegation_rule DROP COLUMN report_to_namnd")
    else:
        op.drop_column("delegation_rule", "report_to_namnd")
    op.drop_index("ix_trusted_issuer_added_by_id", table_name="trusted_issuer")
    op.drop_table("trusted_issuer")
