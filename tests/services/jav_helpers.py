"""Rows and actors for the jäv tests: a plan item, a direct award, people with roles."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import DirectAward, Person, PersonRole, PlanItem, Quote, Supplier
from inkop_desktop.domain.jav.kinds import InterestKind
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.registry import Services

DAY = date(2026, 11, 2)


@dataclass(frozen=True)
class JavWorld:
    """Ids of the rows the jäv tests use."""

    plan_item: uuid.UUID
    award: uuid.UUID
    officer: uuid.UUID  # karin.oberg, responsible for the plan item
    chief: uuid.UUID  # inkopschef
    anna: uuid.UUID
    bo: uuid.UUID  # external consultant
    decision_maker: uuid.UUID
    supplier: uuid.UUID  # Städ & Service AB, 556016-0680
    other_supplier: uuid.UUID


def build_world(
    sessions: sessionmaker[Session], officer: uuid.UUID, supplier: uuid.UUID
) -> JavWorld:
    """People, a plan item (responsible: *officer*) and a direct award."""
    with sessions.begin() as s:
        people = {
            login: Person(version=1, name=name, login=login, external_company=company)
            for login, name, company in (
                ("chef", "Göran Chefsson", None),
                ("anna.ek", "Anna Ek", None),
                ("bo.berg", "Bo Berg", "Konsult & Råd AB"),
                ("beslut", "Beata Beslut", None),
            )
        }
        s.add_all(people.values())
        other = Supplier(
            version=1,
            name="Alfa Labb AB",
            name_key="ALFA LABB AB",
            orgnr="556074-7569",
            vat_number="SE556074756901",
        )
        s.add(other)
        s.flush()
        for login, role in (
            ("chef", "inkopschef"),
            ("anna.ek", "medarbetare"),
            ("bo.berg", "medarbetare"),
            ("beslut", "budgetansvarig"),
        ):
            s.add(PersonRole(version=1, person_id=people[login].id, role=role))
        item = PlanItem(
            version=1,
            reference="UP-2026-001",
            title="Städtjänster <b>&</b> fönsterputs",
            status="annonserad",
            year=2026,
            parties="BADA",
            estimated_total_ore=250_000_000,
            responsible_id=officer,
        )
        award = DirectAward(
            version=1,
            diarienummer="RS 2026-00042",
            region="SRM",
            title="Konsultstöd",
            cpv="79400000-8",
            same_kind_key="794",
            value_ore=40_000_000,
            legal_ground="under_grans",
            award_date=DAY,
            decision_maker_id=people["beslut"].id,
            status="utkast",
        )
        s.add_all([item, award])
        s.flush()
        return JavWorld(
            item.id,
            award.id,
            officer,
            people["chef"].id,
            people["anna.ek"].id,
            people["bo.berg"].id,
            people["beslut"].id,
            supplier,
            other.id,
        )


def acting(services: Services, login: str) -> Services:
    """The same database, used by *login*."""
    return Services.create(ServiceContext(services.context.sessions, actor=login))


def answers(**overrides: Any) -> dict[str, Any]:
    """A declaration with every ground answered "nej" and both undertakings accepted."""
    data: dict[str, Any] = {
        "party_affected": False,
        "representative": False,
        "instance_or_supervision": False,
        "other_circumstance": False,
        "report_changes": True,
        "secrecy_accepted": True,
    }
    return data | overrides


def owns_shares(orgnr: str = "5560160680") -> dict[str, Any]:
    """An ownership interest in Städ & Service AB, orgnr written without hyphen."""
    return {
        "kind": InterestKind.AGANDE,
        "company_name": "STÄD OCH SERVICE AKTIEBOLAG",
        "company_orgnr": orgnr,
        "description": "Äger 5 % av aktierna via en kapitalförsäkring.",
    }


def add_quote(sessions: sessionmaker[Session], award: uuid.UUID, supplier: uuid.UUID) -> None:
    """Register a quote directly (the direct-award issue owns the real form)."""
    with sessions.begin() as s:
        s.add(
            Quote(
                version=1,
                direct_award_id=award,
                supplier_id=supplier,
                amount_ore=12_000_000,
                received_on=DAY,
            )
        )
