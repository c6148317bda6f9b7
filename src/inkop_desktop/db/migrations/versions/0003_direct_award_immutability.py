"""direct award: suppliers asked, annex 2 flag, and triggers that freeze signed records

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SIGNED = "('signerad', 'ersatt')"
MESSAGE = "Signerad direktupphandling kan inte ändras; gör en rättelse (ny version)."

# Every column of direct_award that must stay as it was when signerad becomes ersatt.
FROZEN = (
    "id", "diarienummer", "region", "organisation_id", "requester_id", "title", "description",
    "cpv", "same_kind_key", "same_kind_reason", "competition", "value_ore", "duration",
    "legal_ground", "chosen_supplier_id", "award_reason", "award_date", "decision_maker_id",
    "delegation_rule_id", "decision_text", "existing_contract_reason", "efterannonsering_done",
    "supersedes_id", "signed_at", "signature_method", "signed_pdf_sha256", "signed_by_id",
    "documentation_sha256", "decision_sha256", "fewer_quotes_reason", "existing_contract_id",
    "suppliers_asked", "annex2_services", "created_at", "created_by",
)  # fmt: skip

# (trigger suffix, table, event, the parent award id expression, extra condition)
CHILDREN = (
    ("quote_ins", "quote", "INSERT", "NEW.direct_award_id", "TRUE"),
    ("quote_upd", "quote", "UPDATE", "OLD.direct_award_id", "TRUE"),
    ("quote_upd_new", "quote", "UPDATE", "NEW.direct_award_id", "TRUE"),
    ("quote_del", "quote", "DELETE", "OLD.direct_award_id", "TRUE"),
    ("att_ins", "attachment", "INSERT", "NEW.owner_id", "NEW.owner_table = 'direct_award'"),
    ("att_upd", "attachment", "UPDATE", "OLD.owner_id", "OLD.owner_table = 'direct_award'"),
    ("att_upd_new", "attachment", "UPDATE", "NEW.owner_id", "NEW.owner_table = 'direct_award'"),
    ("att_del", "attachment", "DELETE", "OLD.owner_id", "OLD.owner_table = 'direct_award'"),
)


def _unchanged(distinct: str) -> str:
    """SQL that is true when no frozen column changed (null-safe)."""
    return " AND ".join(f"NOT (NEW.{c} {distinct} OLD.{c})" for c in FROZEN)


def _award_signed(parent: str) -> str:
    """SQL that is true when the award *parent* refers to is signed."""
    return f"EXISTS (SELECT 1 FROM direct_award d WHERE d.id = {parent} AND d.status IN {SIGNED})"


def _sqlite_upgrade() -> None:
    """BEFORE triggers that RAISE(ABORT)."""
    replacing = f"OLD.status = 'signerad' AND NEW.status = 'ersatt' AND {_unchanged('IS NOT')}"
    op.execute(
        f"CREATE TRIGGER trg_direct_award_signed_update BEFORE UPDATE ON direct_award "
        f"FOR EACH ROW WHEN OLD.status IN {SIGNED} AND NOT ({replacing}) "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )
    op.execute(
        f"CREATE TRIGGER trg_direct_award_signed_delete BEFORE DELETE ON direct_award "
        f"FOR EACH ROW WHEN OLD.status IN {SIGNED} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )
    for suffix, table, event, parent, extra in CHILDREN:
        condition = f"{extra.replace('TRUE', '1')} AND {_award_signed(parent)}"
        op.execute(
            f"CREATE TRIGGER trg_{suffix}_signed BEFORE {event} ON {table} "
            f"FOR EACH ROW WHEN {condition} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def _pg_function(name: str, body: str) -> None:
    """A plpgsql trigger function that raises a check violation when *body* holds."""
    op.execute(
        f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF {body} THEN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$"""
    )


def _pg_upgrade() -> None:
    """plpgsql functions and BEFORE ROW triggers."""
    replacing = (
        f"OLD.status = 'signerad' AND NEW.status = 'ersatt' AND {_unchanged('IS DISTINCT FROM')}"
    )
    op.execute(
        f"""CREATE FUNCTION inkop_direct_award_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status NOT IN {SIGNED} THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND {replacing} THEN RETURN NEW; END IF;
  RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
END $$"""
    )
    op.execute(
        "CREATE TRIGGER trg_direct_award_signed BEFORE UPDATE OR DELETE ON direct_award "
        "FOR EACH ROW EXECUTE FUNCTION inkop_direct_award_frozen()"
    )
    for suffix, table, event, parent, extra in CHILDREN:
        _pg_function(f"inkop_{suffix}_frozen", f"{extra} AND {_award_signed(parent)}")
        op.execute(
            f"CREATE TRIGGER trg_{suffix}_signed BEFORE {event} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION inkop_{suffix}_frozen()"
        )


def upgrade() -> None:
    """Add the two columns, then freeze signed records in the database itself."""
    with op.batch_alter_table("direct_award", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("suppliers_asked", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("annex2_services", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    if op.get_bind().dialect.name == "postgresql":
        _pg_upgrade()
    else:
        _sqlite_upgrade()


def downgrade() -> None:
    """Drop the triggers first (SQLite batch mode recreates the table), then the columns."""
    postgres = op.get_bind().dialect.name == "postgresql"
    names = ["direct_award_signed"] if postgres else [
        "direct_award_signed_update", "direct_award_signed_delete"
    ]  # fmt: skip
    for name in names:
        op.execute(f"DROP TRIGGER IF EXISTS trg_{name}" + (" ON direct_award" if postgres else ""))
    for suffix, table, *_ in CHILDREN:
        op.execute(
            f"DROP TRIGGER IF EXISTS trg_{suffix}_signed" + (f" ON {table}" if postgres else "")
        )
        if postgres:
            op.execute(f"DROP FUNCTION IF EXISTS inkop_{suffix}_frozen()")
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS inkop_direct_award_frozen()")
    with op.batch_alter_table("direct_award", schema=None) as batch_op:
        batch_op.drop_column("annex2_services")
        batch_op.drop_column("suppliers_asked")
