"""Demo avtalsuppföljning: checklist templates, plans per contract, occasions and actions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from inkop_desktop.db.tables import (
    Contract,
    Followup,
    FollowupAction,
    FollowupPlan,
    FollowupResult,
    FollowupTemplate,
    FollowupTemplateItem,
)
from inkop_desktop.demo.base import Demo, add_months
from inkop_desktop.demo.texts import ACTIONS, DEVIATIONS, SANCTIONS
from inkop_desktop.domain.contracts.model import RiskTier
from inkop_desktop.domain.followup.model import ActionStatus, CheckCategory, FollowupStatus, Outcome
from inkop_desktop.domain.followup.templates import load_templates
from inkop_desktop.paths import resource

_OUTCOMES = ((Outcome.OK, 85), (Outcome.AVVIKELSE, 8), (Outcome.EJ_TILLAMPLIG, 7))


def seed_templates(demo: Demo) -> list[tuple[FollowupTemplate, tuple[Any, ...]]]:
    """The shipped checklist templates; together they cover every CheckCategory."""
    made = []
    for shipped in load_templates(resource("data", "checklist_templates.json")):
        template = demo.new(FollowupTemplate, name=shipped.name, description=shipped.description)
        made.append((template, tuple((i.category, i.text) for i in shipped.items)))
    demo.flush()
    for template, items in made:
        for i, (category, text) in enumerate(items, start=1):
            demo.new(
                FollowupTemplateItem,
                template_id=template.id,
                ordinal=i,
                category=category.value,
                text=text,
            )
    return made


def seed_followup(demo: Demo, plans: int = 150) -> None:
    """Plans for about 150 running contracts (critical first), with past and due occasions."""
    basic, full = seed_templates(demo)
    running = [c for c in demo.contracts if c.start_date <= demo.today <= c.end_date]
    order = {RiskTier.KRITISK.value: 0, RiskTier.HOG.value: 1, RiskTier.NORMAL.value: 2}
    running.sort(key=lambda c: (order[c.risk_tier], demo.rng.random()))
    made = []
    for contract in running[:plans]:
        template, items = full if contract.risk_tier != RiskTier.NORMAL.value else basic
        made.append((contract, items, *_plan(demo, contract, template)))
    demo.flush()
    done = []
    for contract, items, plan, last in made:
        _occasion(demo, plan, plan.next_due, None)
        if last is not None:
            done.append((contract, items, _occasion(demo, plan, last, plan.responsible_id)))
    demo.flush()
    deviations = [d for c, items, f in done for d in _results(demo, c, f, items)]
    demo.flush()
    for contract, followup, result, category in deviations:
        _action(demo, contract, followup, result, category)
    demo.flush()


def _plan(
    demo: Demo, contract: Contract, template: FollowupTemplate
) -> tuple[FollowupPlan, date | None]:
    """A plan and the day of its last performed occasion (None if never); some are overdue."""
    rng = demo.rng
    tier = RiskTier(contract.risk_tier)
    last: date | None = None
    if rng.random() < 0.6:
        last = max(demo.today - demo.days(10, tier.interval_months * 30), contract.start_date)
    if last is not None and rng.random() > 0.15:
        next_due = add_months(last, tier.interval_months)
    elif last is None and rng.random() < 0.5:
        next_due = demo.today + demo.days(5, 150)  # first follow-up still to come
    else:
        next_due = demo.today - demo.days(5, 90)  # overdue
    plan = demo.new(
        FollowupPlan,
        contract_id=contract.id,
        template_id=template.id,
        risk_tier=tier.value,
        interval_months=tier.interval_months,
        next_due=next_due,
        responsible_id=contract.handlaggare_id or demo.people["upphandlare"][0].id,
    )
    return plan, last


def _occasion(demo: Demo, plan: FollowupPlan, day: date, performer: Any) -> Followup:
    """A performed (when *performer* is given) or planned follow-up occasion."""
    return demo.new(
        Followup,
        plan_id=plan.id,
        due_on=day,
        performed_on=day if performer else None,
        performed_by_id=performer,
        status=(FollowupStatus.GENOMFORD if performer else FollowupStatus.PLANERAD).value,
        summary="Uppföljningsmöte med leverantören genomfört." if performer else "",
    )


def _results(
    demo: Demo, contract: Contract, followup: Followup, items: tuple[Any, ...]
) -> list[tuple[Contract, Followup, FollowupResult, CheckCategory]]:
    """One result per checklist point; returns the deviations (they get an action)."""
    rng = demo.rng
    deviations = []
    weights = [w for _, w in _OUTCOMES]
    for category, text in items:
        outcome = rng.choices([o for o, _ in _OUTCOMES], weights=weights)[0]
        if category is CheckCategory.CIVIL_BEREDSKAP and not contract.preparedness_critical:
            outcome = Outcome.EJ_TILLAMPLIG
        result = demo.new(
            FollowupResult,
            followup_id=followup.id,
            category=category.value,
            item_text=text,
            outcome=outcome.value,
            comment=DEVIATIONS[category] if outcome is Outcome.AVVIKELSE else "",
        )
        if outcome is Outcome.AVVIKELSE:
            deviations.append((contract, followup, result, category))
    return deviations


def _action(
    demo: Demo,
    contract: Contract,
    followup: Followup,
    result: FollowupResult,
    category: CheckCategory,
) -> None:
    """An action on a deviation, closed if it was due a while ago."""
    due = (followup.performed_on or demo.today) + timedelta(days=demo.rng.choice((30, 45, 60)))
    closed = due < demo.today and demo.rng.random() < 0.6
    demo.new(
        FollowupAction,
        result_id=result.id,
        description=ACTIONS[category],
        owner_id=contract.handlaggare_id or contract.owner_id,
        due_on=due,
        status=(ActionStatus.KLAR if closed else ActionStatus.OPPEN).value,
        sanction=demo.rng.choice(SANCTIONS),
        closed_on=min(due, demo.today) if closed else None,
    )
