"""avtalskatalogen: the lower-cased keys its ranking reads (number, keywords, supplier names)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 14:30:00

``contract`` gains ``number_key``, ``keywords_key`` and ``suppliers_key``: the contract number
and keywords lower-cased, and its suppliers' names lower-cased, sorted and one per line, kept
with ``search_text`` by ``db.search_text`` (``title_key`` already held the title). A search
then ranks its matches on stored text instead of lower-casing their fields and looking up
their suppliers per row (100 000 contracts, "nor": the supplier test took 50 of 81 ms on
SQLite). Only columns are added (SQLite: ALTER TABLE ADD COLUMN, no rebuild, so the FTS5
indexes keyed by rowid stay); every contract's keys are then filled in, in batches. On
PostgreSQL that fill is an audited change of each contract (its version does not move: the
keys are derived, like the search text).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

ROW_COUNT_CHANGES = {
    "audit_entry": "PostgreSQL: each contract's filled-in ranking keys are an audited change",
}
COLUMNS = ("number_key", "keywords_key", "suppliers_key")
BATCH = 2000

contract = sa.table(
    "contract",
    sa.column("id", sa.Uuid()),
    sa.column("keywords", sa.Text()),
    sa.column("contract_number", sa.String()),
    *(sa.column(name, sa.Text()) for name in COLUMNS),
)
contract_supplier = sa.table(
    "contract_supplier", sa.column("contract_id", sa.Uuid()), sa.column("supplier_id", sa.Uuid())
)
supplier = sa.table("supplier", sa.column("id", sa.Uuid()), sa.column("name", sa.String()))


def _fill(conn: sa.Connection) -> None:
    """Every contract's keys, as the app keeps them, written BATCH contracts at a time."""
    names: dict[Any, list[str]] = defaultdict(list)
    joined = sa.select(contract_supplier.c.contract_id, supplier.c.name).join(
        supplier, supplier.c.id == contract_supplier.c.supplier_id
    )
    for contract_id, name in conn.execute(joined):
        names[contract_id].append(name)
    stmt = (
        sa.update(contract)
        .where(contract.c.id == sa.bindparam("cid"))
        .values({name: sa.bindparam(name) for name in COLUMNS})
    )
    read = sa.select(contract.c.id, contract.c.keywords, contract.c.contract_number)
    rows: list[dict[str, Any]] = []
    for r in conn.execute(read).all():
        suppliers = "\n".join(sorted(n.lower() for n in names[r.id]))  # as db.search_text.keys
        rows.append({"cid": r.id, "number_key": r.contract_number.lower(),
                     "keywords_key": (r.keywords or "").lower(), "suppliers_key": suppliers})  # fmt: skip
        if len(rows) >= BATCH:
            conn.execute(stmt, rows)
            rows = []
    if rows:
        conn.execute(stmt, rows)


def upgrade() -> None:
    """Add the three columns and fill them in."""
    for name in COLUMNS:
        op.add_column("contract", sa.Column(name, sa.Text(), nullable=False, server_default=""))
    _fill(op.get_bind())


def downgrade() -> None:
    """Drop the columns (SQLite 3.35+: DROP COLUMN; a rebuild would lose the rowids and
    triggers of the FTS5 indexes)."""
    for name in reversed(COLUMNS):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE contract DROP COLUMN {name}")
        else:
            op.drop_column("contract", name)
