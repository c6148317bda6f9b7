"""The audit trail for users: a record's history and the verification of the whole chain."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.audit import anchored_entry, verify_chain
from inkop_desktop.db.tables import AuditEntry, Organisation, Person, Supplier
from inkop_desktop.services import history_format as fmt
from inkop_desktop.services.base import Service
from inkop_desktop.services.dto import FROZEN

RecordKind = Literal["contract", "plan_item"]
"""The tables whose records show a history in the GUI."""
ACTIONS = {"insert": "Skapad", "update": "Ändrad", "delete": "Borttagen", "truncate": "Tömd"}
CHILD_ACTIONS = {"insert": "lade till", "update": "ändrade", "delete": "tog bort"}


class FieldChange(BaseModel):
    """One column of the record: its Swedish name, the value before and after."""

    model_config = FROZEN

    field: str
    old: str
    new: str


class ChildChange(BaseModel):
    """A row of a child table changed in the same transaction (a CPV code, an option …)."""

    model_config = FROZEN

    table: str
    action: str
    name: str
    fields: tuple[FieldChange, ...] = ()


class HistoryEntry(BaseModel):
    """One change of a record: who, when, what (field by field where the trail has the rows)."""

    model_config = FROZEN

    at: datetime
    who: str
    action: str
    what: str
    changes: tuple[FieldChange, ...] = ()
    children: tuple[ChildChange, ...] = ()

    def lines(self) -> list[str]:
        """``titel: A → B`` per field and ``CPV-koder: lade till 90910000`` per child row."""
        named = self.action != ACTIONS["update"] and self.what
        out = [self.what] if named else []
        out += [f"{c.field}: {c.old} → {c.new}" for c in self.changes]
        for child in self.children:
            text = f"{child.table}: {child.action} {child.name}".rstrip()
            details = "; ".join(f"{c.field} {c.old} → {c.new}" for c in child.fields)
            out.append(f"{text} ({details})" if details else text)
        return out or [self.what]


class BrokenAt(BaseModel):
    """The first entry where the chain does not hold."""

    model_config = FROZEN

    id: int
    at: datetime
    table_name: str
    actor: str
    reason: str


class ChainStatus(BaseModel):
    """The result of verifying the audit chain: entries verified, the first broken one."""

    model_config = FROZEN

    count: int
    broken: BrokenAt | None = None
    head_id: int | None = None
    head_hash: str = ""


class AuditService(Service):
    """Reads the audit trail; nothing here writes."""

    def verify(self) -> ChainStatus:
        """Recompute the whole chain in id order (streamed) and report the first break."""
        with self._session() as s:
            report = verify_chain(s)
        head = {"head_id": report.head_id, "head_hash": report.head_hash}
        broken = report.broken
        if broken is None:
            return ChainStatus(count=report.count, **head)
        return ChainStatus(
            count=report.count,
            broken=BrokenAt(id=broken.id, at=broken.at, table_name=broken.table_name,
                            actor=broken.actor, reason=broken.reason),
            **head,
        )  # fmt: skip

    def anchored(self, entry_id: int) -> tuple[str, int] | None:
        """(hash, position) of the entry an earlier check anchored, None when it is gone."""
        with self._session() as s:
            return anchored_entry(s, entry_id)

    def history(self, kind: RecordKind, row_id: uuid.UUID) -> list[HistoryEntry]:
        """The changes of one record, oldest first."""
        with self._session() as s:
            return record_history(s, kind, row_id)


def record_history(session: Session, kind: RecordKind, row_id: uuid.UUID) -> list[HistoryEntry]:
    """The audit entries of one record, oldest first, with the person's name where known."""
    stmt = (
        select(AuditEntry, Person.name)
        .outerjoin(Person, Person.login == AuditEntry.actor)
        .where(AuditEntry.table_name == kind, AuditEntry.row_id == str(row_id))
        .order_by(AuditEntry.id)
    )
    own = list(session.execute(stmt))
    children = _children(session, kind, str(row_id), {e.txid for e, _ in own if e.txid is not None})
    rows = [fmt.parse(r) for e, _ in own for r in (e.old_row, e.new_row)]
    rows += [fmt.parse(r) for c in children for r in (c.old_row, c.new_row)]
    names = _names(session, fmt.ids_in(rows))
    entries, seen = [], set()
    for e, name in own:
        if e.txid is not None and e.txid in seen:
            continue  # e.g. the search text set right after the INSERT: part of its creation
        seen.add(e.txid)
        entries.append(_entry(e, name, [c for c in children if c.txid == e.txid], names))
    return [e for e in entries if e.lines() != [""]]  # an update of hidden columns only


