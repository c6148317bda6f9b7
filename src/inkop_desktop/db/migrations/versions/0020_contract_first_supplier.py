"""avtalskatalogen: the contract's first supplier, stored

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02 16:00:00

``contract.first_supplier``: the name first among the contract's suppliers in the database's
own order (SQL ``min``, NULL without suppliers), kept current by the app like ``search_text``.
The catalogue ranks on it instead of looking the suppliers up for every matching contract.
SQLite: ALTER TABLE ADD/DROP COLUMN (no rebuild: the FTS5 tables keyed by rowid stay valid).
PostgreSQL audits the backfill like any change (about a minute per 100 000 contracts).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

ROW_COUNT_CHANGES = {
    "audit_entry": "PostgreSQL audits the backfill: one update entry per contract with suppliers",
}

contract = sa.table(
    "contract", sa.column("id", sa.Uuid()), sa.column("first_supplier", sa.String())
)
contract_supplier = sa.table(
    "contract_supplier", sa.column("contract_id", sa.Uuid()), sa.column("supplier_id", sa.Uuid())
)
supplier = sa.table("supplier", sa.column("id", sa.Uuid()), sa.column("name", sa.String()))


def _backfill(conn: sa.Connection) -> None:
    """Every contract's first supplier, as SQL orders the names (one statement)."""
    first = (
        sa.select(sa.func.min(supplier.c.name))
        .join(contract_supplier, contract_supplier.c.supplier_id == supplier.c.id)
        .where(contract_supplier.c.contract_id == contract.c.id)
        .scalar_subquery()
    )
    conn.execute(sa.update(contract).values(first_supplier=first))


def upgrade() -> None:
    """Add the column and fill it."""
    op.add_column("contract", sa.Column("first_supplier", sa.String(length=200), nullable=True))
    _backfill(op.get_bind())


def downgrade() -> None:
    """Drop the column (SQLite 3.35+: in place)."""
    op.drop_column("contract", "first_supplier")
