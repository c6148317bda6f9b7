"""immutable tables refuse replace/truncate, append-only audit, number series

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 09:45:00

A signed direct award becomes "ersatt" only when a signed correction refers to it; the audit
trail can only grow; TRUNCATE (PostgreSQL) is refused on every immutable table. The table
``number_series`` hands out plan references and diarienummer under a row lock, seeded from
the highest numbers in use.
"""

from __future__ import annotations

import importlib
import re
import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_V3 = importlib.import_module("inkop_desktop.db.migrations.versions.0003_direct_award_immutability")
SIGNED = _V3.SIGNED
MESSAGE = _V3.MESSAGE
AUDIT_MESSAGE = "Loggen kan bara fyllas på; dess rader kan aldrig ändras eller tas bort."
IMMUTABLE = ("direct_award", "quote", "attachment", "audit_entry")
CORRECTED = (
    "EXISTS (SELECT 1 FROM direct_award c WHERE c.supersedes_id = OLD.id AND c.status = 'signerad')"
)
"""A signed correction refers to the old record (only then may it become "ersatt")."""


def _replacing(distinct: str, corrected: bool) -> str:
    """SQL true for the one allowed change: signerad → ersatt, nothing else changed."""
    condition = f"OLD.status = 'signerad' AND NEW.status = 'ersatt' AND {_V3._unchanged(distinct)}"
    return f"{condition} AND {CORRECTED}" if corrected else condition


def _sqlite_award_trigger(corrected: bool) -> None:
    """(Re)create the BEFORE UPDATE trigger of direct_award."""
    op.execute("DROP TRIGGER IF EXISTS trg_direct_award_signed_update")
    op.execute(
        f"CREATE TRIGGER trg_direct_award_signed_update BEFORE UPDATE ON direct_award "
        f"FOR EACH ROW WHEN OLD.status IN {SIGNED} AND NOT ({_replacing('IS NOT', corrected)}) "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )


def _pg_award_function(corrected: bool) -> None:
    """(Re)define the plpgsql function behind trg_direct_award_signed."""
    op.execute(
        f"""CREATE OR REPLACE FUNCTION inkop_direct_award_frozen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status NOT IN {SIGNED} THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND {_replacing("IS DISTINCT FROM", corrected)} THEN RETURN NEW; END IF;
  RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
END $$"""
    )


def _sqlite_upgrade() -> None:
    """The correction check, and audit rows that can be neither changed nor deleted."""
    _sqlite_award_trigger(corrected=True)
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER trg_audit_entry_no_{event.lower()} BEFORE {event} ON audit_entry "
            f"FOR EACH ROW BEGIN SELECT RAISE(ABORT, '{AUDIT_MESSAGE}'); END"
        )


def _pg_upgrade() -> None:
    """The correction check, an append-only audit trail and no TRUNCATE of immutable tables."""
    _pg_award_function(corrected=True)
    op.execute(
        f"""CREATE FUNCTION inkop_audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '{AUDIT_MESSAGE}' USING ERRCODE = 'check_violation';
END $$"""
    )
    op.execute(
        "CREATE TRIGGER trg_audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
        "FOR EACH ROW EXECUTE FUNCTION inkop_audit_entry_append_only()"
    )
    op.execute(
        """CREATE FUNCTION inkop_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Tabellen % kan inte tömmas: signerade beslut och loggen tas aldrig bort.',
    TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$"""
    )
    for table in IMMUTABLE:
        op.execute(
            f"CREATE TRIGGER trg_{table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION inkop_refuse_truncate()"
        )


def _highest(conn: sa.Connection) -> dict[str, int]:
    """The highest number in use per series (corrections ``…/2`` do not count)."""
    found: dict[str, int] = {}
    patterns = (
        ("SELECT reference FROM plan_item", re.compile(r"^(UP-\d{4})-(\d+)$")),
        ("SELECT diarienummer FROM direct_award", re.compile(r"^(R[SV] \d{4})-(\d+)$")),
    )
    for query, pattern in patterns:
        for (text,) in conn.execute(sa.text(query)):
            match = pattern.match(text or "")
            if match:
                key, number = match.group(1), int(match.group(2))
                found[key] = max(found.get(key, 0), number)
    return found


def _create_number_series() -> None:
    """The table, seeded with the highest number of every series in use."""
    table = op.create_table(
        "number_series",
        sa.Column("series", sa.String(length=20), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_number_series")),
        sa.UniqueConstraint("series", name=op.f("uq_number_series_series")),
    )
    now = datetime.now(UTC)
    rows = [
        {"series": key, "last_number": number, "id": uuid.uuid4(), "version": 1,
         "created_at": now, "created_by": "", "updated_at": now, "updated_by": ""}
        for key, number in sorted(_highest(op.get_bind()).items())
    ]  # fmt: skip
    if rows and table is not None:
        op.bulk_insert(table, rows)


def upgrade() -> None:
    """Create and seed number_series, then tighten the triggers."""
    _create_number_series()
    if op.get_bind().dialect.name == "postgresql":
        _pg_upgrade()
    else:
        _sqlite_upgrade()


def downgrade() -> None:
    """Back to the triggers of 0003; drop number_series."""
    if op.get_bind().dialect.name == "postgresql":
        for table in IMMUTABLE:
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_no_truncate ON {table}")
        op.execute("DROP FUNCTION IF EXISTS inkop_refuse_truncate()")
        op.execute("DROP TRIGGER IF EXISTS trg_audit_entry_append_only ON audit_entry")
        op.execute("DROP FUNCTION IF EXISTS inkop_audit_entry_append_only()")
        _pg_award_function(corrected=False)
    else:
        op.execute("DROP TRIGGER IF EXISTS trg_audit_entry_no_update")
        op.execute("DROP TRIGGER IF EXISTS trg_audit_entry_no_delete")
        _sqlite_award_trigger(corrected=False)
    op.drop_table("number_series")
