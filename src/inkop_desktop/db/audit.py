"""The audit trail: on SQLite the app chains its entries at commit; on PostgreSQL triggers do.

PostgreSQL (``audit_triggers``): the database writes and chains every change itself, so the
hooks here only stamp ids and created/updated by, and never write an entry (no double write).

SQLite (one user): entries are gathered on every flush with the row as the database holds
it before (``old_row``) and after (``new_row``), as JSON text, and chained once at commit
with a transaction number (``txid``: one more than the highest so far) and hash rule 2
(``audit_hash``); the updates of one row in a transaction become one entry, as on
PostgreSQL. Why the chain cannot fork: the data flush before the head is read has already
written, and the first write of a transaction takes the database's single write
lock (the pysqlite driver emits BEGIN right before the first INSERT/UPDATE/DELETE, so the
transaction has read nothing before it and WAL gives it the newest snapshot); nobody else
can append until COMMIT. Others wait in the busy handler (``busy_timeout``). Rowids are
handed out inside that lock, in chain order.

An inserted row's ``new_row`` is built from the values just written, each passed through its
column type's bind and result processing (what storing and reading back does): on SQLite the
database adds nothing to an inserted row (no generated columns, no triggers that change one),
so it equals the row read back. A row whose values are not all known (an attribute expired or
left to the database) and every update are read back.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, event, func, insert, inspect, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from inkop_desktop.db.aggregates import created, touched_by
from inkop_desktop.db.audit_hash import CURRENT, GENESIS, chain_hash, hash_v2_stamped, stamp
from inkop_desktop.db.audit_rows import (
    complete,
    defaults,
    driver_insert,
    held,
    row_json,
    written,
)
from inkop_desktop.db.audit_triggers import CHAIN_LOCK, SECRET_KEYS
from inkop_desktop.db.audit_verify import (
    BATCH,
    BrokenEntry,
    ChainReport,
    anchored_entry,
    verify_chain,
)
from inkop_desktop.db.base import Row, utcnow
from inkop_desktop.db.offline.capture import REPLICA
from inkop_desktop.db.tables_core import AuditEntry

__all__ = [
    "BATCH",
    "CHAIN_LOCK",
    "GENESIS",
    "SECRET_KEYS",
    "BrokenEntry",
    "ChainReport",
    "anchored_entry",
    "chain_hash",
    "insert_rows",
    "install",
    "row_json",
    "utcnow",
    "verify_chain",
]  # fmt: skip

AUDITED = "audit.on"
"""session.info key: this session's changes are audited (set for a factory by ``install``)."""
PENDING = "audit.pending"
"""session.info key: the entries of this transaction that are not chained yet."""
CHUNK = 500
"""Ids per ``IN (...)`` list when reading stored rows (well below SQLite's variable limit)."""


_ENTRIES: Table = AuditEntry.__table__  # type: ignore[assignment]


@dataclass(slots=True)
class _Pending:
    """An audit entry waiting for the commit that chains it (SQLite)."""

    transaction: SessionTransaction
    actor: str
    action: str
    table_name: str
    row_id: str
    summary: str
    old_row: str | None
    obj: Row | None  # its new row is read after the flush (inserts and updates)
    new_row: str | None = None


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


def _table(obj: Row) -> Table:
    """The table of a mapped row."""
    return obj.__table__  # type: ignore[attr-defined,no-any-return]


def _plain_name(table: Table) -> str:
    """*table*'s name as a plain str: SQLAlchemy's ``quoted_name`` subclass sends every value
    through sqlite3's adapter lookup when the entries are written."""
    return str.__str__(table.name)


def _stored(session: Session, keys: list[tuple[Table, Any]]) -> dict[tuple[str, str], str]:
    """The rows with these (table, id) keys as the database holds them now, as JSON text.

    One SELECT per table and slice of ``CHUNK`` ids, whatever the number of rows; a row that
    is absent is missing from the answer.
    """
    ids: dict[str, set[Any]] = {}
    tables: dict[str, Table] = {}
    for table, row_id in keys:
        tables[table.name] = table
        ids.setdefault(table.name, set()).add(row_id)
    found: dict[tuple[str, str], str] = {}
    connection = session.connection()
    for name, wanted in ids.items():
        table = tables[name]
        ordered = sorted(wanted, key=str)
        for start in range(0, len(ordered), CHUNK):
            rows = connection.execute(
                select(table).where(table.c.id.in_(ordered[start : start + CHUNK]))
            )
            columns = list(rows.keys())
            for row in rows:
                values = dict(zip(columns, row, strict=True))
                found[(name, str(values["id"]))] = row_json(name, values)
    return found


