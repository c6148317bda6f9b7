"""avtalsuppföljning: versioned templates, plan templates, signed follow-ups, actions, contact log

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-01 16:00:00

Columns are only added (SQLite: ALTER TABLE ADD COLUMN, no rebuild). Existing rows are brought
along: every template gets a key and version 1, a performed follow-up ("genomford") becomes
signed ("slutford", by its performer on the day performed), old free-text sanctions are mapped
to the four kinds, closed actions get a closing note. Then a signed follow-up, its results and
their evidence files are frozen by triggers (and TRUNCATE is refused on PostgreSQL).
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None

MESSAGE = "En slutförd avtalsuppföljning är signerad och kan inte ändras."
SIGNED = "'slutford'"
SERIOUS_CATEGORIES = "('skatter', 'registrering', 'arbetsvillkor', 'valfardsbrott')"
_SIGNED_PARENT = "EXISTS (SELECT 1 FROM followup f WHERE f.id = {0} AND f.status = 'slutford')"
_RESULT_SIGNED = (
    "EXISTS (SELECT 1 FROM followup_result r JOIN followup f ON f.id = r.followup_id "
    "WHERE r.id = {0} AND f.status = 'slutford')"
)
_EVIDENCE = "{0}.owner_table = 'followup_result' AND " + _RESULT_SIGNED.format("{0}.owner_id")
_FILE = "{0}.owner_table = 'followup' AND " + _SIGNED_PARENT.format("{0}.owner_id")
# (trigger suffix, table, event, condition on OLD/NEW that makes the change refused)
GUARDED = (
    ("fu_upd", "followup", "UPDATE", f"OLD.status = {SIGNED}"),
    ("fu_del", "followup", "DELETE", f"OLD.status = {SIGNED}"),
    ("fur_ins", "followup_result", "INSERT", _SIGNED_PARENT.format("NEW.followup_id")),
    ("fur_upd", "followup_result", "UPDATE", _SIGNED_PARENT.format("OLD.followup_id")),
    ("fur_upd_new", "followup_result", "UPDATE", _SIGNED_PARENT.format("NEW.followup_id")),
    ("fur_del", "followup_result", "DELETE", _SIGNED_PARENT.format("OLD.followup_id")),
    ("fue_ins", "attachment", "INSERT", f"({_EVIDENCE.format('NEW')}) OR ({_FILE.format('NEW')})"),
    ("fue_upd", "attachment", "UPDATE", f"({_EVIDENCE.format('OLD')}) OR ({_FILE.format('OLD')})"),
    (
        "fue_upd_new", "attachment", "UPDATE",
        f"({_EVIDENCE.format('NEW')}) OR ({_FILE.format('NEW')})",
    ),
    ("fue_del", "attachment", "DELETE", f"({_EVIDENCE.format('OLD')}) OR ({_FILE.format('OLD')})"),
)  # fmt: skip
TRUNCATE_GUARDED = ("followup", "followup_result")
PERSON_FKS = (
    ("followup", "signed_by_id"),
    ("followup_action", "closed_by_id"),
)
SHIPPED_KEYS = {
    "Grundkontroll leverantör": "grundkontroll",
    "Fullständig avtalsuppföljning": "fullstandig",
}
SANCTIONS = (
    ("vite", "vite"),
    ("häv", "havning"),
    ("reklam", "reklamation"),
    ("anmärk", "reklamation"),
)


def _columns() -> None:
    """The new plain columns (each with a server default so existing rows get a value)."""
    text, false, one = sa.Text(), sa.false(), "1"
    plain: tuple[tuple[str, sa.Column[Any]], ...] = (
        ("followup_template", sa.Column("key", sa.String(60), nullable=True)),
        ("followup_template", sa.Column("current_version", sa.Integer(), server_default=one, nullable=False)),
        ("followup_template", sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False)),
        ("followup_template_item", sa.Column("version_no", sa.Integer(), server_default=one, nullable=False)),
        ("followup_template_item", sa.Column("evidence", text, server_default="", nullable=False)),
        ("followup_template_item", sa.Column("serious", sa.Boolean(), server_default=false, nullable=False)),
        ("followup_plan", sa.Column("note", text, server_default="", nullable=False)),
        ("followup", sa.Column("signed_at", sa.DateTime(timezone=True), nullable=True)),
        ("followup", sa.Column("templates", text, server_default="", nullable=False)),
        ("followup_result", sa.Column("ordinal", sa.Integer(), server_default="0", nullable=False)),
        ("followup_result", sa.Column("evidence_expected", text, server_default="", nullable=False)),
        ("followup_result", sa.Column("serious", sa.Boolean(), server_default=false, nullable=False)),
        ("followup_action", sa.Column("closing_note", text, server_default="", nullable=False)),
    )  # fmt: skip
    for table, column in plain:
        op.add_column(table, column)
    for table, name in PERSON_FKS:
        _add_reference(table, name, "person")
    _add_reference("followup_result", "template_item_id", "followup_template_item")


def _add_reference(table: str, column: str, target: str) -> None:
    """A nullable foreign-key column and its index, without rebuilding the table."""
    name = f"fk_{table}_{column}_{target}"
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"ALTER TABLE {table} ADD COLUMN {column} CHAR(32) "
            f"CONSTRAINT {name} REFERENCES {target} (id)"
        )
    else:
        op.add_column(table, sa.Column(column, sa.Uuid(), nullable=True))
        op.create_foreign_key(name, table, target, [column], ["id"])
    op.create_index(f"ix_{table}_{column}", table, [column])


def _row_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    """The bookkeeping columns every table has (db.base.Row)."""
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
    ]


def _tables() -> None:
    """followup_plan_template (the templates of a plan) and followup_contact (the contact log)."""
    op.create_table(
        "followup_plan_template",
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("template_id", sa.Uuid(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        *_row_columns(),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["followup_plan.id"], ondelete="CASCADE",
            name="fk_followup_plan_template_plan_id_followup_plan",
        ),
        sa.ForeignKeyConstraint(
            ["template_id"], ["followup_template.id"],
            name="fk_followup_plan_template_template_id_followup_template",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_followup_plan_template"),
        sa.UniqueConstraint("plan_id", "template_id", name="uq_followup_plan_template_plan_id"),
    )  # fmt: skip
    op.create_index(
        "ix_followup_plan_template_template_id", "followup_plan_template", ["template_id"]
    )
    op.create_table(
        "followup_contact",
        sa.Column("contract_id", sa.Uuid(), nullable=False),
        sa.Column("contacted_on", sa.Date(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=True),
        sa.Column("supplier_person", sa.String(200), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_row_columns(),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], ondelete="CASCADE",
            name="fk_followup_contact_contract_id_contract",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name="fk_followup_contact_person_id_person"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_followup_contact"),
    )  # fmt: skip
    op.create_index("ix_followup_contact_contract_id", "followup_contact", ["contract_id"])
    op.create_index("ix_followup_contact_person_id", "followup_contact", ["person_id"])


def _key(name: str, taken: set[str]) -> str:
    """A stable key for an existing template: the shipped one, else a slug of its name."""
    key = SHIPPED_KEYS.get(name)
    if key is None:
        plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
        key = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:50] or "mall"
    found, n = key, 2
    while found in taken:
        found, n = f"{key}_{n}", n + 1
    taken.add(found)
    return found


def _bring_data_along(conn: sa.Connection) -> None:
    """Keys for templates, signed performed follow-ups, mapped sanctions, plan templates."""
    taken: set[str] = set()
    rows = conn.execute(sa.text("SELECT id, name FROM followup_template ORDER BY name")).all()
    key_of = sa.text("UPDATE followup_template SET key = :key WHERE id = :id")
    for row in rows:
        conn.execute(key_of, {"key": _key(row.name, taken), "id": row.id})
    conn.execute(
        sa.text(
            f"UPDATE followup_template_item SET serious = TRUE "
            f"WHERE category IN {SERIOUS_CATEGORIES}"
        )
    )
    conn.execute(
        sa.text(f"UPDATE followup_result SET serious = TRUE WHERE category IN {SERIOUS_CATEGORIES}")
    )
    _sign_performed(conn)
    _map_sanctions(conn)
    _plan_templates(conn)


def _sign_performed(conn: sa.Connection) -> None:
    """A performed follow-up was signed by its performer on the day it was performed."""
    rows = conn.execute(
        sa.text(
            "SELECT f.id, f.performed_on, t.name FROM followup f "
            "JOIN followup_plan p ON p.id = f.plan_id "
            "LEFT JOIN followup_template t ON t.id = p.template_id WHERE f.status = 'genomford'"
        )
    ).all()
    update = sa.text(
        "UPDATE followup SET status = 'slutford', signed_by_id = performed_by_id, "
        "signed_at = :at, templates = :templates WHERE id = :id"
    ).bindparams(
        sa.bindparam("at", type_=sa.DateTime(timezone=True)), sa.bindparam("id", type_=sa.Uuid())
    )
    for row in rows:
        day = row.performed_on
        if isinstance(day, str):
            day = datetime.fromisoformat(day)
        at = datetime(day.year, day.month, day.day, 12, tzinfo=UTC) if day else datetime.now(UTC)
        templates = f"{row.name} (version 1)" if row.name else ""
        conn.execute(update, {"at": at, "templates": templates, "id": uuid.UUID(str(row.id))})


def _map_sanctions(conn: sa.Connection) -> None:
    """Free-text sanctions become one of the four kinds; closed actions get a note."""
    rows = conn.execute(sa.text("SELECT id, sanction, status FROM followup_action")).all()
    update = sa.text(
        "UPDATE followup_action SET sanction = :sanction, closing_note = :note WHERE id = :id"
    ).bindparams(sa.bindparam("id", type_=sa.Uuid()))
    for row in rows:
        old = (row.sanction or "").lower()
        kind = next((k for word, k in SANCTIONS if word in old), "ingen")
        note = (
            "Åtgärdad (stängd före versionen med stängningsanteckning)."
            if row.status == "klar"
            else ""
        )
        if row.sanction and row.sanction.lower() != kind:
            note = f"{note} Tidigare angiven sanktion: {row.sanction}".strip()
        conn.execute(update, {"sanction": kind, "note": note, "id": uuid.UUID(str(row.id))})


def _plan_templates(conn: sa.Connection) -> None:
    """Each plan's one template becomes its first plan template."""
    rows = conn.execute(
        sa.text("SELECT id, template_id FROM followup_plan WHERE template_id IS NOT NULL")
    ).all()
    now = datetime.now(UTC)
    table = sa.table(
        "followup_plan_template",
        *(sa.column(c) for c in ("id", "plan_id", "template_id", "ordinal", "version")),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("created_by"),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("updated_by"),
    )
    values = [
        {"id": uuid.uuid4(), "plan_id": uuid.UUID(str(r.id)), "template_id": uuid.UUID(str(r.template_id)),
         "ordinal": 1, "version": 1, "created_at": now, "created_by": "migrering 0009",
         "updated_at": now, "updated_by": "migrering 0009"}
        for r in rows
    ]  # fmt: skip
    if values:
        conn.execute(
            table.insert().values(
                id=sa.bindparam("id", type_=sa.Uuid()),
                plan_id=sa.bindparam("plan_id", type_=sa.Uuid()),
                template_id=sa.bindparam("template_id", type_=sa.Uuid()),
            ),
            values,
        )


