"""The procurement a roster belongs to (plan item or direct award) and its known suppliers."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import (
    DirectAward,
    Participant,
    Person,
    PlanItem,
    PlanItemBidder,
    Quote,
    Supplier,
    SupplierContact,
)
from inkop_desktop.domain.errors import NotFoundError, ValidationError
from inkop_desktop.domain.jav.crosscheck import KnownSupplier
from inkop_desktop.domain.organisation import Parties, Region
from inkop_desktop.services.dto import FROZEN


class ProcurementRef(BaseModel):
    """A plan item or a direct award, with the people responsible for its jäv questions."""

    model_config = FROZEN
    kind: Literal["plan", "direktupphandling"]
    id: uuid.UUID
    reference: str
    title: str
    status: str
    responsible_ids: tuple[uuid.UUID, ...]
    responsible: str | None
    organisation: str

    @property
    def plan_item_id(self) -> uuid.UUID | None:
        """The plan item's id, if this is a plan item."""
        return self.id if self.kind == "plan" else None

    @property
    def direct_award_id(self) -> uuid.UUID | None:
        """The direct award's id, if this is a direct award."""
        return self.id if self.kind == "direktupphandling" else None

    @property
    def label(self) -> str:
        """``UP-2026-014 Städtjänster``."""
        return f"{self.reference} {self.title}"


def one_of(plan_item_id: uuid.UUID | None, direct_award_id: uuid.UUID | None) -> None:
    """Exactly one of the two ids must be given (a roster belongs to one procurement)."""
    if (plan_item_id is None) == (direct_award_id is None):
        raise ValidationError("Ange antingen en planpost eller en direktupphandling.")


def resolve(
    session: Session, plan_item_id: uuid.UUID | None, direct_award_id: uuid.UUID | None
) -> ProcurementRef:
    """Load the procurement; NotFoundError if it is gone."""
    one_of(plan_item_id, direct_award_id)
    if plan_item_id is not None:
        item = session.get(PlanItem, plan_item_id)
        if item is None:
            raise NotFoundError("Upphandlingen finns inte längre.")
        return _ref(
            session,
            ("plan", item.id, item.reference, item.title, item.status, _parties(item.parties)),
            item.responsible_id,
        )
    award = session.get(DirectAward, direct_award_id)
    if award is None:
        raise NotFoundError("Direktupphandlingen finns inte längre.")
    head = ("direktupphandling", award.id, award.diarienummer, award.title, award.status)
    return _ref(session, (*head, _region(award.region)), award.decision_maker_id)


def _parties(code: str) -> str:
    """``Region Sörmland och Region Västmanland`` for a plan item's parties."""
    try:
        return " och ".join(r.label for r in Parties(code).regions())
    except ValueError:
        return code


def _region(code: str) -> str:
    """The region's name for a direct award."""
    try:
        return Region(code).label
    except ValueError:
        return code


def _ref(
    session: Session, head: tuple[Any, ...], responsible_id: uuid.UUID | None
) -> ProcurementRef:
    """Build the reference (kind, id, reference, title, status, organisation) with names."""
    kind, ident, reference, title, status, organisation = head
    person = session.get(Person, responsible_id) if responsible_id is not None else None
    return ProcurementRef(
        kind=kind,
        id=ident,
        reference=reference,
        title=title,
        status=status,
        organisation=organisation,
        responsible_ids=(responsible_id,) if responsible_id is not None else (),
        responsible=person.name if person is not None else None,
    )


def pick_list(session: Session, words: list[str], limit: int) -> list[ProcurementRef]:
    """Plan items and direct awards whose number or title contains every word."""
    plans = (
        select(
            PlanItem.id,
            PlanItem.reference,
            PlanItem.title,
            PlanItem.status,
            PlanItem.parties,
            PlanItem.responsible_id,
            Person.name,
        )
        .outerjoin(Person, Person.id == PlanItem.responsible_id)
        .where(PlanItem.merged_into_id.is_(None))
    )
    awards = select(
        DirectAward.id,
        DirectAward.diarienummer,
        DirectAward.title,
        DirectAward.status,
        DirectAward.region,
        DirectAward.decision_maker_id,
        Person.name,
    ).outerjoin(Person, Person.id == DirectAward.decision_maker_id)
    for w in words:
        plans = plans.where(
            PlanItem.reference.icontains(w, autoescape=True)
            | PlanItem.title.icontains(w, autoescape=True)
        )
        awards = awards.where(
            DirectAward.diarienummer.icontains(w, autoescape=True)
            | DirectAward.title.icontains(w, autoescape=True)
        )
    found = [
        _picked("plan", r, _parties(r[4]))
        for r in session.execute(plans.order_by(PlanItem.reference).limit(limit))
    ]
    found += [
        _picked("direktupphandling", r, _region(r[4]))
        for r in session.execute(awards.order_by(DirectAward.diarienummer).limit(limit))
    ]
    return found