def _keys(objs: list[Row]) -> list[tuple[Table, Any]]:
    """(table, id) of each row."""
    return [(_table(o), o.id) for o in objs]


def _sqlite(session: Session) -> bool:
    """True when *session* writes a SQLite database (PostgreSQL audits by trigger)."""
    return session.get_bind().dialect.name == "sqlite"


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    """Stamp who/when on changed rows; on SQLite remember their audit entries for the commit."""
    entries = _entries(session)
    if not entries:
        return
    actor = str(session.info.get("actor", ""))
    for action, obj in entries:
        _stamp(obj, action, actor)
    if not _sqlite(session):
        return
    current = session.get_nested_transaction() or session.get_transaction()
    assert current is not None  # a flush always runs inside a transaction
    pending: list[_Pending] = session.info.setdefault(PENDING, [])
    before = _stored(session, _keys([o for a, o in entries if a != "insert"]))
    for action, obj in entries:
        name, row_id = _plain_name(_table(obj)), str(obj.id)
        summary = _summary(session, obj, action)
        old = None if action == "insert" else before.get((name, row_id))
        after = None if action == "delete" else obj
        pending.append(_Pending(current, actor, action, name, row_id, summary, old, after))


def _after_flush(session: Session, _ctx: Any) -> None:
    """The new rows of this flush's inserts (as written) and updates (read back)."""
    fresh = [p for p in session.info.get(PENDING, []) if p.obj is not None]
    if not fresh:
        return
    dialect = session.get_bind().dialect
    unknown: list[_Pending] = []
    for p in fresh:
        obj = p.obj
        assert obj is not None  # only pending entries with an object were taken
        if p.action == "insert":
            p.new_row = written(_table(obj), dialect, held(obj))
        if p.new_row is None:
            unknown.append(p)
        else:
            p.obj = None
    after = _stored(session, _keys([p.obj for p in unknown if p.obj is not None]))
    for p in unknown:
        p.new_row, p.obj = after.get((p.table_name, p.row_id)), None


def insert_rows(session: Session, cls: type[Row], rows: list[dict[str, Any]]) -> None:
    """Insert many new rows of *cls* in one statement, stamped and audited as a flush would.

    For the child rows of an import: no ORM objects, one executemany with every column given
    (the defaults filled in here), so on SQLite the audit entries are built from the values
    written (PostgreSQL's triggers log them). A replica session adds ORM rows instead: its
    outbox is written from flushes.
    """
    if not rows:
        return
    if session.info.get(REPLICA):
        session.add_all([cls(**row) for row in rows])
        return
    actor = str(session.info.get("actor", ""))
    table: Table = cls.__table__  # type: ignore[attr-defined]
    given = defaults(table, actor)
    rows = [{**given, **row, "updated_by": actor} for row in rows]
    missing = [row for row in rows if row["id"] is None]
    for row, new_id in zip(missing, new_ids(len(missing)), strict=True):
        row["id"] = new_id
    ids, texts = _insert(session, table, rows)
    created(session, cls, [row["id"] for row in rows])
    if not (session.info.get(AUDITED) and _sqlite(session)):
        return
    current = session.get_nested_transaction() or session.get_transaction()
    assert current is not None  # the insert above runs inside a transaction
    name = _plain_name(table)
    unknown = [(table, row["id"]) for row, text in zip(rows, texts, strict=True) if text is None]
    after = _stored(session, unknown)
    pending: list[_Pending] = session.info.setdefault(PENDING, [])
    for row_id, text, row in zip(ids, texts, rows, strict=True):
        summary = str(row.get("title") or row.get("name") or "")
        logged = text or after.get((name, row_id))
        pending.append(_Pending(current, actor, "insert", name, row_id, summary, None, None,
                                logged))  # fmt: skip


def _insert(
    session: Session, table: Table, rows: list[dict[str, Any]]
) -> tuple[list[str], list[str | None]]:
    """One executemany of *rows*; their ids as text, and the row JSON of each as written (None
    where it is not known).

    On SQLite with every column given the driver's own (values converted as the column types
    bind them, without SQLAlchemy's per-row work), its JSON made in the same pass.
    """
    dialect = session.get_bind().dialect
    if dialect.name != "sqlite" or not complete(table, dialect, rows):
        session.execute(insert(table), rows)
        return [str(row["id"]) for row in rows], [None] * len(rows)
    statement = driver_insert(table, dialect)
    batch = statement.written(rows)
    session.connection().exec_driver_sql(statement.sql, batch.params)
    return batch.ids, list(batch.texts)


