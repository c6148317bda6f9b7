"""A small follow-up portfolio built from an empty database, with every count worked out by hand.

Seen on TODAY (2026-06-15):

======  =====  ==========  ======  =================  ============================================
Avtal   Parter  Nämnd      Risk    Plan (nästa)       Anmärkning
======  =====  ==========  ======  =================  ============================================
SRM-1   SRM    A (förv.)   kritisk 2026-06-03 (−12)   Karin ansvarig; 2 av 3 avvikelser öppna
VMA-1   VMA    B           hog     2026-07-15 (+30)   1 öppen avvikelse
BADA-1  BADA   A           normal  2026-07-16 (+31)   Karin handläggare; två leverantörer
SRM-2   SRM    A (förv.)   normal  –                  i kraft utan plan
SRM-3   SRM    A (förv.)   normal  2026-03-01         slutade 2026-01-31 (följdes upp 2026-01-10)
VMA-2   VMA    B           normal  –                  börjar 2026-09-01: inte med
VMA-3   VMA    –           hog     2026-10-01         börjar 2026-09-01 med plan
======  =====  ==========  ======  =================  ============================================
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import (
    Contract,
    ContractSupplier,
    Followup,
    FollowupAction,
    FollowupPlan,
    FollowupResult,
    Organisation,
    Supplier,
)
from inkop_desktop.domain.followup.model import ActionStatus, FollowupStatus, Outcome
from tests.services.conftest import BaseRows

TODAY = date(2026, 6, 15)
DONE = FollowupStatus.SLUTFORD.value
DRAFT = FollowupStatus.UTKAST.value
NAMND_A = "Hälso- och sjukvårdsnämnden, Region Sörmland"
NAMND_B = "Regionstyrelsen, Region Västmanland"
SUPPLIER_1 = "Städ & Service AB (556016-0680)"
SUPPLIER_2 = "Transport Mälardalen AB (556677-8899)"


@dataclass(frozen=True)
class Portfolio:
    """Ids the tests look for."""

    namnd_a: uuid.UUID
    namnd_b: uuid.UUID
    contracts: dict[str, uuid.UUID]


def _add(s: Session, cls: type[Any], **values: Any) -> Any:
    """Insert a row (version 1) and flush so its id is known."""
    row = cls(version=1, **values)
    s.add(row)
    s.flush()
    return row


def _org(s: Session, name: str, kind: str, region: str, parent: uuid.UUID | None) -> uuid.UUID:
    """An organisation unit."""
    return _add(s, Organisation, name=name, kind=kind, region=region, parent_id=parent).id  # type: ignore[no-any-return]


def _contract(s: Session, number: str, parties: str, **values: Any) -> Contract:
    """A contract running 2025-01-01 – 2027-12-31 unless told otherwise."""
    data: dict[str, Any] = dict(
        contract_number=number,
        title=f"Avtal {number}",
        title_key=f"AVTAL {number}",
        parties=parties,
        procedure="oppet",
        start_date=date(2025, 1, 1),
        end_date=date(2027, 12, 31),
        total_value_ore=1_000_000_00,
    )
    data.update(values)
    return _add(s, Contract, **data)  # type: ignore[no-any-return]


def _plan(
    s: Session, contract: Contract, next_due: date, responsible: uuid.UUID | None
) -> uuid.UUID:
    """A follow-up plan of *contract*."""
    return _add(  # type: ignore[no-any-return]
        s,
        FollowupPlan,
        contract_id=contract.id,
        risk_tier=contract.risk_tier,
        interval_months=12,
        next_due=next_due,
        responsible_id=responsible,
    ).id


def _followup(s: Session, plan: uuid.UUID, due: date, performed: date) -> Followup:
    """A follow-up occasion as a draft (completed by _complete once its results are in)."""
    return _add(s, Followup, plan_id=plan, due_on=due, performed_on=performed, status=DRAFT)  # type: ignore[no-any-return]


def _complete(s: Session, *followups: Followup) -> None:
    """Complete (sign) the follow-ups."""
    for followup in followups:
        followup.status = DONE
    s.flush()


def _result(
    s: Session, followup: Followup, category: str, outcome: Outcome, serious: bool = False
) -> uuid.UUID:
    """One checklist point's outcome."""
    return _add(  # type: ignore[no-any-return]
        s,
        FollowupResult,
        followup_id=followup.id,
        category=category,
        item_text=f"Kontroll {category}",
        outcome=outcome.value,
        serious=serious,
    ).id


