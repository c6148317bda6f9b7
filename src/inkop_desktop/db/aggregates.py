"""Aggregates: which parent record a list row belongs to, and locking a record for an edit.

A change to any child row (a supplier's contact, a contract's option, a plan item's CPV
code, a roster line, an attachment …) marks its parent modified in ``before_flush``, so
the parent's UPDATE … WHERE version = :old runs, moves the version and is audited.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, event, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from inkop_desktop.db.base import Row, utcnow
from inkop_desktop.db.immutability import SIGNED
from inkop_desktop.db.tables_award import (
    DeclaredInterest,
    DirectAward,
    JavAssessment,
    JavDeclaration,
    Participant,
    Quote,
)
from inkop_desktop.db.tables_compliance import ReskontraImport, ReskontraMapping, ReskontraRow
from inkop_desktop.db.tables_core import (
    Attachment,
    Avsteg,
    DelegationRule,
    NumberSeries,
    Organisation,
    Person,
    PersonRole,
    ReferenceValue,
    Supplier,
    SupplierContact,
)
from inkop_desktop.db.tables_followup import (
    Followup,
    FollowupAction,
    FollowupContact,
    FollowupPlan,
    FollowupPlanTemplate,
    FollowupResult,
    FollowupTemplate,
    FollowupTemplateItem,
)
from inkop_desktop.db.tables_plan import (
    Contract,
    ContractAmendment,
    ContractOption,
    ContractSupplier,
    PlanItem,
    PlanItemBidder,
    PlanItemCpv,
    PlanItemParty,
)
from inkop_desktop.db.tables_trust import TrustedIssuer

TOUCHED = "aggregates.touched"
"""session.info key: parent row → names of the child tables that changed it in this flush."""
MOVED = "aggregates.moved"
"""session.info key: (class, id) of rows whose version already moved in this transaction."""


@dataclass(frozen=True)
class ParentLink:
    """A child's key column pointing at its parent; *kinds* picks the parent by a type column."""

    column: str
    parent: type | None = None
    kind_column: str = ""
    kinds: dict[str, type] = field(default_factory=dict)

    def parent_class(self, kind: Any) -> type | None:
        """The parent's mapped class (by the kind column's value when there is one)."""
        return self.kinds.get(str(kind)) if self.kind_column else self.parent


PARENTS: dict[type, tuple[ParentLink, ...]] = {
    SupplierContact: (ParentLink("supplier_id", Supplier),),
    PersonRole: (ParentLink("person_id", Person),),
    ContractSupplier: (ParentLink("contract_id", Contract),),
    ContractOption: (ParentLink("contract_id", Contract),),
    ContractAmendment: (ParentLink("contract_id", Contract),),
    PlanItemParty: (ParentLink("plan_item_id", PlanItem),),
    PlanItemCpv: (ParentLink("plan_item_id", PlanItem),),
    PlanItemBidder: (ParentLink("plan_item_id", PlanItem),),
    Quote: (ParentLink("direct_award_id", DirectAward),),
    Participant: (
        ParentLink("plan_item_id", PlanItem),
        ParentLink("direct_award_id", DirectAward),
    ),
    DeclaredInterest: (ParentLink("declaration_id", JavDeclaration),),
    JavAssessment: (ParentLink("declaration_id", JavDeclaration),),
    Attachment: (
        ParentLink(
            "owner_id",
            kind_column="owner_table",
            kinds={
                "contract": Contract,
                "direct_award": DirectAward,
                "followup": Followup,
                "followup_result": FollowupResult,
            },
        ),
    ),
    FollowupTemplateItem: (ParentLink("template_id", FollowupTemplate),),
    Followup: (ParentLink("plan_id", FollowupPlan),),
    FollowupResult: (ParentLink("followup_id", Followup),),
    FollowupPlanTemplate: (ParentLink("plan_id", FollowupPlan),),
    ReskontraRow: (ParentLink("import_id", ReskontraImport),),
}
"""Child table → the aggregate(s) it belongs to. Add every new list table here."""

ROOTS: frozenset[type] = frozenset(
    {
        Organisation, Person, Supplier, ReferenceValue, DelegationRule, Avsteg, PlanItem,
        Contract, DirectAward, JavDeclaration, FollowupTemplate, FollowupPlan, NumberSeries,
        FollowupAction, FollowupContact, TrustedIssuer, ReskontraImport, ReskontraMapping,
    }
)  # fmt: skip
"""Records that are their own aggregate (every other table must be in PARENTS).

An åtgärd and a contact-log entry are their own: they change after the follow-up is signed
(which then never changes) and are no part of the contract's editor.
"""


def _values(obj: Any, key: str) -> list[Any]:
    """The attribute's current value and, for loaded rows, the value it was loaded with."""
    state = inspect(obj)
    found = [getattr(obj, key, None)]
    if state.persistent or state.deleted:
        history = state.attrs[key].history
        found += list(history.deleted or ())
    return found


