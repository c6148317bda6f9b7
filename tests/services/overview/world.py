"""A small hand-built world for the Översikt: two nämnder, contracts, plans, awards, avsteg."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import (
    Avsteg,
    Contract,
    ContractOption,
    ContractSupplier,
    DirectAward,
    Followup,
    FollowupPlan,
    Organisation,
    Person,
    PlanItem,
    PlanItemBidder,
    PlanItemCpv,
    PlanItemParty,
    Supplier,
)

DAY = date(2026, 6, 15)
"""The day the pictures are drawn for."""


@dataclass(frozen=True)
class World:
    """Ids the tests look for."""

    namnd_a: uuid.UUID
    """Sörmland's nämnd A (its förvaltning owns contract c1)."""
    namnd_b: uuid.UUID
    """Västmanland's nämnd B."""
    forvaltning_a: uuid.UUID
    c1: uuid.UUID
    c2: uuid.UUID
    p1: uuid.UUID


def _org(s: Session, name: str, kind: str, region: str, **more: object) -> Organisation:
    """An organisation, flushed."""
    org = Organisation(version=1, name=name, kind=kind, region=region, **more)
    s.add(org)
    s.flush()
    return org


def _contract(s: Session, number: str, parties: str, owner: uuid.UUID, end: date) -> Contract:
    """A contract ending on *end*."""
    row = Contract(
        version=1, contract_number=number, title=f"Avtal {number}", title_key=number.lower(),
        parties=parties, procedure="oppet", start_date=date(2024, 1, 1), end_date=end,
        total_value_ore=1_000_000_00, owner_org_id=owner, cpv="90910000-9",
    )  # fmt: skip
    s.add(row)
    s.flush()
    return row


def _plan(s: Session, ref: str, parties: str, status: str, start: date) -> PlanItem:
    """A plan item starting on *start*."""
    row = PlanItem(
        version=1, reference=ref, title=f"Upphandling {ref}", status=status, year=start.year,
        parties=parties, estimated_total_ore=2_000_000_00, planned_start=start,
        procedure="oppet", contract_start_on=date(start.year + 1, 1, 1),
    )  # fmt: skip
    s.add(row)
    s.flush()
    return row


def _award(s: Session, number: str, region: str, key: str, kr: int, status: str) -> None:
    """A direct award of *kr* kronor in March."""
    s.add(
        DirectAward(
            version=1, diarienummer=number, region=region, title=f"Köp {number}", cpv="79400000",
            same_kind_key=key, value_ore=kr * 100, legal_ground="under_grans",
            award_date=date(2026, 3, 1), status=status,
        )
    )  # fmt: skip


def build(sessions: sessionmaker[Session]) -> World:
    """Two regions, nämnd A (with a förvaltning) and B, and a few records of each kind."""
    with sessions.begin() as s:
        srm = _org(s, "Region Sörmland", "region", "SRM", orgnr="232100-0032")
        vma = _org(s, "Region Västmanland", "region", "VMA", orgnr="232100-0172")
        a = _org(s, "Nämnd A", "namnd", "SRM", parent_id=srm.id)
        a1 = _org(s, "Förvaltning A1", "forvaltning", "SRM", parent_id=a.id)
        b = _org(s, "Nämnd B", "namnd", "VMA", parent_id=vma.id)
        owner = Person(version=1, name="Pelle Ägare", login="pelle.agare",
                       email="pelle.agare@regionsormland.example")  # fmt: skip
        s.add(owner)
        s.flush()
        c1 = _contract(s, "SRM-1", "SRM", a1.id, date(2026, 8, 31))
        c1.owner_id = owner.id
        c2 = _contract(s, "VMA-1", "VMA", b.id, date(2026, 9, 30))
        _contract(s, "GEM-1", "BADA", a.id, date(2025, 12, 31))  # ended: in no picture
        supplier = Supplier(
            version=1, name="Städ AB", name_key="stad ab", orgnr="556677-8899",
            vat_number="SE556677889901", email="info@stad.example",
        )  # fmt: skip
        s.add(supplier)
        s.flush()
        s.add(ContractSupplier(version=1, contract_id=c1.id, supplier_id=supplier.id))
        s.add_all(
            [
                ContractOption(
                    version=1, contract_id=c2.id, ordinal=1, months=12,
                    decision_deadline=date(2026, 7, 10),
                ),
                ContractOption(
                    version=1, contract_id=c2.id, ordinal=2, months=12,
                    decision_deadline=date(2026, 7, 20), decision="forlangt",
                ),
            ]
        )  # fmt: skip
        late = FollowupPlan(
            version=1, contract_id=c1.id, risk_tier="normal", interval_months=12,
            next_due=date(2026, 6, 5),
        )  # fmt: skip
        soon = FollowupPlan(
            version=1, contract_id=c2.id, risk_tier="normal", interval_months=12,
            next_due=date(2026, 9, 1),
        )  # fmt: skip
        s.add_all([late, soon])
        s.flush()
        s.add(
            Followup(
                version=1, plan_id=late.id, due_on=date(2026, 3, 1),
                performed_on=date(2026, 3, 2), status="slutford",
            )
        )  # fmt: skip
        p1 = _plan(s, "UP-1", "SRM", "planerad", date(2026, 2, 10))
        s.add(PlanItemParty(version=1, plan_item_id=p1.id, organisation_id=a1.id))
        s.add(PlanItemCpv(version=1, plan_item_id=p1.id, cpv="90910000-9"))
        bidder = Supplier(
            version=1, name="Anbudsgivare AB", name_key="anbudsgivare ab", orgnr="559900-1122",
            vat_number="SE559900112201",
        )  # fmt: skip
        s.add(bidder)
        s.flush()
        s.add(PlanItemBidder(version=1, plan_item_id=p1.id, supplier_id=bidder.id,
                             listed_on=date(2026, 5, 1)))  # fmt: skip
        _plan(s, "UP-2", "VMA", "annonserad", date(2026, 5, 5))
        _plan(s, "UP-3", "SRM", "planerad", date(2026, 2, 20))
        _plan(s, "UP-4", "SRM", "behov_anmalt", date(2026, 3, 1))
        _award(s, "DU-1", "SRM", "794", 300_000, "klar")
        _award(s, "DU-2", "BADA", "794", 200_000, "klar")
        _award(s, "DU-3", "SRM", "794", 900_000, "utkast")  # not decided: not counted
        s.add(Avsteg(version=1, kind="befintligt_avtal", reason="Brådskande inköp",
                     reported_on=date(2026, 4, 1), contract_id=c1.id))  # fmt: skip
        s.add(Avsteg(version=1, kind="befintligt_avtal", reason="Hanterat",
                     reported_on=date(2025, 4, 1), contract_id=c2.id,
                     closed_on=date(2025, 5, 1)))  # fmt: skip
        return World(a.id, b.id, a1.id, c1.id, c2.id, p1.id)