def new_ids(count: int) -> list[uuid.UUID]:
    """*count* random (version 4) UUIDs, as ``uuid4`` makes them, from one read of
    ``os.urandom`` instead of one per id."""
    data = os.urandom(16 * count)
    return [uuid.UUID(bytes=data[i : i + 16], version=4) for i in range(0, 16 * count, 16)]


def _before_commit(session: Session) -> None:
    """SQLite: flush the last changes, then append this transaction's entries to the chain."""
    if session.in_nested_transaction():
        return  # a savepoint: its entries are chained when the whole transaction commits
    session.flush()
    pending = _merged(session.info.pop(PENDING, []))
    if not pending:
        return
    prev = _locked_head(session)
    last = select(func.coalesce(func.max(AuditEntry.txid), 0))
    txid = int(session.execute(last).scalar_one() or 0) + 1
    connection = session.connection()
    rows = _chained(pending, prev, utcnow(), txid, connection.dialect)
    # one executemany inside the write lock: SQLite hands out the rowids in list (chain) order
    connection.exec_driver_sql(_APPEND, rows)


_COLUMNS = ("at", "actor", "action", "table_name", "row_id", "summary", "prev_hash", "hash",
            "hash_version", "txid", "old_row", "new_row")  # fmt: skip
_MARKS = ", ".join("?" * len(_COLUMNS))
_APPEND = f"INSERT INTO audit_entry ({', '.join(_COLUMNS)}) VALUES ({_MARKS})"
"""The SQLite insert of chained entries, values in ``_COLUMNS`` order (sqlite3's qmark style)."""


def _chained(
    pending: list[_Pending], prev: str, now: datetime, txid: int, dialect: Dialect
) -> list[tuple[Any, ...]]:
    """The entries' rows after *prev*, hashed by rule 2, as the driver stores them.

    Only ``at`` needs its column type's conversion; it is the same for every entry, so it is
    converted once instead of once per row.
    """
    bind = _ENTRIES.c.at.type.dialect_impl(dialect).bind_processor(dialect)
    at = now if bind is None else bind(now)
    stamped = stamp(now)
    rows: list[tuple[Any, ...]] = []
    for p in pending:
        fields = (p.actor, p.action, p.table_name, p.row_id, p.summary, txid, p.old_row,
                  p.new_row)  # fmt: skip
        digest = hash_v2_stamped(prev, stamped, fields)
        rows.append((at, p.actor, p.action, p.table_name, p.row_id, p.summary, prev, digest,
                     CURRENT, txid, p.old_row, p.new_row))  # fmt: skip
        prev = digest
    return rows


def _merged(pending: list[_Pending]) -> list[_Pending]:
    """One entry per row updated in the transaction (as on PostgreSQL): first old, last new."""
    out: list[_Pending] = []
    first: dict[tuple[str, str], _Pending] = {}
    for p in pending:
        earlier = first.get((p.table_name, p.row_id)) if p.action == "update" else None
        if earlier is None:
            out.append(p)
            if p.action == "update":
                first[(p.table_name, p.row_id)] = p
            continue
        earlier.new_row = p.new_row
        names = {n for n in f"{earlier.summary}, {p.summary}".split(", ") if n}
        earlier.summary = ", ".join(sorted(names))
    return out


def _locked_head(session: Session) -> str:
    """The chain's head hash, read inside SQLite's write lock (see the module docstring)."""
    last = select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    return session.execute(last).scalar_one_or_none() or GENESIS


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
    """Audit every session of *factory*: its sessions carry the AUDITED mark in ``info``.

    The hooks are listened for once, on the Session class, and act only on marked sessions.
    Listening on each factory instead went wrong: a factory's generated Session class could be
    freed and a new one get the same id(), and SQLAlchemy's event registry then took the new
    factory's hooks as already registered, so its saves went unaudited.
    """
    factory.kw.setdefault("info", {})[AUDITED] = True


def _audited(hook: Callable[..., None]) -> Callable[..., None]:
    """*hook* run only for sessions of an installed factory."""

    @functools.wraps(hook)
    def run(session: Session, *args: Any) -> None:
        if session.info.get(AUDITED):
            hook(session, *args)

    return run


for _name, _hook in (
    ("before_flush", _before_flush),
    ("after_flush", _after_flush),
    ("before_commit", _before_commit),
    ("after_soft_rollback", _after_soft_rollback),
    ("after_transaction_end", _after_transaction_end),
):
    event.listen(Session, _name, _audited(_hook))
