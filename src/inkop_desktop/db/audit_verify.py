"""Verifying the audit chain: every hash recomputed from the stored text, in id order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inkop_desktop.db.audit_hash import GENESIS, entry_hash, utc
from inkop_desktop.db.tables_core import AuditEntry

BATCH = 5000
"""Entries read per query when the chain is verified (keyset pages: memory stays flat)."""


@dataclass(frozen=True)
class BrokenEntry:
    """The first entry at which the chain does not hold, and why (Swedish)."""

    id: int
    at: datetime
    table_name: str
    actor: str
    reason: str


@dataclass(frozen=True)
class ChainReport:
    """How many entries were verified before the end (or the first broken entry), the head."""

    count: int
    broken: BrokenEntry | None = None
    head_id: int | None = None
    head_hash: str = GENESIS


def _stream(session: Session) -> Iterator[Any]:
    """Every entry in id order, BATCH at a time."""
    cols = AuditEntry.__table__.c
    last = None
    while True:
        stmt = select(cols.id, cols.at, cols.actor, cols.action, cols.table_name, cols.row_id,
                      cols.summary, cols.prev_hash, cols.hash, cols.hash_version, cols.txid,
                      cols.old_row, cols.new_row)  # fmt: skip
        if last is not None:
            stmt = stmt.where(cols.id > last)
        rows = session.execute(stmt.order_by(cols.id).limit(BATCH)).all()
        yield from rows
        if len(rows) < BATCH:
            return
        last = rows[-1].id


def _fault(row: Any, prev: str, prev_id: int | None, seen: dict[str, int]) -> str:
    """Why *row* breaks the chain after the entry *prev_id* with hash *prev*."""
    if row.prev_hash != prev:
        earlier = seen.get(row.prev_hash[:16])
        if earlier is not None:
            return (
                f"posten bygger på post #{earlier} i stället för på post #{prev_id}: kedjan har "
                "förgrenats eller posten har lagts till i efterhand"
            )
        if prev_id is None:
            return "den första posten bygger inte på kedjans början: poster före den saknas"
        return (
            f"posten bygger inte på föregående post #{prev_id}: en post har tagits bort, "
            "flyttats eller ändrats"
        )
    return "postens innehåll stämmer inte med dess kontrollsumma: posten har ändrats"


def verify_chain(session: Session) -> ChainReport:
    """Recompute every hash in id order; the first entry that does not hold is reported."""
    prev, prev_id, count = GENESIS, None, 0
    seen: dict[str, int] = {}
    for row in _stream(session):
        if row.prev_hash != prev or entry_hash(prev, row) != row.hash:
            reason = _fault(row, prev, prev_id, seen)
            broken = BrokenEntry(row.id, utc(row.at), row.table_name, row.actor, reason)
            return ChainReport(count, broken, prev_id, prev)
        seen[row.hash[:16]] = row.id  # 16 hex digits name an earlier entry well enough
        prev, prev_id, count = row.hash, row.id, count + 1
    return ChainReport(count, None, prev_id, prev)


def anchored_entry(session: Session, entry_id: int) -> tuple[str, int] | None:
    """(hash, position counted from 1) of entry *entry_id*, or None when it is gone."""
    cols = AuditEntry.__table__.c
    found = session.execute(select(cols.hash).where(cols.id == entry_id)).scalar_one_or_none()
    if found is None:
        return None
    position = session.execute(
        select(func.count()).select_from(AuditEntry).where(cols.id <= entry_id)
    ).scalar_one()
    return str(found), int(position)
