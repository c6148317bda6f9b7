"""Demo data: counts, validity, consistency, refusal on a non-empty database, determinism."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db import migrate
from inkop_desktop.db.engine import make_engine, make_sessionmaker
from inkop_desktop.db.tables import (
    Contract,
    ContractOption,
    DeclaredInterest,
    DirectAward,
    FollowupTemplateItem,
    JavDeclaration,
    Participant,
    Person,
    PersonRole,
    PlanItem,
    PlanItemCpv,
    Quote,
    ReferenceValue,
    Supplier,
)
from inkop_desktop.demo import DEMO_LOGIN
from inkop_desktop.demo.seed import DemoSummary, seed_demo, seed_reference_data
from inkop_desktop.domain.contracts.model import OptionDecision
from inkop_desktop.domain.direct_award.status import AwardStatus
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.followup.model import CheckCategory
from inkop_desktop.domain.identifiers import normalise_cpv, normalise_orgnr
from inkop_desktop.domain.plan.status import PlanStatus
from inkop_desktop.domain.reference import load_reference_file
from inkop_desktop.paths import resource
from tests.conftest import DemoDb

TODAY = date(2026, 11, 24)


@pytest.fixture
def seeded(sessions: sessionmaker[Session], demo_db: DemoDb) -> DemoSummary:
    """The demo data seeded into the test database."""
    return demo_db(TODAY)


def _all(sessions: sessionmaker[Session], model: type) -> list:
    with sessions() as s:
        return list(s.scalars(select(model)))


def test_minimum_counts(seeded: DemoSummary, sessions: sessionmaker[Session]) -> None:
    assert seeded.plan_items >= 60
    assert seeded.contracts >= 300
    assert seeded.suppliers >= 120
    assert seeded.people >= 40
    assert seeded.direct_awards >= 40
    assert seeded.followup_plans >= 140
    assert seeded.participants > 0
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Contract)) == seeded.contracts


def test_supplier_orgnr_valid_and_unique(seeded: DemoSummary, sessions) -> None:
    suppliers = _all(sessions, Supplier)
    assert all(normalise_orgnr(s.orgnr) == s.orgnr for s in suppliers)
    assert all(s.vat_number == "SE" + s.orgnr.replace("-", "") + "01" for s in suppliers)
    assert len({s.orgnr for s in suppliers}) == len(suppliers)
    assert len({s.name_key for s in suppliers}) == len(suppliers)
    assert Counter(s.orgnr[0] for s in suppliers).most_common(1)[0][0] == "5"


def test_contracts_are_consistent(seeded: DemoSummary, sessions) -> None:
    contracts = _all(sessions, Contract)
    assert all(c.end_date >= c.start_date for c in contracts)
    assert all(c.total_value_ore >= 0 and c.annual_value_ore >= 0 for c in contracts)
    assert all(normalise_cpv(c.cpv) == c.cpv for c in contracts)
    assert len({c.contract_number for c in contracts}) == len(contracts)
    assert any(c.end_date < TODAY for c in contracts)
    assert sum(TODAY < c.end_date <= date(2028, 5, 24) for c in contracts) > 60
    missing = [c for c in contracts if c.owner_id is None or c.handlaggare_id is None]
    assert 0 < len(missing) < len(contracts) * 0.1
    by_id = {c.id: c for c in contracts}
    calloffs = [c for c in contracts if c.framework_id is not None]
    assert calloffs and all(by_id[c.framework_id].is_framework for c in calloffs)


def test_options_deadlines_follow_decisions(seeded: DemoSummary, sessions) -> None:
    options = _all(sessions, ContractOption)
    assert {o.decision for o in options} == {d.value for d in OptionDecision}
    exercised = [o for o in options if o.decision == OptionDecision.UTNYTTJAD]
    assert all(o.decision_deadline < TODAY for o in exercised)
    open_ = [o for o in options if o.decision == OptionDecision.EJ_BESLUTAD]
    assert all(o.decision_deadline >= TODAY for o in open_)


def test_plan_milestones_in_order(seeded: DemoSummary, sessions) -> None:
    items = _all(sessions, PlanItem)
    for item in items:
        days = [
            d
            for d in (
                item.needs_analysis_on,
                item.advertise_on,
                item.award_on,
                item.contract_start_on,
            )
            if d is not None
        ]
        assert days == sorted(days), item.reference
        assert TODAY.year - 1 <= item.year <= TODAY.year + 1
    assert len({i.reference for i in items}) == len(items)
    assert any(i.replaces_contract_id is not None for i in items)


def test_every_plan_status_occurs(seeded: DemoSummary, sessions) -> None:
    statuses = {i.status for i in _all(sessions, PlanItem)}
    assert statuses == {s.value for s in PlanStatus}


def test_same_need_in_both_regions(seeded: DemoSummary, sessions) -> None:
    items = {i.id: i for i in _all(sessions, PlanItem)}
    seen: dict[tuple[str, int], set[str]] = {}
    for row in _all(sessions, PlanItemCpv):
        item = items[row.plan_item_id]
        seen.setdefault((row.cpv[:3], item.year), set()).add(item.parties)
    assert any({"SRM", "VMA"} <= parties for parties in seen.values())


def test_direct_awards_in_both_regions(seeded: DemoSummary, sessions) -> None:
    awards = _all(sessions, DirectAward)
    assert {a.region for a in awards} == {"SRM", "VMA"}
    assert {a.status for a in awards} == {s.value for s in AwardStatus}
    assert all(2_000_000 <= a.value_ore <= 70_000_000 for a in awards)
    assert all(a.same_kind_key == a.cpv[:3] for a in awards)
    by_id = {a.id: a for a in awards}
    replaced = [a for a in awards if a.supersedes_id is not None]
    assert replaced and all(by_id[a.supersedes_id].status == "ersatt" for a in replaced)
    signed = [a for a in awards if a.status == AwardStatus.SIGNERAD]
    assert all(a.signed_at is not None and a.signature_method for a in signed)
    quoted = {q.direct_award_id for q in _all(sessions, Quote)}
    assert quoted == set(by_id)


def test_people_and_demo_login(seeded: DemoSummary, sessions) -> None:
    people = _all(sessions, Person)
    assert len({p.login for p in people}) == len(people)
    karin = next(p for p in people if p.login == DEMO_LOGIN)
    assert karin.name == "Karin Öberg"
    roles = Counter(r.role for r in _all(sessions, PersonRole))
    assert roles["upphandlare"] >= 8 and roles["budgetansvarig"] >= 10
    assert roles["administrator"] == 1
    assert sum(p.external_company is not None for p in people) == 3


def test_followup_and_jav_cover_the_cases(seeded: DemoSummary, sessions) -> None:
    categories = {i.category for i in _all(sessions, FollowupTemplateItem)}
    assert categories == {c.value for c in CheckCategory}
    declarations = _all(sessions, JavDeclaration)
    assert any(d.needs_confirmation for d in declarations)
    assert any(d.version_no == 2 and d.supersedes_id for d in declarations)
    participants = _all(sessions, Participant)
    declared = {d.participant_id for d in declarations}
    assert any(p.id not in declared for p in participants)
    assert sum(p.removed_on is not None for p in participants) == 1
    orgnrs = {s.orgnr for s in _all(sessions, Supplier)}
    interests = _all(sessions, DeclaredInterest)
    assert any(i.company_orgnr in orgnrs for i in interests)


def test_reference_values_seeded_once(seeded: DemoSummary, sessions) -> None:
    shipped = load_reference_file(resource("data", "reference.json"))
    assert seeded.reference_values == len(shipped)
    with sessions.begin() as s:
        assert seed_reference_data(s) == 0
        assert s.scalar(select(func.count()).select_from(ReferenceValue)) == len(shipped)


def test_seeding_twice_is_refused(seeded: DemoSummary, sessions) -> None:
    with pytest.raises(DomainError, match="redan avtal"):
        seed_demo(sessions, today=TODAY)
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Contract)) == seeded.contracts


def test_same_seed_gives_same_data(
    seeded: DemoSummary, sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/again.sqlite")
    try:
        migrate.upgrade(engine)
        again = make_sessionmaker(engine)
        assert seed_demo(again, today=TODAY) == seeded

        def names(factory: sessionmaker[Session]) -> list[tuple[str, str]]:
            with factory() as s:
                return sorted(tuple(r) for r in s.execute(select(Supplier.name, Supplier.orgnr)))

        assert names(again) == names(sessions)
    finally:
        engine.dispose()


def test_benchmark_generator_fills_an_empty_database(db_url: str) -> None:
    from benchmarks.generate import generate

    generate(db_url, contracts=600, plan_items=40, suppliers=50, seed=3, today=TODAY)
    engine = make_engine(db_url)
    try:
        with make_sessionmaker(engine)() as s:
            counts = [
                s.scalar(select(func.count()).select_from(m))
                for m in (Contract, PlanItem, Supplier)
            ]
            assert counts == [600, 40, 50]
            assert all(normalise_orgnr(o) == o for o in s.scalars(select(Supplier.orgnr)))
            assert s.scalar(select(func.min(Contract.version))) == 1
            bad = select(func.count()).where(Contract.end_date < Contract.start_date)
            assert s.scalar(bad) == 0
    finally:
        engine.dispose()


def _roles_of(sessions: sessionmaker[Session]) -> dict:
    """Role values per person id."""
    found: dict = {}
    for role in _all(sessions, PersonRole):
        found.setdefault(role.person_id, set()).add(role.role)
    return found


def test_the_demo_people_hold_the_roles_their_records_name(
    seeded: DemoSummary, sessions: sessionmaker[Session]
) -> None:
    roles = _roles_of(sessions)
    officers = {c.handlaggare_id for c in _all(sessions, Contract)} - {None}
    owners = {c.owner_id for c in _all(sessions, Contract)} - {None}
    responsible = {p.responsible_id for p in _all(sessions, PlanItem)} - {None}
    assert all("upphandlare" in roles.get(i, ()) for i in officers | responsible)
    assert all("budgetansvarig" in roles.get(i, ()) for i in owners)


def test_a_demo_removal_records_who_and_why(
    seeded: DemoSummary, sessions: sessionmaker[Session]
) -> None:
    removed = [p for p in _all(sessions, Participant) if p.removed_on is not None]
    assert removed
    assert all(p.removed_by_id is not None and p.removal_reason.strip() for p in removed)