def _sqlite_triggers() -> None:
    """BEFORE triggers that RAISE(ABORT)."""
    for suffix, table, event, condition in GUARDED:
        op.execute(
            f"CREATE TRIGGER trg_{suffix}_signed BEFORE {event} ON {table} "
            f"FOR EACH ROW WHEN {condition} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def _pg_triggers() -> None:
    """plpgsql functions and BEFORE ROW triggers; no TRUNCATE of follow-ups and results."""
    for suffix, table, event, condition in GUARDED:
        op.execute(
            f"""CREATE FUNCTION inkop_{suffix}_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF {condition} THEN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$"""
        )
        op.execute(
            f"CREATE TRIGGER trg_{suffix}_signed BEFORE {event} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION inkop_{suffix}_frozen()"
        )
    for table in TRUNCATE_GUARDED:
        op.execute(
            f"CREATE TRIGGER trg_{table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION inkop_refuse_truncate()"
        )


def upgrade() -> None:
    """Columns and tables, the existing rows brought along, then the triggers."""
    _columns()
    _tables()
    _bring_data_along(op.get_bind())
    with op.batch_alter_table("followup_template") as batch_op:
        batch_op.alter_column("key", existing_type=sa.String(60), nullable=False)
    op.create_index("ix_followup_template_key", "followup_template", ["key"], unique=True)
    if op.get_bind().dialect.name == "postgresql":
        _pg_triggers()
    else:
        _sqlite_triggers()


def downgrade() -> None:
    """Triggers first, then the tables and columns (signed follow-ups stay "slutford")."""
    postgres = op.get_bind().dialect.name == "postgresql"
    for suffix, table, *_ in GUARDED:
        op.execute(
            f"DROP TRIGGER IF EXISTS trg_{suffix}_signed" + (f" ON {table}" if postgres else "")
        )
        if postgres:
            op.execute(f"DROP FUNCTION IF EXISTS inkop_{suffix}_frozen()")
    if postgres:
        for table in TRUNCATE_GUARDED:
            op.execute(f"DROP TRIGGER IF EXISTS trg_{table}_no_truncate ON {table}")
    op.execute("UPDATE followup SET status = 'genomford' WHERE status = 'slutford'")
    op.drop_table("followup_contact")
    op.drop_table("followup_plan_template")
    op.drop_index("ix_followup_template_key", table_name="followup_template")
    for table, column in (*PERSON_FKS, ("followup_result", "template_item_id")):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
    for table in dict(DROPPED):
        # the triggers are gone, so SQLite may rebuild the table (foreign-key columns need it)
        with op.batch_alter_table(table) as batch_op:
            for column in (c for t, c in DROPPED if t == table):
                batch_op.drop_column(column)


DROPPED = (
    ("followup_action", "closed_by_id"), ("followup_action", "closing_note"),
    ("followup_result", "template_item_id"), ("followup_result", "serious"),
    ("followup_result", "evidence_expected"), ("followup_result", "ordinal"),
    ("followup", "signed_by_id"), ("followup", "templates"), ("followup", "signed_at"),
    ("followup_plan", "note"), ("followup_template_item", "serious"),
    ("followup_template_item", "evidence"), ("followup_template_item", "version_no"),
    ("followup_template", "active"), ("followup_template", "current_version"),
    ("followup_template", "key"),
)  # fmt: skip
