"""avtalstrohet: imported leverantörsreskontra files, their rows and remembered column mappings

Revision ID: 0016
Revises: 0013
Create Date: 2026-12-01 22:40:00

``reskontra_import`` is one imported accounts-payable file (sha256 unique: the same file is
not imported twice), ``reskontra_row`` its invoice lines with the unit as written and as
mapped to an organisation, nämnd and region, ``reskontra_mapping`` the column mapping a person
chose for files with one set of headings. Only new tables (with their foreign-key indexes).
"""

from __future__ import annotations

import importlib

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_V8 = importlib.import_module("inkop_desktop.db.migrations.versions.0008_followup_workflow")


def _fk(
    table: str, column: str, target: str, ondelete: str | None = None
) -> sa.ForeignKeyConstraint:
    """A foreign key named by the naming convention."""
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    """Create the three tables and their indexes."""
    op.create_table(
        "reskontra_import",
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("shape", sa.String(length=64), nullable=False),
        sa.Column("imported_on", sa.Date(), nullable=False),
        sa.Column("imported_by_id", sa.Uuid(), nullable=True),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("total_ore", sa.BigInteger(), nullable=False),
        sa.Column("first_date", sa.Date(), nullable=False),
        sa.Column("last_date", sa.Date(), nullable=False),
        *_V8._row_columns(),
        _fk("reskontra_import", "imported_by_id", "person"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reskontra_import")),
        sa.UniqueConstraint("sha256", name=op.f("uq_reskontra_import_sha256")),
    )
    op.create_index("ix_reskontra_import_imported_by_id", "reskontra_import", ["imported_by_id"])
    op.create_table(
        "reskontra_row",
        sa.Column("import_id", sa.Uuid(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("invoice_date", sa.Date(), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("organisation_id", sa.Uuid(), nullable=True),
        sa.Column("namnd_id", sa.Uuid(), nullable=True),
        sa.Column("region", sa.String(length=3), nullable=True),
        sa.Column("orgnr", sa.String(length=11), nullable=False),
        sa.Column("supplier_name", sa.String(length=200), nullable=False),
        sa.Column("amount_ore", sa.BigInteger(), nullable=False),
        sa.Column("account", sa.String(length=40), nullable=False),
        *_V8._row_columns(),
        _fk("reskontra_row", "import_id", "reskontra_import", ondelete="CASCADE"),
        _fk("reskontra_row", "organisation_id", "organisation"),
        _fk("reskontra_row", "namnd_id", "organisation"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reskontra_row")),
    )
    for column in ("import_id", "organisation_id", "namnd_id"):
        op.create_index(f"ix_reskontra_row_{column}", "reskontra_row", [column])
    op.create_index("ix_reskontra_row_orgnr_date", "reskontra_row", ["orgnr", "invoice_date"])
    op.create_table(
        "reskontra_mapping",
        sa.Column("login", sa.String(length=100), nullable=False),
        sa.Column("shape", sa.String(length=64), nullable=False),
        sa.Column("columns", sa.Text(), nullable=False),
        *_V8._row_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reskontra_mapping")),
        sa.UniqueConstraint("login", "shape", name=op.f("uq_reskontra_mapping_login")),
    )


def downgrade() -> None:
    """Drop the tables again."""
    for table in ("reskontra_mapping", "reskontra_row", "reskontra_import"):
        op.drop_table(table)
