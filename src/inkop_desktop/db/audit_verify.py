"""Verifying the audit chain: every hash recomputed from the stored text, in id order."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inkop_desktop.db.audit_hash import CURRENT, GENESIS, entry_hash, hash_v2, utc
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


def _batches(session: Session) -> Iterator[Sequence[Any]]:
    """Every entry in id order as plain rows, BATCH at a time (keyset pages).

    Column order: id, at, the eight hashed fields (actor … new_row), prev_hash, hash,
    hash_version, so that ``row[2:10]`` is what a version-2 hash covers.
    """
    cols = AuditEntry.__table__.c
    stmt = select(cols.id, cols.at, cols.actor, cols.action, cols.table_name, cols.row_id,
                  cols.summary, cols.txid, cols.old_row, cols.new_row, cols.prev_hash,
                  cols.hash, cols.hash_version).order_by(cols.id).limit(BATCH)  # fmt: skip
    last = None
    while True:
        page = stmt if last is None else stmt.where(cols.id > last)
        rows = session.execute(page).all()
        if rows:
            yield rows
        if len(rows) < BATCH:
            return
        last = rows[-1][0]


def _earlier(session: Session, digest: str, before: int) -> int | None:
    """The id of an entry before *before* whose hash is *digest* (a fork), if any."""
    cols = AuditEntry.__table__.c
    stmt = select(func.min(cols.id)).where(cols.hash == digest, cols.id < before)
    found = session.execute(stmt).scalar_one_or_none()
    return None if found is None else int(found)


def _fault(session: Session, row: Any, prev: str, prev_id: int | None) -> str:
    """Why *row* breaks the chain after the entry *prev_id* with hash *prev*."""
    row_id, prev_hash = row[0], row[10]
    if prev_hash != prev:
        earlier = _earlier(session, prev_hash, row_id)
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


def _expected(prev: str, row: Any) -> str:
    """The hash *row* must carry after *prev*, by its own hash version."""
    if row[12] == CURRENT:
        return hash_v2(prev, row[1], row[2:10])
    return entry_hash(prev, row)


def verify_chain(session: Session) -> ChainReport:
    """Recompute every hash in id order; the first entry that does not hold is reported."""
    prev, prev_id, count = GENESIS, None, 0
    for rows in _batches(session):
        for index, row in enumerate(rows):
            if row[10] != prev or _expected(prev, row) != row[11]:
                reason = _fault(session, row, prev, prev_id)
                broken = BrokenEntry(row[0], utc(row[1]), row[4], row[2], reason)
                return ChainReport(count + index, broken, prev_id, prev)
            prev, prev_id = row[11], row[0]
        count += len(rows)
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