def parent_keys(obj: Any) -> set[tuple[type, uuid.UUID]]:
    """(class, id) of every parent *obj* belongs to, before and after the change."""
    keys: set[tuple[type, uuid.UUID]] = set()
    for link in PARENTS.get(type(obj), ()):
        kinds = _values(obj, link.kind_column) if link.kind_column else [None]
        ids = [i for i in _values(obj, link.column) if i is not None]
        # an owner row moved to another kind: every (old/new kind, old/new id) pair is checked
        for kind in kinds:
            cls = link.parent_class(kind)
            if cls is not None:
                keys.update((cls, i) for i in ids)
    return keys


def _changed_children(session: Session) -> Iterator[Any]:
    """Child rows inserted, deleted or really modified in this flush."""
    yield from (o for o in session.new if type(o) in PARENTS)
    yield from (o for o in session.deleted if type(o) in PARENTS)
    yield from (o for o in session.dirty if type(o) in PARENTS and session.is_modified(o))


def _frozen(parent: Any) -> bool:
    """A signed direct award never changes (its quotes and files are refused by the guard)."""
    return isinstance(parent, DirectAward) and inspect(parent).attrs.status.loaded_value in SIGNED


def _touch(session: Session, cls: type, row_id: uuid.UUID, child: str) -> Any | None:
    """Mark the parent modified (loading it if needed); None when new, gone, deleted or frozen."""
    parent = session.get(cls, row_id)
    if parent is None or parent in session.new or parent in session.deleted or _frozen(parent):
        return None
    parent.updated_at = utcnow()
    session.info.setdefault(TOUCHED, {}).setdefault(parent, set()).add(child)
    return parent


def _note(session: Session, cls: type, row_id: Any, child: str) -> None:
    """Name *child* among the tables that changed a parent already in this session."""
    parent = session.identity_map.get(identity_key(cls, row_id))
    if parent is not None and parent not in session.new:
        session.info.setdefault(TOUCHED, {}).setdefault(parent, set()).add(child)


def _moved(session: Session) -> set[tuple[type, Any]]:
    """Rows created, or whose version moved, in the running transaction (and this flush)."""
    moved: set[tuple[type, Any]] = session.info.setdefault(MOVED, set())
    for obj in session.new:
        if isinstance(obj, Row):
            obj.id = obj.id or uuid.uuid4()
            moved.add((type(obj), obj.id))
    for obj in session.dirty:
        if session.is_modified(obj) and obj not in session.deleted:
            moved.add((type(obj), getattr(obj, "id", None)))
    return moved


def created(session: Session, cls: type, ids: list[Any]) -> None:
    """Rows of *cls* inserted without the ORM in the running transaction keep their first
    version there, like rows a flush created (a later child change does not move it)."""
    session.info.setdefault(MOVED, set()).update((cls, i) for i in ids)


def touch_parents(session: Session, _ctx: Any = None, _instances: Any = None) -> None:
    """before_flush: every changed child moves its parent's version (and parents' parents).

    Once per transaction: a save that flushes several times moves the version by one, and
    a record created in the same transaction keeps its first version.
    """
    pending = list(_changed_children(session))
    seen = _moved(session)
    while pending:
        child = pending.pop()
        table = str(child.__table__.name)
        keys = parent_keys(child)
        for key in keys & seen:  # already moved: the summary still names the child table
            _note(session, *key, table)
        for key in keys - seen:
            seen.add(key)
            parent = _touch(session, *key, table)
            if parent is not None and type(parent) in PARENTS:
                pending.append(parent)


def _forget(session: Session, *_args: Any) -> None:
    """Drop the per-flush notes after the flush."""
    session.info.pop(TOUCHED, None)


def _end(session: Session, transaction: Any) -> None:
    """Drop the per-transaction notes when the outermost transaction ends."""
    if transaction.parent is None:
        session.info.pop(MOVED, None)


def touched_by(session: Session, obj: Any) -> set[str]:
    """Names of the child tables whose change touched *obj* in the running flush."""
    return set(session.info.get(TOUCHED, {}).get(obj, set()))


def lock(session: Session, cls: type, row_id: uuid.UUID) -> Any | None:
    """Load *row_id* for an edit: FOR UPDATE on PostgreSQL, the write lock on SQLite.

    Concurrent edits of one aggregate are serialised here, before any child is read or
    written, so the second one compares its version with the first one's saved result.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        raw = connection.connection.dbapi_connection
        if raw is not None and not raw.in_transaction:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    return session.execute(_locking(cls), {"row_id": row_id}).scalar_one_or_none()


@functools.cache
def _locking(cls: type) -> Any:
    """The lock's SELECT for *cls*, built once per class."""
    stmt: Any = select(cls).where(cls.id == bindparam("row_id"))  # type: ignore[attr-defined]
    # NO KEY UPDATE: saves of one record queue up, rows referring to it can still be added
    return stmt.with_for_update(key_share=True).execution_options(populate_existing=True)


event.listen(Session, "before_flush", touch_parents, insert=True)
event.listen(Session, "after_flush_postexec", _forget)
event.listen(Session, "after_transaction_end", _end)
