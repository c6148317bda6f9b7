"""Indexes for the lists' keyset paging and the same-kind totals (issue 17)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 02:00:00

Every foreign key already leads an index (0006 and each later migration). This adds the
composite indexes the default list orders and the same-kind check read from: contracts by
(end date, number), direct awards by (date, diarienummer), suppliers by (name, id), and the
same-kind totals by (key, date, status, version), whose stamp is read from the index alone.
The single-column indexes on direct_award's same_kind_key and award_date, which those lead
with, are dropped. Only indexes: no row changes.
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_contract_end_date_number", "contract", ("end_date", "contract_number")),
    (
        "ix_direct_award_same_kind",
        "direct_award",
        ("same_kind_key", "award_date", "status", "version"),
    ),
    ("ix_direct_award_date_diarienummer", "direct_award", ("award_date", "diarienummer")),
    ("ix_supplier_name_id", "supplier", ("name", "id")),
)


REPLACED = (
    ("ix_direct_award_same_kind_key", "direct_award", ("same_kind_key",)),
    ("ix_direct_award_award_date", "direct_award", ("award_date",)),
)
"""Single-column indexes the composite ones lead with (a planner without statistics would
pick them over the covering index)."""


def upgrade() -> None:
    """Create the indexes and drop the ones they make redundant."""
    for name, table, columns in INDEXES:
        op.create_index(name, table, list(columns))
    for name, table, _columns in REPLACED:
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    """Back to the single-column indexes."""
    for name, table, columns in REPLACED:
        op.create_index(name, table, list(columns))
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
