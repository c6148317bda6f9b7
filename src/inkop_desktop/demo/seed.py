"""Reference data and a realistic, deterministic demo database for both regions."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.base import Row
from inkop_desktop.db.tables import (
    Avsteg,
    Contract,
    DirectAward,
    Followup,
    FollowupPlan,
    Organisation,
    Person,
    PlanItem,
    ReferenceValue,
    Supplier,
)
from inkop_desktop.demo.avsteg import seed_register
from inkop_desktop.demo.awards import seed_awards
from inkop_desktop.demo.base import ACTOR, Demo
from inkop_desktop.demo.contracts import seed_contracts
from inkop_desktop.demo.followup import seed_followup
from inkop_desktop.demo.jav import seed_jav
from inkop_desktop.demo.org import seed_delegation, seed_organisations, seed_people
from inkop_desktop.demo.plan import seed_plan
from inkop_desktop.demo.reskontra import seed_reskontra
from inkop_desktop.demo.suppliers import seed_suppliers
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.reference import load_reference_file
from inkop_desktop.paths import resource


@dataclass(frozen=True)
class DemoSummary:
    """How many rows of each kind the demo seeding created."""

    reference_values: int
    organisations: int
    people: int
    suppliers: int
    contracts: int
    plan_items: int
    direct_awards: int
    followup_plans: int
    followups: int
    participants: int
    avsteg: int


def seed_reference_data(session: Session, *, actor: str = "system") -> int:
    """Insert the shipped dated reference values if the table is empty; return how many."""
    if session.scalar(select(func.count()).select_from(ReferenceValue)):
        return 0
    values = load_reference_file(resource("data", "reference.json"))
    for value in values:
        session.add(
            ReferenceValue(
                key=value.key.value,
                unit=value.unit.value,
                amount=value.amount,
                scope=value.scope,
                from_amount_kr=value.from_amount_kr,
                valid_from=value.valid_from,
                valid_to=value.valid_to,
                source=value.source,
                note=value.note,
                comparison=value.comparison.value,
                created_by=actor,
                updated_by=actor,
            )
        )
    session.flush()
    return len(values)


def seed_demo(
    session_factory: sessionmaker[Session], *, today: date, seed: int = 2026
) -> DemoSummary:
    """Fill an empty, migrated database with demo data in one transaction, then the register.

    The avsteg register is filled the way the app fills it (the rules over the seeded data, as
    the demo user), so it holds exactly what the rules find.
    """
    from inkop_desktop.demo import DEMO_LOGIN

    with session_factory.begin() as session:
        session.info["actor"] = ACTOR
        if session.scalar(select(func.count()).select_from(Contract)):
            raise DomainError(
                "Databasen innehåller redan avtal. Demodata kan bara läggas in i en tom databas.",
                message_id="demo.not_empty",
            )
        references = seed_reference_data(session, actor=ACTOR)
        demo = Demo(session, random.Random(seed), today, random.Random(seed + 1))
        participants = _seed_all(demo)
    seed_register(session_factory, DEMO_LOGIN, today)
    with session_factory() as session:
        return _summary(session, references, participants)


def _seed_all(demo: Demo) -> int:
    """Every area in dependency order; returns the number of jäv participants."""
    seed_organisations(demo)
    seed_people(demo)
    seed_delegation(demo)
    seed_suppliers(demo)
    seed_contracts(demo)
    seed_plan(demo)
    seed_awards(demo)
    seed_followup(demo)
    participants = seed_jav(demo)
    seed_reskontra(demo)
    return participants


def _count(session: Session, table: type[Row]) -> int:
    """Rows in *table*."""
    return int(session.scalar(select(func.count()).select_from(table)) or 0)


def _summary(session: Session, references: int, participants: int) -> DemoSummary:
    """Count what was created."""
    return DemoSummary(
        reference_values=references,
        organisations=_count(session, Organisation),
        people=_count(session, Person),
        suppliers=_count(session, Supplier),
        contracts=_count(session, Contract),
        plan_items=_count(session, PlanItem),
        direct_awards=_count(session, DirectAward),
        followup_plans=_count(session, FollowupPlan),
        followups=_count(session, Followup),
        participants=participants,
        avsteg=_count(session, Avsteg),
    )
