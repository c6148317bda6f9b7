"""The outbox hook: every change a replica session flushes becomes an operation, same transaction.

A hook rather than explicit calls in each service: every service that writes a draft works
offline unchanged, and none can forget the outbox. ``before_flush`` notes, per aggregate root
the changed rows belong to (``aggregates.PARENTS``), the root's version before the
transaction (the operation's base version; None for a root created in it); ``after_flush``
writes the rows' changes (inserted: every column; updated: the changed columns, old and
new; deleted: the id) into one outbox row per root and transaction, on the session's own
connection: the draft and its operation commit or roll back together.
"""

from __future__ import annotations

import functools
import json
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect, update
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.aggregates import ROOTS, parent_keys
from inkop_desktop.db.base import Row
from inkop_desktop.db.offline.local import OUTBOX

BASES = "offline.bases"
OPS = "offline.ops"
REPLICA = "offline.replica"
"""Set in the info of every replica session (numbers are then provisional, see is_replica)."""
BOOKKEEPING = frozenset({"version", "created_at", "created_by", "updated_at", "updated_by"})
Key = tuple[type, uuid.UUID]


def encode(value: Any) -> Any:
    """A column value as JSON (ids, dates and instants as ISO text)."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def roots_of(session: Session, obj: Any) -> set[Key]:
    """The aggregate root(s) *obj* belongs to (itself for a root)."""
    if type(obj) in ROOTS:
        return {(type(obj), obj.id)}
    found: set[Key] = set()
    for cls, row_id in parent_keys(obj):
        parent = session.get(cls, row_id)
        found |= roots_of(session, parent) if parent is not None else {(cls, row_id)}
    return found


def _changed(session: Session) -> list[tuple[str, Any]]:
    """(action, row) for every replicated row this flush inserts, updates or deletes."""
    rows = [("insert", o) for o in session.new if isinstance(o, Row)]
    rows += [("delete", o) for o in session.deleted if isinstance(o, Row)]
    rows += [
        ("update", o)
        for o in session.dirty
        if isinstance(o, Row) and session.is_modified(o) and o not in session.deleted
    ]
    return rows


def _note_bases(session: Session, _ctx: Any = None, _instances: Any = None) -> None:
    """before_flush: the version each touched root had before this transaction."""
    bases: dict[Key, int | None] = session.info.setdefault(BASES, {})
    for action, obj in _changed(session):
        if action == "insert" and type(obj) in ROOTS:
            obj.id = obj.id or uuid.uuid4()
        for key in roots_of(session, obj):
            if key in bases:
                continue
            root = session.get(*key)
            state = inspect(root) if root is not None else None
            if root is None or state is None or state.pending:
                bases[key] = None
            else:
                bases[key] = state.attrs.version.loaded_value


def _row_change(action: str, obj: Any) -> dict[str, Any]:
    """One row's change: table, id, action and the values the server needs."""
    mapper, state = inspect(type(obj)), inspect(obj)
    change: dict[str, Any] = {"table": obj.__table__.name, "id": str(obj.id), "action": action}
    if action == "insert":
        change["new"] = {
            a.columns[0].name: encode(getattr(obj, a.key)) for a in mapper.column_attrs
        }
    elif action == "update":
        new, old = {}, {}
        for attr in mapper.column_attrs:
            history = state.attrs[attr.key].history
            name = attr.columns[0].name
            if name in BOOKKEEPING or not history.has_changes():
                continue
            new[name] = encode(history.added[0] if history.added else None)
            old[name] = encode(history.deleted[0] if history.deleted else None)
        change["new"], change["old"] = new, old
    return change


def _merge(rows: list[dict[str, Any]], change: dict[str, Any]) -> None:
    """Fold *change* into the operation's rows (one entry per row id)."""
    for i, earlier in enumerate(rows):
        if earlier["id"] != change["id"] or earlier["table"] != change["table"]:
            continue
        if change["action"] == "delete" and earlier["action"] == "insert":
            rows.pop(i)
        elif change["action"] == "delete":
            rows[i] = change
        elif earlier["action"] in ("insert", "update"):
            earlier["new"].update(change.get("new", {}))
            if earlier["action"] == "update":
                earlier["old"] = {**change.get("old", {}), **earlier["old"]}
        return
    rows.append(change)


def _write(session: Session, _ctx: Any = None) -> None:
    """after_flush: fold this flush's changes into the transaction's outbox rows."""
    bases: dict[Key, int | None] = session.info.get(BASES, {})
    ops: dict[Key, dict[str, Any]] = session.info.setdefault(OPS, {})
    touched: set[Key] = set()
    for action, obj in _changed(session):
        change = _row_change(action, obj)
        if action == "update" and not change["new"] and type(obj) not in ROOTS:
            continue
        for key in roots_of(session, obj):
            op = ops.setdefault(key, {"rows": [], "seq": None})
            _merge(op["rows"], change)
            if type(obj) is key[0] and getattr(obj, "id", None) == key[1]:
                op["kind"] = "delete" if action == "delete" else op.get("kind", "upsert")
            touched.add(key)
    for key in touched:
        _store(session, key, bases.get(key), ops[key])


def _store(session: Session, key: Key, base: int | None, op: dict[str, Any]) -> None:
    """Insert or rewrite the outbox row of *key*'s operation in this transaction."""
    from inkop_desktop.db.offline import schema

    payload = json.dumps({"kind": op.get("kind", "upsert"), "rows": _ordered(op["rows"])})
    conn = session.connection()
    if op["seq"] is None:
        op["op_id"] = uuid.uuid4()
        values = {
            "op_id": op["op_id"], "entity": key[0].__table__.name, "row_id": key[1],  # type: ignore[attr-defined]
            "base_version": base, "payload": payload, "schema_version": schema.CURRENT,
            "created_at": datetime.now(UTC), "aside": "",
        }  # fmt: skip
        inserted = conn.execute(insert(OUTBOX).values(values)).inserted_primary_key
        op["seq"] = inserted[0] if inserted else None
    else:
        conn.execute(update(OUTBOX).where(OUTBOX.c.seq == op["seq"]).values(payload=payload))


@functools.cache
def _table_order() -> dict[str, int]:
    """Table name → its place in dependency order (parents first)."""
    from inkop_desktop.db.base import Base

    return {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}


def _ordered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Inserts parents first, then updates, deletes children first (foreign keys hold)."""
    order = _table_order()
    rank = {"insert": 0, "update": 1, "delete": 2}

    def key(row: dict[str, Any]) -> tuple[int, int]:
        place = order.get(row["table"], 0)
        return rank[row["action"]], -place if row["action"] == "delete" else place

    return sorted(rows, key=key)


def _end(session: Session, transaction: Any) -> None:
    """Forget the notes when the outermost transaction ends (committed or rolled back)."""
    if transaction.parent is None:
        session.info.pop(BASES, None)
        session.info.pop(OPS, None)


def is_replica(session: Session) -> bool:
    """True for a session on the local replica (the server hands out real numbers)."""
    return bool(session.info.get(REPLICA))


def install(factory: sessionmaker[Session]) -> None:
    """Make every session of *factory* (the replica's) write the outbox."""
    event.listen(factory, "before_flush", _note_bases)
    event.listen(factory, "after_flush", _write)
    event.listen(factory, "after_transaction_end", _end)
