"""derived checks stay true: what the contract check was based on, each dated rule's comparison

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 19:10:00

``direct_award.contract_check_basis`` holds the contracts the "finns det avtal?" check found
when the user confirmed it (sorted ids, empty = none found; NULL = a check recorded before this
revision), so a check made for other facts is seen as stale. ``reference_value.comparison``
says how a value is compared with its limit as its own dated rule words it: "minst" (≥) or
"över" (>); the documentation duty before 2022-02-01 said "över". Only columns are added
(SQLite: ALTER TABLE ADD COLUMN, no rebuild); the signed-record check of direct_award is
redefined so the new column is frozen too once a decision is signed.
"""

from __future__ import annotations

import importlib

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_V3 = importlib.import_module("inkop_desktop.db.migrations.versions.0003_direct_award_immutability")
_V7 = importlib.import_module(
    "inkop_desktop.db.migrations.versions.0007_roles_dated_removals_reasons"
)
ROW_COUNT_CHANGES = {
    "audit_entry": "the old documentation rule's new comparison is an audited change",
}
BEFORE = _V3.FROZEN + _V7.NEWLY_FROZEN
OLD_WORDING = (
    "UPDATE reference_value SET comparison = 'över' WHERE key = 'lou.dokumentationsplikt' "
    "AND valid_to IS NOT NULL AND valid_to < '2022-02-01'"
)


def upgrade() -> None:
    """Add both columns, mark the old documentation rule "över", freeze the basis once signed."""
    op.add_column(
        "reference_value",
        sa.Column("comparison", sa.String(10), nullable=False, server_default="minst"),
    )
    op.execute(OLD_WORDING)
    op.add_column("direct_award", sa.Column("contract_check_basis", sa.Text(), nullable=True))
    _V7._signed_check((*BEFORE, "contract_check_basis"))


def downgrade() -> None:
    """Drop the columns again (SQLite 3.35+: DROP COLUMN, no rebuild)."""
    _V7._signed_check(BEFORE)
    for table, column in (
        ("direct_award", "contract_check_basis"),
        ("reference_value", "comparison"),
    ):
        _V7._drop_plain(table, column)