def _picked(
    kind: Literal["plan", "direktupphandling"], r: Any, organisation: str
) -> ProcurementRef:
    """A pick-list row as a reference."""
    ident, reference, title, status, _code, responsible_id, responsible = r
    return ProcurementRef(
        kind=kind,
        id=ident,
        reference=reference,
        title=title,
        status=status,
        responsible_ids=(responsible_id,) if responsible_id is not None else (),
        responsible=responsible,
        organisation=organisation,
    )


def of_participant(session: Session, participant: Participant) -> ProcurementRef:
    """The procurement a participant belongs to."""
    return resolve(session, participant.plan_item_id, participant.direct_award_id)


def roster_clause(ref: ProcurementRef) -> ColumnElement[bool]:
    """WHERE clause selecting the participants of *ref*."""
    if ref.kind == "plan":
        return Participant.plan_item_id == ref.id
    return Participant.direct_award_id == ref.id


def known_suppliers(session: Session, ref: ProcurementRef) -> list[KnownSupplier]:
    """The suppliers named in the procurement so far (bidders or quotes)."""
    plans = [ref.id] if ref.kind == "plan" else []
    awards = [ref.id] if ref.kind == "direktupphandling" else []
    return known_suppliers_many(session, plans, awards).get(ref.id, [])


def known_suppliers_many(
    session: Session, plan_ids: list[uuid.UUID], award_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[KnownSupplier]]:
    """Known suppliers per procurement id, for many procurements at once."""
    found: dict[uuid.UUID, dict[uuid.UUID, tuple[Any, date]]] = defaultdict(dict)
    if plan_ids:
        stmt = select(PlanItemBidder.plan_item_id, Supplier, PlanItemBidder.listed_on).join(
            Supplier, Supplier.id == PlanItemBidder.supplier_id
        )
        for owner, supplier, on in session.execute(
            stmt.where(PlanItemBidder.plan_item_id.in_(plan_ids))
        ):
            found[owner][supplier.id] = (supplier, on)
    if award_ids:
        _award_suppliers(session, award_ids, found)
    contacts = _contacts(session, {s for d in found.values() for s in d})
    return {
        owner: sorted(
            (
                KnownSupplier(s.id, s.name, s.orgnr, on, contacts.get(s.id, ()))
                for s, on in by_id.values()
            ),
            key=lambda k: (k.name, k.orgnr),
        )
        for owner, by_id in found.items()
    }


def _award_suppliers(
    session: Session,
    award_ids: list[uuid.UUID],
    found: dict[uuid.UUID, dict[uuid.UUID, tuple[Any, date]]],
) -> None:
    """Quote suppliers of direct awards, and a chosen supplier without a quote."""
    stmt = select(Quote.direct_award_id, Supplier, Quote.received_on).join(
        Supplier, Supplier.id == Quote.supplier_id
    )
    for owner, supplier, on in session.execute(stmt.where(Quote.direct_award_id.in_(award_ids))):
        found[owner][supplier.id] = (supplier, on)
    chosen = select(DirectAward.id, Supplier, DirectAward.award_date).join(
        Supplier, Supplier.id == DirectAward.chosen_supplier_id
    )
    for owner, supplier, on in session.execute(chosen.where(DirectAward.id.in_(award_ids))):
        found[owner].setdefault(supplier.id, (supplier, on))


def _contacts(session: Session, supplier_ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple[str, ...]]:
    """Contact people per supplier."""
    if not supplier_ids:
        return {}
    stmt = select(SupplierContact.supplier_id, SupplierContact.name).where(
        SupplierContact.supplier_id.in_(supplier_ids)
    )
    result: dict[uuid.UUID, list[str]] = defaultdict(list)
    for sid, name in session.execute(stmt):
        result[sid].append(name)
    return {k: tuple(v) for k, v in result.items()}
