"""A hash-chained audit trail: entries gathered on every flush, chained once at commit.

Why the chain cannot fork (issue 11): the head is read and the new entries are appended at
the very end of the transaction, after its last data flush, by one writer at a time.

- PostgreSQL: ``pg_advisory_xact_lock(CHAIN_LOCK)`` is taken in the committing transaction
  right before the head is read. It is held until COMMIT, so the next writer's SELECT (READ
  COMMITTED, the isolation the app uses: every statement sees what was committed before it
  started) sees the committed head. The ids come from the sequence when the audit rows are
  INSERTed, which happens after the lock is granted, so id order is chain order. The lock is
  the transaction's last lock: its holder waits for no row lock of another writer, so waiting
  for it adds no deadlock cycle.
- SQLite: the data flush before the head is read has already written, and the first write of
  a transaction takes the database's single write lock (the pysqlite driver emits BEGIN right
  before the first INSERT/UPDATE/DELETE, so the transaction has read nothing before it and WAL
  gives it the newest snapshot); nobody else can append until COMMIT. Others wait in the busy
  handler (``busy_timeout``). Rowids are handed out inside that lock, in chain order.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, func, inspect, select
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from inkop_desktop.db.aggregates import touched_by
from inkop_desktop.db.base import Row, utcnow
from inkop_desktop.db.tables_core import AuditEntry

GENESIS = "0" * 64
CHAIN_LOCK = 7_597_127_747_791_582_564
"""Key of the PostgreSQL advisory lock that serialises appends to the chain (b"inkopaud")."""
BATCH = 5000
"""Entries read per query when the chain is verified (keyset pages: memory stays flat)."""
PENDING = "audit.pending"
"""session.info key: the entries of this transaction that are not chained yet."""


@dataclass(frozen=True)
class _Pending:
    """An audit entry waiting for the commit that chains it."""

    transaction: SessionTransaction
    actor: str
    action: str
    table_name: str
    row_id: str
    summary: str


def _summary(session: Session, obj: Row, action: str) -> str:
    """Changed column names and changed child tables (updates), or the row's title-ish field."""
    if action != "update":
        return str(getattr(obj, "title", None) or getattr(obj, "name", None) or "")
    state = inspect(obj)
    changed = {a.key for a in state.attrs if a.history.has_changes()}
    changed -= {"updated_at", "updated_by"}
    return ", ".join(sorted(changed | touched_by(session, obj)))


