"""A hash-chained audit trail written on every flush of a session."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.aggregates import touched_by
from inkop_desktop.db.base import Row, utcnow
from inkop_desktop.db.tables_core import AuditEntry

GENESIS = "0" * 64


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
    """Stamp who/when on changed rows and append audit entries."""
    entries = _entries(session)
    if not entries:
        return
    actor = str(session.info.get("actor", ""))
    prev = (
        session.execute(
            select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
        ).scalar_one_or_none()
        or GENESIS
    )
    now = utcnow()
    for action, obj in entries:
        _stamp(obj, action, actor)
        fields = (
            now.isoformat(),
            actor,
            action,
            _table(obj),
            str(obj.id),
            _summary(session, obj, action),
        )
        digest = chain_hash(prev, fields)
        session.add(
            AuditEntry(
                at=now,
                actor=actor,
                action=action,
                table_name=_table(obj),
                row_id=str(obj.id),
                summary=fields[5],
                prev_hash=prev,
                hash=digest,
            )
        )
        prev = digest


def _stamp(obj: Row, action: str, actor: str) -> None:
    """Give new rows their key and set created/updated by."""
    if obj.id is None:
        obj.id = uuid.uuid4()
    if action == "insert" and not obj.created_by:
        obj.created_by = actor
    if action != "delete":
        obj.updated_by = actor


def install(factory: sessionmaker[Session]) -> None:
    """Register the audit hook on every session of *factory*."""
    event.listen(factory, "before_flush", _before_flush)
