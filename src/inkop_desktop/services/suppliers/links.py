"""Everything a supplier takes part in: contracts, plan items (as bidder) and direct awards."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from inkop_desktop.db.tables import (
    Contract,
    ContractSupplier,
    DirectAward,
    PlanItem,
    PlanItemBidder,
    Quote,
)
from inkop_desktop.domain.direct_award.status import AwardStatus
from inkop_desktop.domain.plan.status import PlanStatus
from inkop_desktop.services.dto import FROZEN


class Involvement(BaseModel):
    """A contract, plan item or direct award that involves the supplier."""

    model_config = FROZEN
    kind: str
    reference: str
    title: str
    day: date | None
    status: str


def _contracts(session: Session, supplier_id: uuid.UUID) -> list[Involvement]:
    """Contracts where the supplier is a party."""
    stmt = (
        select(Contract)
        .join(ContractSupplier, ContractSupplier.contract_id == Contract.id)
        .where(ContractSupplier.supplier_id == supplier_id)
        .order_by(Contract.end_date.desc())
    )
    return [
        Involvement(
            kind="Avtal",
            reference=c.contract_number,
            title=c.title,
            day=c.end_date,
            status=f"Gäller {c.start_date.isoformat()} – {c.end_date.isoformat()}",
        )
        for c in session.execute(stmt).scalars()
    ]


def _plan_items(session: Session, supplier_id: uuid.UUID) -> list[Involvement]:
    """Plan items where the supplier is a listed bidder."""
    stmt = (
        select(PlanItem, PlanItemBidder.listed_on)
        .join(PlanItemBidder, PlanItemBidder.plan_item_id == PlanItem.id)
        .where(PlanItemBidder.supplier_id == supplier_id)
        .order_by(PlanItem.reference)
    )
    return [
        Involvement(
            kind="Planpost",
            reference=p.reference,
            title=p.title,
            day=listed,
            status=PlanStatus(p.status).label,
        )
        for p, listed in session.execute(stmt)
    ]


def _awards(session: Session, supplier_id: uuid.UUID) -> list[Involvement]:
    """Direct awards where the supplier quoted or was chosen."""
    quoted = select(Quote.direct_award_id).where(Quote.supplier_id == supplier_id)
    stmt = (
        select(DirectAward)
        .where(or_(DirectAward.chosen_supplier_id == supplier_id, DirectAward.id.in_(quoted)))
        .order_by(DirectAward.award_date.desc())
    )
    return [
        Involvement(
            kind="Direktupphandling",
            reference=a.diarienummer,
            title=a.title,
            day=a.award_date,
            status=AwardStatus(a.status).label
            + (" – vald leverantör" if a.chosen_supplier_id == supplier_id else " – offert"),
        )
        for a in session.execute(stmt).scalars()
    ]


def involvement(session: Session, supplier_id: uuid.UUID) -> list[Involvement]:
    """All of it, contracts first."""
    return (
        _contracts(session, supplier_id)
        + _plan_items(session, supplier_id)
        + _awards(session, supplier_id)
    )
