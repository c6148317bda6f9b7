"""contract search text for the avtalskatalog

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 07:45:00
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

contract = sa.table(
    "contract",
    sa.column("id", sa.Uuid()),
    sa.column("title", sa.String()),
    sa.column("keywords", sa.Text()),
    sa.column("contract_number", sa.String()),
    sa.column("cpv", sa.String()),
    sa.column("search_text", sa.Text()),
)
contract_supplier = sa.table(
    "contract_supplier", sa.column("contract_id", sa.Uuid()), sa.column("supplier_id", sa.Uuid())
)
supplier = sa.table("supplier", sa.column("id", sa.Uuid()), sa.column("name", sa.String()))


def _backfill(conn: sa.Connection) -> None:
    """Lower-cased title, keywords, number, CPV and supplier names (as the app keeps them)."""
    names: dict[object, list[str]] = defaultdict(list)
    joined = sa.select(contract_supplier.c.contract_id, supplier.c.name).join(
        supplier, supplier.c.id == contract_supplier.c.supplier_id
    )
    for contract_id, name in conn.execute(joined):
        names[contract_id].append(name)
    rows = []
    for r in conn.execute(sa.select(contract.c.id, contract.c.title, contract.c.keywords,
                                    contract.c.contract_number, contract.c.cpv)):  # fmt: skip
        parts = [r.title, r.keywords, r.contract_number, r.cpv, *sorted(names[r.id])]
        rows.append({"cid": r.id, "text": " ".join(p.lower() for p in parts if p)})
    if rows:
        stmt = (
            sa.update(contract)
            .where(contract.c.id == sa.bindparam("cid"))
            .values(search_text=sa.bindparam("text"))
        )
        conn.execute(stmt, rows)


def upgrade() -> None:
    """Add the column (SQLite: ALTER TABLE ADD COLUMN, no table rebuild) and fill it."""
    op.add_column(
        "contract", sa.Column("search_text", sa.Text(), nullable=False, server_default="")
    )
    _backfill(op.get_bind())


def downgrade() -> None:
    """Drop the column."""
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.drop_column("search_text")
