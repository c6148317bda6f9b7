"""Dated roles, the kind of decision a delegation covers, recorded roster removals, date reasons.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

Only columns are added (SQLite: ALTER TABLE ADD COLUMN, no table rebuild, so the immutability
triggers of 0003/0005 stay in place).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

FK_NAME = "fk_participant_removed_by_id_person"


def upgrade() -> None:
    """Add the columns and the index of the new foreign key."""
    op.add_column("person_role", sa.Column("valid_from", sa.Date(), nullable=True))
    op.add_column("person_role", sa.Column("valid_to", sa.Date(), nullable=True))
    op.add_column(
        "delegation_rule",
        sa.Column(
            "decision_kind", sa.String(30), nullable=False, server_default="direktupphandling"
        ),
    )
    op.add_column(
        "direct_award",
        sa.Column("decision_date_reason", sa.Text(), nullable=False, server_default=""),
    )
    op.add_column(
        "participant", sa.Column("removal_reason", sa.Text(), nullable=False, server_default="")
    )
    if op.get_bind().dialect.name == "sqlite":
        # Alembic refuses a constraint outside batch mode; SQLite itself allows a REFERENCES
        # clause on ADD COLUMN, which keeps the table (and its triggers) as it is.
        op.execute(
            f"ALTER TABLE participant ADD COLUMN removed_by_id CHAR(32) "
            f"CONSTRAINT {FK_NAME} REFERENCES person (id)"
        )
    else:
        op.add_column("participant", sa.Column("removed_by_id", sa.Uuid(), nullable=True))
        op.create_foreign_key(FK_NAME, "participant", "person", ["removed_by_id"], ["id"])
    op.create_index("ix_participant_removed_by_id", "participant", ["removed_by_id"])


def downgrade() -> None:
    """Drop the columns again (SQLite 3.35+: DROP COLUMN, no rebuild)."""
    op.drop_index("ix_participant_removed_by_id", table_name="participant")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(FK_NAME, "participant", type_="foreignkey")
    with op.batch_alter_table("participant") as batch_op:
        batch_op.drop_column("removed_by_id")
        batch_op.drop_column("removal_reason")
    for table, column in PLAIN_COLUMNS:
        _drop_plain(table, column)


PLAIN_COLUMNS = (
    ("direct_award", "decision_date_reason"),
    ("delegation_rule", "decision_kind"),
    ("person_role", "valid_to"),
    ("person_role", "valid_from"),
)


def _drop_plain(table: str, column: str) -> None:
    """Drop a column without rebuilding the table (a rebuild would lose its triggers)."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    else:
        op.drop_column(table, column)