def _children(session: Session, kind: str, row_id: str, txids: set[int]) -> list[AuditEntry]:
    """Entries of other tables in the record's transactions whose row refers to the record."""
    if not txids:
        return []
    stmt = (
        select(AuditEntry)
        .where(AuditEntry.txid.in_(txids), AuditEntry.table_name != kind)
        .order_by(AuditEntry.id)
    )
    found = session.execute(stmt).scalars()
    return [e for e in found if _refers(e, row_id)]


def _refers(entry: AuditEntry, row_id: str) -> bool:
    """True when the entry's old or new row has *row_id* as a value."""
    rows = (fmt.parse(entry.old_row), fmt.parse(entry.new_row))
    return any(v == row_id for row in rows for k, v in row.items() if k != "id")


def _names(session: Session, ids: set[uuid.UUID]) -> dict[str, str]:
    """Names of the people, organisations and suppliers with these ids."""
    if not ids:
        return {}
    found: dict[str, str] = {}
    for table in (Person, Organisation, Supplier):
        rows = session.execute(select(table.id, table.name).where(table.id.in_(ids)))
        found.update((str(i), str(n)) for i, n in rows)
    return found


def _fields(
    old: dict[str, Any], new: dict[str, Any], names: dict[str, str]
) -> tuple[FieldChange, ...]:
    """The changed shown columns, old → new."""
    return tuple(
        FieldChange(field=fmt.label(k), old=fmt.show(k, old.get(k), names),
                    new=fmt.show(k, new.get(k), names))
        for k in fmt.changed(old, new)
    )  # fmt: skip


def _child(entry: AuditEntry, names: dict[str, str]) -> ChildChange:
    """A child row's change: table, what was done, which row."""
    old, new = fmt.parse(entry.old_row), fmt.parse(entry.new_row)
    fields = _fields(old, new, names) if entry.action == "update" else ()
    return ChildChange(table=fmt.label(entry.table_name),
                       action=CHILD_ACTIONS.get(entry.action, entry.action),
                       name=fmt.child_name(new or old, names), fields=fields)  # fmt: skip


def _entry(
    e: AuditEntry, name: str | None, children: list[AuditEntry], names: dict[str, str]
) -> HistoryEntry:
    """One history line: the record's own changed fields and its children's changes."""
    changes: tuple[FieldChange, ...] = ()
    if e.action == "update" and e.old_row is not None and e.new_row is not None:
        changes = _fields(fmt.parse(e.old_row), fmt.parse(e.new_row), names)
    return HistoryEntry(
        at=e.at, who=_who(e.actor, name), action=ACTIONS.get(e.action, e.action),
        what=_what(e.action, e.summary), changes=changes,
        children=tuple(_child(c, names) for c in children),
    )  # fmt: skip


def _what(action: str, summary: str) -> str:
    """An update's changed fields in Swedish; a created or removed record's name as stored."""
    if action != "update":
        return summary
    names = [n.strip() for n in summary.split(",") if n.strip()]
    return ", ".join(fmt.label(n) for n in names if n not in fmt.HIDDEN)


def _who(login: str, name: str | None) -> str:
    """``Karin Öberg (karin.oberg)``, or the login alone when no person has it."""
    if name:
        return f"{name} ({login})"
    return login or "okänd"