def _entries(session: Session) -> list[tuple[str, Row]]:
    """(action, row) for every versioned row in this flush."""
    found: list[tuple[str, Row]] = []
    for action, objs in (
        ("insert", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        found.extend((action, o) for o in objs if isinstance(o, Row))
    return [(a, o) for a, o in found if a != "update" or session.is_modified(o)]


def _table(obj: Row) -> str:
    """The table name of a mapped row."""
    return str(obj.__table__.name)  # type: ignore[attr-defined]


def chain_hash(prev: str, fields: tuple[Any, ...]) -> str:
    """sha256 over the previous hash and this entry's fields."""
    text = prev + "|" + "|".join(str(f) for f in fields)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    """Stamp who/when on changed rows and remember their audit entries for the commit."""
    entries = _entries(session)
    if not entries:
        return
    actor = str(session.info.get("actor", ""))
    current = session.get_nested_transaction() or session.get_transaction()
    assert current is not None  # a flush always runs inside a transaction
    pending: list[_Pending] = session.info.setdefault(PENDING, [])
    for action, obj in entries:
        _stamp(obj, action, actor)
        summary = _summary(session, obj, action)
        pending.append(_Pending(current, actor, action, _table(obj), str(obj.id), summary))


def _before_commit(session: Session) -> None:
    """Flush the last changes, then append this transaction's entries to the chain's head."""
    if session.in_nested_transaction():
        return  # a savepoint: its entries are chained when the whole transaction commits
    session.flush()
    pending: list[_Pending] = session.info.pop(PENDING, [])
    if not pending:
        return
    prev = _locked_head(session)
    now = utcnow()
    for p in pending:
        fields = (now.isoformat(), p.actor, p.action, p.table_name, p.row_id, p.summary)
        digest = chain_hash(prev, fields)
        session.add(
            AuditEntry(
                at=now,
                actor=p.actor,
                action=p.action,
                table_name=p.table_name,
                row_id=p.row_id,
                summary=p.summary,
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest
    session.flush()  # INSERTed now, inside the lock: the ids follow the chain


def _locked_head(session: Session) -> str:
    """The chain's head hash, read while holding the chain's lock (see the module docstring)."""
    if session.connection().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(CHAIN_LOCK)))
    head = select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    return session.execute(head).scalar_one_or_none() or GENESIS


def _after_soft_rollback(session: Session, previous: SessionTransaction) -> None:
    """Forget the entries of a rolled-back transaction (or savepoint) and of its savepoints."""
    pending: list[_Pending] | None = session.info.get(PENDING)
    if pending:
        pending[:] = [p for p in pending if not _within(p.transaction, previous)]


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    """A closed session transaction leaves no entries behind for the next one."""
    if transaction.parent is None:
        session.info.pop(PENDING, None)


def _within(transaction: SessionTransaction | None, outer: SessionTransaction) -> bool:
    """True when *transaction* is *outer* or one of its nested transactions."""
    while transaction is not None:
        if transaction is outer:
            return True
        transaction = transaction.parent
    return False


def _stamp(obj: Row, action: str, actor: str) -> None:
    """Give new rows their key and set created/updated by."""
    if obj.id is None:
        obj.id = uuid.uuid4()
    if action == "insert" and not obj.created_by:
        obj.created_by = actor
    if action != "delete":
        obj.updated_by = actor


def install(factory: sessionmaker[Session]) -> None:
    """Register the audit hooks on every session of *factory* (once)."""
    for name, hook in (
        ("before_flush", _before_flush),
        ("before_commit", _before_commit),
        ("after_soft_rollback", _after_soft_rollback),
        ("after_transaction_end", _after_transaction_end),
    ):
        if not event.contains(factory, name, hook):
            event.listen(factory, name, hook)


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
    """How many entries were verified before the end (or the first broken entry)."""

    count: int
    broken: BrokenEntry | None = None


def _utc(at: datetime) -> datetime:
    """A stored time as the aware UTC time it was hashed with (SQLite returns it naive)."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _stream(session: Session) -> Iterator[Any]:
    """Every entry in id order, BATCH at a time."""
    cols = AuditEntry.__table__.c
    last = None
    while True:
        stmt = select(cols.id, cols.at, cols.actor, cols.action, cols.table_name, cols.row_id,
                      cols.summary, cols.prev_hash, cols.hash)  # fmt: skip
        if last is not None:
            stmt = stmt.where(cols.id > last)
        rows = session.execute(stmt.order_by(cols.id).limit(BATCH)).all()
        yield from rows
        if len(rows) < BATCH:
            return
        last = rows[-1].id


def _entry_hash(prev: str, row: Any) -> str:
    """The hash *row* must carry after *prev* (``chain_hash`` of its stored fields)."""
    at = row[1]
    at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    text = f"{prev}|{at.isoformat()}|{row[2]}|{row[3]}|{row[4]}|{row[5]}|{row[6]}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
        if row[7] != prev or _entry_hash(prev, row) != row[8]:
            reason = _fault(row, prev, prev_id, seen)
            broken = BrokenEntry(row.id, _utc(row.at), row.table_name, row.actor, reason)
            return ChainReport(count, broken)
        seen[row[8][:16]] = row[0]  # 16 hex digits name an earlier entry well enough
        prev, prev_id, count = row[8], row[0], count + 1
    return ChainReport(count)
