"""The demo's avtalsuppföljning obeys the rules a user would check (one seeding per engine)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import (
    Contract,
    Followup,
    FollowupAction,
    FollowupContact,
    FollowupPlan,
    FollowupPlanTemplate,
    FollowupResult,
)
from inkop_desktop.domain.followup.model import ActionStatus, FollowupStatus, Outcome
from inkop_desktop.domain.followup.schedule import add_months
from tests.conftest import DemoDb

TODAY = date(2026, 11, 24)


def _all(s: Session, model: type) -> list:
    return list(s.scalars(select(model)))


def test_demo_follow_ups_are_consistent_with_every_rule(
    sessions: sessionmaker[Session], demo_db: DemoDb
) -> None:
    demo_db(TODAY)
    with sessions() as s:
        plans = {p.id: p for p in _all(s, FollowupPlan)}
        contracts = {c.id: c for c in _all(s, Contract)}
        followups = _all(s, Followup)
        results = defaultdict(list)
        for r in _all(s, FollowupResult):
            results[r.followup_id].append(r)
        actions = defaultdict(list)
        for a in _all(s, FollowupAction):
            actions[a.result_id].append(a)
        linked = {t.plan_id for t in _all(s, FollowupPlanTemplate)}
        contacts = _all(s, FollowupContact)

    assert set(plans) <= linked  # every plan has its checklists
    signed = [f for f in followups if f.status == FollowupStatus.SLUTFORD.value]
    drafts = [f for f in followups if f.status == FollowupStatus.UTKAST.value]
    assert len(signed) >= 80 and drafts and contacts
    last: dict = {}
    for f in signed:
        plan = plans[f.plan_id]
        contract = contracts[plan.contract_id]
        allowed = {contract.handlaggare_id, contract.owner_id, plan.responsible_id}
        assert f.signed_by_id in allowed and f.signed_at and f.performed_on <= TODAY
        for r in results[f.id]:
            assert r.outcome in {o.value for o in Outcome}
            if r.outcome == Outcome.AVVIKELSE.value:
                assert r.comment
                assert actions[r.id] or not r.serious
        last[f.plan_id] = max(last.get(f.plan_id, f.performed_on), f.performed_on)
    for plan_id, day in last.items():
        assert plans[plan_id].next_due == add_months(day, plans[plan_id].interval_months)
    overdue = [p for p in plans.values() if p.next_due < TODAY]
    assert 0 < len(overdue) <= len(plans) * 0.15  # realistic, not half the portfolio
    for group in actions.values():
        for a in group:
            closed = a.status == ActionStatus.KLAR.value
            assert closed == (a.closed_on is not None) == bool(a.closing_note)
            assert not closed or a.closed_on <= TODAY
