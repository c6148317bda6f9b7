"""Dated roles, the kind of decision a delegation covers, recorded roster removals, date reasons.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

Only columns are added (SQLite: ALTER TABLE ADD COLUMN, no table rebuild, so the immutability
triggers of 0003/0005 stay in place). The signed-record check of direct_award is redefined so
that the new ``decision_date_reason`` is frozen too once a decision is signed.
"""

from __future__ import annotations

import importlib

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

FK_NAME = "fk_participant_removed_by_id_person"
_V3 = importlib.import_module("inkop_desktop.db.migrations.versions.0003_direct_award_immutability")
_V5 = importlib.import_module(
    "inkop_desktop.db.migrations.versions.0005_immutable_tables_number_series"
)
NEWLY_FROZEN = ("decision_date_reason",)


def _replacing(distinct: str, frozen: tuple[str, ...]) -> str:
    """SQL true for the one allowed change of a signed record: signerad → ersatt, nothing else."""
    same = " AND ".join(f"NOT (NEW.{c} {distinct} OLD.{c})" for c in frozen)
    return f"OLD.status = 'signerad' AND NEW.status = 'ersatt' AND {same} AND {_V5.CORRECTED}"


def _signed_check(frozen: tuple[str, ...]) -> None:
    """(Re)define the BEFORE UPDATE check of direct_award with *frozen* columns."""
    signed, message = _V3.SIGNED, _V3.MESSAGE
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS trg_direct_award_signed_update")
        op.execute(
            f"CREATE TRIGGER trg_direct_award_signed_update BEFORE UPDATE ON direct_award "
            f"FOR EACH ROW WHEN OLD.status IN {signed} AND NOT ({_replacing('IS NOT', frozen)}) "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )
        return
    op.execute(
        f"""CREATE OR REPLACE FUNCTION inkop_direct_award_frozen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status NOT IN {signed} THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND {_replacing("IS DISTINCT FROM", frozen)} THEN RETURN NEW; END IF;
  RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation';
END $$"""
    )


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
    _signed_check(_V3.FROZEN + NEWLY_FROZEN)


def downgrade() -> None:
    """Drop the columns again (SQLite 3.35+: DROP COLUMN, no rebuild)."""
    _signed_check(_V3.FROZEN)
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