def _action(
    s: Session, result: uuid.UUID, closed_on: date | None = None, sanction: str = ""
) -> None:
    """An action on a deviation, closed on *closed_on* if given."""
    _add(
        s,
        FollowupAction,
        result_id=result,
        description="Åtgärda",
        due_on=date(2026, 8, 1),
        status=(ActionStatus.KLAR if closed_on else ActionStatus.OPPEN).value,
        sanction=sanction,
        closed_on=closed_on,
    )


def build(sessions: sessionmaker[Session], rows: BaseRows) -> Portfolio:
    """The portfolio of the module docstring."""
    with sessions.begin() as s:
        namnd_a = _org(s, "Hälso- och sjukvårdsnämnden", "namnd", "SRM", rows.region)
        forv_a = _org(s, "Hälso- och sjukvårdsförvaltningen", "forvaltning", "SRM", namnd_a)
        vma = _org(s, "Region Västmanland", "region", "VMA", None)
        namnd_b = _org(s, "Regionstyrelsen", "namnd", "VMA", vma)
        s2 = _add(s, Supplier, name="Transport Mälardalen AB", name_key="TRANSPORT MÄLARDALEN AB",
                  orgnr="556677-8899", vat_number="SE556677889901").id  # fmt: skip
        me, other = rows.officer, rows.owner
        k1 = _contract(s, "SRM-1", "SRM", owner_org_id=forv_a, risk_tier="kritisk", owner_id=other)
        k2 = _contract(
            s, "VMA-1", "VMA", owner_org_id=namnd_b, risk_tier="hog", handlaggare_id=other
        )
        k3 = _contract(s, "BADA-1", "BADA", owner_org_id=namnd_a, handlaggare_id=me)
        k4 = _contract(s, "SRM-2", "SRM", owner_org_id=forv_a, owner_id=other)
        k5 = _contract(s, "SRM-3", "SRM", owner_org_id=forv_a, end_date=date(2026, 1, 31))
        k6 = _contract(s, "VMA-2", "VMA", owner_org_id=namnd_b, start_date=date(2026, 9, 1))
        k7 = _contract(s, "VMA-3", "VMA", risk_tier="hog", start_date=date(2026, 9, 1))
        for contract, supplier in ((k1, rows.supplier), (k2, s2), (k3, rows.supplier), (k3, s2),
                                   (k4, rows.supplier), (k5, rows.supplier)):  # fmt: skip
            _add(s, ContractSupplier, contract_id=contract.id, supplier_id=supplier)
        p1 = _plan(s, k1, date(2026, 6, 3), me)
        p2 = _plan(s, k2, date(2026, 7, 15), other)
        _plan(s, k3, date(2026, 7, 16), None)
        p5 = _plan(s, k5, date(2026, 3, 1), other)
        _plan(s, k7, date(2026, 10, 1), None)
        f0 = _followup(s, p1, date(2025, 10, 1), date(2025, 10, 1))
        f1 = _followup(s, p1, date(2026, 2, 10), date(2026, 2, 15))
        _result(s, f1, "skatter", Outcome.AVVIKELSE, serious=True)
        _action(s, _result(s, f1, "underleverantorer", Outcome.AVVIKELSE))
        _action(s, _result(s, f1, "faktura", Outcome.AVVIKELSE), date(2026, 4, 1), "vite")
        _result(s, f1, "leverans", Outcome.OK)
        draft = _followup(s, p1, date(2026, 6, 3), date(2026, 6, 10))
        _result(s, draft, "arbetsvillkor", Outcome.AVVIKELSE, serious=True)
        f2 = _followup(s, p2, date(2026, 5, 15), date(2026, 5, 20))
        _action(s, _result(s, f2, "leverans", Outcome.AVVIKELSE), sanction="ingen")
        f5 = _followup(s, p5, date(2026, 1, 5), date(2026, 1, 10))
        _complete(s, f0, f1, f2, f5)
        numbers = {c.contract_number: c.id for c in (k1, k2, k3, k4, k5, k6, k7)}
    return Portfolio(namnd_a, namnd_b, numbers)
