"""Signed direct awards and the audit trail never change: an ORM guard refuses it early.

The database refuses it too (triggers of migrations 0003 and 0005); this guard gives a clear
Swedish message earlier, and the services refuse first of all.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Column, MetaData, String, Table, Uuid, event, inspect, select
from sqlalchemy.orm import Session

from inkop_desktop.domain.errors import DomainError

SIGNED = frozenset({"signerad", "ersatt"})
ALWAYS_CHANGING = frozenset({"version", "updated_at", "updated_by"})
_AWARDS = Table(
    "direct_award",
    MetaData(),
    Column("id", Uuid, primary_key=True),
    Column("status", String(20)),
    Column("diarienummer", String(40)),
    Column("supersedes_id", Uuid),
)


class SignedRecordError(DomainError):
    """A change to a signed (or replaced) direct award, its quotes or its attachments."""

    message_id = "direct_award.signed"


class AuditTrailError(DomainError):
    """An attempt to change or remove an entry of the audit trail."""

    message_id = "audit.append_only"


def _refuse(diarienummer: str) -> SignedRecordError:
    """The Swedish refusal naming the record."""
    return SignedRecordError(
        f"Direktupphandlingen {diarienummer} är signerad och kan inte ändras. "
        "Gör en rättelse (en ny version som hänvisar till den gamla) i stället."
    )


def _old(obj: Any, key: str) -> Any:
    """The value *key* had when the row was loaded."""
    history = inspect(obj).attrs[key].history
    if history.deleted:
        return history.deleted[0]
    return getattr(obj, key)


def _changed(obj: Any) -> set[str]:
    """Names of the attributes changed since loading, apart from the bookkeeping columns."""
    return {a.key for a in inspect(obj).attrs if a.history.has_changes()} - ALWAYS_CHANGING


def _corrected(session: Session, award_id: uuid.UUID) -> bool:
    """True when a signed correction (a newer version) refers to *award_id*."""
    with session.no_autoflush:
        found = session.execute(
            select(_AWARDS.c.id).where(
                _AWARDS.c.supersedes_id == award_id, _AWARDS.c.status == "signerad"
            )
        ).first()
    return found is not None


def _check_award(session: Session, obj: Any, deleted: bool) -> None:
    """Only the correction path (signerad → ersatt, nothing else) may touch a signed award."""
    old_status = _old(obj, "status")
    if old_status not in SIGNED:
        return
    replacing = old_status == "signerad" and obj.status == "ersatt"
    if deleted or not replacing or _changed(obj) != {"status"}:
        raise _refuse(str(_old(obj, "diarienummer")))
    if not _corrected(session, obj.id):
        raise SignedRecordError(
            f"Direktupphandlingen {_old(obj, 'diarienummer')} kan bara ersättas av en "
            "signerad rättelse."
        )


def _signed_award(session: Session, award_id: uuid.UUID | None) -> str | None:
    """The diarienummer of *award_id* if it is signed in the database."""
    if award_id is None:
        return None
    with session.no_autoflush:
        row = session.execute(
            select(_AWARDS.c.status, _AWARDS.c.diarienummer).where(_AWARDS.c.id == award_id)
        ).first()
    return str(row.diarienummer) if row is not None and row.status in SIGNED else None


def _parent_ids(obj: Any, table: str) -> list[uuid.UUID | None]:
    """The award(s) a quote or attachment belongs to, before and after the change."""
    if table == "quote":
        keys = ["direct_award_id"]
    elif table == "attachment" and "direct_award" in (obj.owner_table, _old(obj, "owner_table")):
        keys = ["owner_id"]
    else:
        return []
    state = inspect(obj)
    ids = [getattr(obj, k) for k in keys]
    if state.persistent or state.deleted:
        ids += [_old(obj, k) for k in keys]
    return ids


def _check_child(session: Session, obj: Any, table: str) -> None:
    """Quotes and attachments of a signed award are as fixed as the award."""
    for award_id in set(_parent_ids(obj, table)):
        signed = _signed_award(session, award_id)
        if signed is not None:
            raise _refuse(signed)


def guard(session: Session, _ctx: Any, _instances: Any) -> None:
    """Refuse any flush that would change a signed direct award or an audit entry."""
    new, dirty, deleted = session.new, session.dirty, session.deleted  # each read builds a set
    for obj in [*dirty, *deleted, *new]:
        table = getattr(obj, "__tablename__", None)
        if table == "audit_entry" and obj not in new:
            if obj in deleted or session.is_modified(obj):
                raise AuditTrailError("Loggen kan bara fyllas på; en post i den ändras aldrig.")
        elif table == "direct_award" and obj not in new:
            if obj in deleted or session.is_modified(obj):
                _check_award(session, obj, obj in deleted)
        elif table in ("quote", "attachment"):
            if obj in dirty and not session.is_modified(obj):
                continue
            _check_child(session, obj, table)


event.listen(Session, "before_flush", guard)
