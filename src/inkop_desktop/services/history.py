"""The audit trail for users: a record's history and the verification of the whole chain."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from inkop_desktop.db.audit import verify_chain
from inkop_desktop.db.tables import AuditEntry, Person
from inkop_desktop.services.base import Service
from inkop_desktop.services.dto import FROZEN

RecordKind = Literal["contract", "plan_item"]
"""The tables whose records show a history in the GUI."""
ACTIONS = {"insert": "Skapad", "update": "Ändrad", "delete": "Borttagen"}
LABELS = {
    "title": "titel", "description": "beskrivning", "status": "status",
    "responsible_id": "ansvarig", "procedure": "förfarande", "planned_start": "planerad start",
    "estimated_total_ore": "beräknat totalvärde", "annual_value_ore": "årligt värde",
    "total_value_ore": "avtalsvärde", "start_date": "startdatum", "end_date": "slutdatum",
    "plan_item_cpv": "CPV-koder", "plan_item_party": "parter", "contract_option": "optioner",
    "contract_supplier": "leverantörer", "contract_amendment": "ändringar",
    "attachment": "bilagor",
}  # fmt: skip
"""Column and child-table names of an update's summary as the user knows them."""


class HistoryEntry(BaseModel):
    """One change of a record: who, when, what."""

    model_config = FROZEN

    at: datetime
    who: str
    action: str
    what: str


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


class AuditService(Service):
    """Reads the audit trail; nothing here writes."""

    def verify(self) -> ChainStatus:
        """Recompute the whole chain in id order (streamed) and report the first break."""
        with self._session() as s:
            report = verify_chain(s)
        broken = report.broken
        if broken is None:
            return ChainStatus(count=report.count)
        return ChainStatus(
            count=report.count,
            broken=BrokenAt(id=broken.id, at=broken.at, table_name=broken.table_name,
                            actor=broken.actor, reason=broken.reason),
        )  # fmt: skip

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
    return [
        HistoryEntry(at=e.at, who=_who(e.actor, name),
                     action=ACTIONS.get(e.action, e.action), what=_what(e.action, e.summary))
        for e, name in session.execute(stmt)
    ]  # fmt: skip


def _what(action: str, summary: str) -> str:
    """An update's changed fields in Swedish; a created or removed record's name as stored."""
    if action != "update":
        return summary
    names = [n.strip() for n in summary.split(",") if n.strip()]
    return ", ".join(LABELS.get(n, n.replace("_", " ")) for n in names)


def _who(login: str, name: str | None) -> str:
    """``Karin Öberg (karin.oberg)``, or the login alone when no person has it."""
    if name:
        return f"{name} ({login})"
    return login or "okänd"
