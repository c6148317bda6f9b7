"""a contract's original total value is frozen once an amendment is recorded

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 19:10:00

After an amendment (ändring/tillägg) the contract's ``total_value_ore`` stays as first signed:
the amendments carry the new values. A BEFORE UPDATE trigger on ``contract`` refuses a change
of the value while the contract has an amendment (the services refuse first, in Swedish, with
the amendment's date). No rows change.
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

MESSAGE = (
    "Avtalet har ändringar; dess ursprungliga totala värde står kvar som det först tecknades "
    "och kan inte ändras."
)
AMENDED = "EXISTS (SELECT 1 FROM contract_amendment a WHERE a.contract_id = OLD.id)"
TRIGGER = "trg_contract_value_frozen"


def upgrade() -> None:
    """The trigger (plpgsql on PostgreSQL, RAISE(ABORT) on SQLite)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""CREATE FUNCTION inkop_contract_value_frozen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.total_value_ore IS DISTINCT FROM OLD.total_value_ore AND {AMENDED} THEN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$"""
        )
        op.execute(
            f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE ON contract "
            "FOR EACH ROW EXECUTE FUNCTION inkop_contract_value_frozen()"
        )
    else:
        op.execute(
            f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OF total_value_ore ON contract "
            f"FOR EACH ROW WHEN NEW.total_value_ore IS NOT OLD.total_value_ore AND {AMENDED} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def downgrade() -> None:
    """Drop the trigger (and its function)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON contract")
        op.execute("DROP FUNCTION IF EXISTS inkop_contract_value_frozen()")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}")
