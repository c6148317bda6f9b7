"""The avtalstrohet world plus a nämnd's direct awards, contracts, follow-ups and avsteg."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import (
    Avsteg,
    Contract,
    ContractSupplier,
    DirectAward,
    Followup,
    FollowupPlan,
    Organisation,
    Person,
    Supplier,
)
from inkop_desktop.services.registry import Services
from tests.services.compliance.setup import build_world, csv_file

DAY = date(2026, 6, 15)
YEAR = (date(2026, 1, 1), date(2026, 12, 31))


@dataclass(frozen=True)
class Nämnd:
    """The ids the tests look at."""

    nhs: uuid.UUID
    hsn: uuid.UUID
    owner: uuid.UUID


def _award(s: Session, number: str, org: uuid.UUID, kr: int, day: date, status: str = "klar",
           title: str = "", region: str = "SRM", **more: object) -> None:  # fmt: skip
    s.add(DirectAward(
        version=1, diarienummer=number, region=region, organisation_id=org,
        title=title or f"Köp {number}", cpv="33100000", same_kind_key="331", value_ore=kr * 100,
        legal_ground="under_grans", award_date=day, status=status, **more,
    ))  # fmt: skip


def _contract(s: Session, number: str, org: uuid.UUID, start: date, end: date,
              **more: object) -> Contract:  # fmt: skip
    row = Contract(version=1, contract_number=number, title=f"Avtal {number}", title_key=number,
                   parties="SRM", procedure="oppet", start_date=start, end_date=end,
                   total_value_ore=100, owner_org_id=org, **more)  # fmt: skip
    s.add(row)
    s.flush()
    return row


def _plan(s: Session, contract: Contract, due: date) -> FollowupPlan:
    plan = FollowupPlan(version=1, contract_id=contract.id, risk_tier="normal",
                        interval_months=12, next_due=due)  # fmt: skip
    s.add(plan)
    s.flush()
    return plan


def build(services: Services, sessions: sessionmaker[Session], title: str = "") -> Nämnd:
    """NHS (with HSF) gets three awards in 2026, four contracts, follow-ups and three avsteg."""
    world = build_world(sessions)
    data = csv_file()
    services.compliance.import_file(
        data, "r.csv", services.compliance.preview(data, "r.csv").mapping
    )
    with sessions.begin() as s:
        hsf = s.scalars(select(Organisation.id).where(Organisation.short_name == "HSF")).one()
        alfa = s.scalars(select(Supplier.id).where(Supplier.name == "Alfa Medicin AB")).one()
        gamma = s.scalars(select(Supplier.id).where(Supplier.name == "Gamma Konsult AB")).one()
        boss = Person(version=1, name="Berit Beslut", login="berit.beslut", organisation_id=hsf)
        owner = Person(version=1, name="Olle Ägare", login="olle.agare", organisation_id=hsf)
        officer = Person(version=1, name="Hanna Handläggare", login="hanna.h")
        s.add_all([boss, owner, officer])
        s.flush()
        _award(s, "DU-1", hsf, 300_000, date(2026, 2, 1), title=title,
               chosen_supplier_id=alfa, decision_maker_id=boss.id)  # fmt: skip
        _award(s, "DU-2", world.nhs, 500_000, date(2026, 3, 1))
        _award(s, "DU-3", hsf, 900_000, date(2026, 4, 1), status="utkast")  # not decided
        _award(s, "DU-4", hsf, 50_000, date(2025, 4, 1))  # earlier year
        _award(s, "DU-5", world.hsn, 80_000, date(2026, 4, 1), region="VMA")  # another nämnd
        ik1 = _contract(s, "IK-1", hsf, date(2025, 1, 1), date(2027, 12, 31),
                        owner_id=owner.id, handlaggare_id=officer.id)  # fmt: skip
        s.add(ContractSupplier(version=1, contract_id=ik1.id, supplier_id=gamma))
        late = _plan(s, ik1, date(2026, 3, 1))  # overdue on DAY
        s.add(Followup(version=1, plan_id=late.id, due_on=date(2026, 2, 1),
                       performed_on=date(2026, 2, 10), status="slutford"))  # fmt: skip
        _contract(s, "IK-2", world.nhs, date(2026, 1, 1), date(2026, 12, 31))  # no plan
        _plan(s, _contract(s, "IK-3", hsf, date(2024, 1, 1), date(2026, 10, 31)),
              date(2026, 9, 1))  # due later in the year  # fmt: skip
        _contract(s, "IK-4", hsf, date(2023, 1, 1), date(2025, 6, 30))  # ended: not listed
        s.add_all([
            Avsteg(version=1, kind="ovrigt", reason="Inköp utan beställning",
                   reported_on=date(2026, 4, 1), organisation_id=world.nhs),
            Avsteg(version=1, kind="befintligt_avtal", reason="Brådskande",
                   reported_on=date(2026, 5, 1), organisation_id=hsf, closed_on=date(2026, 5, 20)),
            Avsteg(version=1, kind="ovrigt", reason="Förra året",
                   reported_on=date(2025, 5, 1), organisation_id=world.nhs),
        ])  # fmt: skip
    return Nämnd(world.nhs, world.hsn, owner.id)
