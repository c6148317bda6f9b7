"""Demo avtalsuppföljning: templates, plans per contract, signed and draft follow-ups, actions.

Consistent with the rules: a plan's next due date is one interval after its last signed
follow-up; a signed follow-up has every point assessed, every deviation described and an
åtgärd on every serious deviation; it is signed by the contract's handläggare or avtalsägare.
About one plan in ten is overdue (a follow-up not done in time), as in a real portfolio.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from inkop_desktop.db.tables import (
    Contract,
    Followup,
    FollowupAction,
    FollowupContact,
    FollowupPlan,
    FollowupPlanTemplate,
    FollowupResult,
    FollowupTemplate,
    FollowupTemplateItem,
)
from inkop_desktop.demo.base import Demo
from inkop_desktop.demo.texts import ACTIONS, CONTACT_NOTES, DEVIATIONS
from inkop_desktop.domain.contracts.model import RiskTier
from inkop_desktop.domain.followup.model import (
    ActionStatus,
    CheckCategory,
    ContactChannel,
    FollowupStatus,
    Outcome,
    Sanction,
)
from inkop_desktop.domain.followup.proposal import proposed_templates
from inkop_desktop.domain.followup.schedule import add_months
from inkop_desktop.domain.followup.templates import load_templates
from inkop_desktop.paths import resource

_OUTCOMES = ((Outcome.OK, 86), (Outcome.AVVIKELSE, 6), (Outcome.EJ_TILLAMPLIG, 8))
_SANCTIONS = ((Sanction.INGEN, 70), (Sanction.REKLAMATION, 22), (Sanction.VITE, 8))
Items = list[FollowupTemplateItem]


def seed_templates(demo: Demo) -> dict[str, tuple[FollowupTemplate, Items]]:
    """The shipped checklist templates (version 1) by key; those already loaded are reused."""
    have = {t.key: t for t in demo.session.scalars(select(FollowupTemplate))}
    made: dict[str, tuple[FollowupTemplate, Items]] = {}
    shipped = load_templates(resource("data", "checklist_templates.json"))
    for t in shipped:
        if t.key in have:
            made[t.key] = (have[t.key], _items(demo, have[t.key]))
            continue
        template = demo.new(
            FollowupTemplate, name=t.name, description=t.description, key=t.key,
            current_version=1, active=True,
        )  # fmt: skip
        demo.flush()
        items = [
            demo.new(
                FollowupTemplateItem,
                template_id=template.id,
                ordinal=i,
                version_no=1,
                category=item.category.value,
                text=item.text,
                evidence=item.evidence,
                serious=item.serious,
            )
            for i, item in enumerate(t.items, start=1)
        ]
        made[t.key] = (template, items)
    demo.flush()
    return made


def _items(demo: Demo, template: FollowupTemplate) -> Items:
    """The items of a template's current version."""
    stmt = (
        select(FollowupTemplateItem)
        .where(
            FollowupTemplateItem.template_id == template.id,
            FollowupTemplateItem.version_no == template.current_version,
        )
        .order_by(FollowupTemplateItem.ordinal)
    )
    return list(demo.session.scalars(stmt))


UNPLANNED = 6
"""Running contracts of normal risk left without a plan, so the avsteg rule has cases to show."""


def seed_followup(demo: Demo, unplanned: int = UNPLANNED) -> None:
    """Plans for every running contract but a few of normal risk, their follow-ups, actions."""
    templates = seed_templates(demo)
    running = [c for c in demo.contracts if c.start_date <= demo.today <= c.end_date]
    order = {RiskTier.KRITISK.value: 0, RiskTier.HOG.value: 1, RiskTier.NORMAL.value: 2}
    running.sort(key=lambda c: (order[c.risk_tier], demo.rng.random()))
    plans = max(0, len(running) - unplanned)
    made = []
    for contract in running[:plans]:
        keys = proposed_templates(
            RiskTier(contract.risk_tier), contract.cpv, contract.preparedness_critical
        )
        chosen = [templates[k] for k in keys if k in templates]
        made.append((contract, chosen, *_plan(demo, contract, chosen)))
    demo.flush()
    signed = [
        (_signed(demo, contract, plan, chosen, last), _performer(contract, plan))
        for contract, chosen, plan, last in made
        if last is not None
    ]
    demo.flush()
    _sign(signed)
    drafts = [m for m in made if m[3] is not None and demo.rng.random() < 0.05]
    for contract, chosen, plan, _ in drafts:
        _draft(demo, contract, plan, chosen)
    demo.flush()
    for contract in running[: plans // 3]:
        _contacts(demo, contract)
    demo.flush()


def _performer(contract: Contract, plan: FollowupPlan) -> Any:
    """Who performs and signs: the handläggare, else the avtalsägare, else the plan's own."""
    return contract.handlaggare_id or contract.owner_id or plan.responsible_id


def _plan(
    demo: Demo, contract: Contract, chosen: list[tuple[FollowupTemplate, Items]]
) -> tuple[FollowupPlan, date | None]:
    """A plan and the day of its last signed follow-up (None if never); about 10 % overdue."""
    rng = demo.rng
    tier = RiskTier(contract.risk_tier)
    interval = tier.interval_months
    last: date | None = None
    draw = rng.random()
    started = (demo.today - contract.start_date).days
    if draw < 0.78 and started > 20:
        last = demo.today - timedelta(days=rng.randint(10, min(started, interval * 30 - 10)))
    elif draw < 0.88 and started > interval * 31 + 30:
        last = demo.today - timedelta(days=interval * 31 + rng.randint(5, 60))  # overdue
    if last is not None:
        next_due = add_months(last, interval)
    else:
        next_due = max(add_months(contract.start_date, interval), demo.today + demo.days(5, 120))
    plan = demo.new(
        FollowupPlan, contract_id=contract.id, template_id=chosen[0][0].id, risk_tier=tier.value,
        interval_months=interval, next_due=next_due, note="",
        responsible_id=contract.handlaggare_id or demo.people["upphandlare"][0].id,
    )  # fmt: skip
    demo.flush()
    for i, (template, _) in enumerate(chosen, start=1):
        demo.new(FollowupPlanTemplate, plan_id=plan.id, template_id=template.id, ordinal=i)
    return plan, last


def _templates_text(chosen: list[tuple[FollowupTemplate, Items]]) -> str:
    """The "name (version N)" lines a follow-up records."""
    return "\n".join(f"{t.name} (version {t.current_version})" for t, _ in chosen)


def _signed(
    demo: Demo, contract: Contract, plan: FollowupPlan,
    chosen: list[tuple[FollowupTemplate, Items]], day: date,
) -> Followup:  # fmt: skip
    """A completed (to be signed) follow-up with every point assessed and its actions."""
    who = _performer(contract, plan)
    followup = demo.new(
        Followup, plan_id=plan.id, due_on=day, performed_on=day, performed_by_id=who,
        status=FollowupStatus.UTKAST.value, templates=_templates_text(chosen),
        summary="Uppföljningsmöte med leverantören genomfört; underlag granskat.",
    )  # fmt: skip
    demo.flush()
    for result in _results(demo, contract, followup, chosen, assess_all=True):
        if result.serious or demo.rng.random() < 0.7:
            _action(demo, contract, day, result)
    return followup


def _sign(followups: list[tuple[Followup, Any]]) -> None:
    """Sign the completed drafts (their results are written first: signed rows never change)."""
    for followup, who in followups:
        assert followup.performed_on is not None
        followup.status = FollowupStatus.SLUTFORD.value
        followup.signed_by_id = who
        followup.signed_at = datetime.combine(followup.performed_on, time(15, 30), tzinfo=UTC)


def _draft(
    demo: Demo, contract: Contract, plan: FollowupPlan,
    chosen: list[tuple[FollowupTemplate, Items]],
) -> None:  # fmt: skip
    """A follow-up in progress: some points assessed, saved as a draft."""
    followup = demo.new(
        Followup, plan_id=plan.id, due_on=plan.next_due, performed_on=None,
        performed_by_id=_performer(contract, plan), status=FollowupStatus.UTKAST.value,
        templates=_templates_text(chosen), summary="",
    )  # fmt: skip
    demo.flush()
    _results(demo, contract, followup, chosen, assess_all=False)


def _results(
    demo: Demo, contract: Contract, followup: Followup,
    chosen: list[tuple[FollowupTemplate, Items]], assess_all: bool,
) -> list[FollowupResult]:  # fmt: skip
    """One result per checklist point; returns the deviations."""
    rng = demo.rng
    deviations = []
    ordinal = 0
    for _, items in chosen:
        for item in items:
            ordinal += 1
            outcome: Outcome | None = rng.choices(
                [o for o, _ in _OUTCOMES], weights=[w for _, w in _OUTCOMES]
            )[0]
            category = CheckCategory(item.category)
            if category is CheckCategory.CIVIL_BEREDSKAP and not contract.preparedness_critical:
                outcome = Outcome.EJ_TILLAMPLIG
            if not assess_all and rng.random() < 0.5:
                outcome = None
            result = demo.new(
                FollowupResult, followup_id=followup.id, ordinal=ordinal, category=item.category,
                item_text=item.text, evidence_expected=item.evidence, serious=item.serious,
                template_item_id=item.id, outcome=outcome.value if outcome else "",
                comment=DEVIATIONS[category] if outcome is Outcome.AVVIKELSE else "",
            )  # fmt: skip
            if outcome is Outcome.AVVIKELSE:
                deviations.append(result)
    demo.flush()
    return deviations


def _action(demo: Demo, contract: Contract, day: date, result: FollowupResult) -> None:
    """An åtgärd on a deviation, closed with a note if it was due a while ago."""
    rng = demo.rng
    due = day + timedelta(days=rng.choice((30, 45, 60)))
    closed = due < demo.today and rng.random() < 0.75
    owner = contract.handlaggare_id or contract.owner_id
    sanction = rng.choices([s for s, _ in _SANCTIONS], weights=[w for _, w in _SANCTIONS])[0]
    closed_on = min(due - timedelta(days=rng.randint(0, 20)), demo.today) if closed else None
    demo.new(
        FollowupAction, result_id=result.id, description=ACTIONS[CheckCategory(result.category)],
        owner_id=owner, due_on=due, sanction=sanction.value,
        status=(ActionStatus.KLAR if closed else ActionStatus.OPPEN).value,
        closed_on=max(closed_on, day) if closed_on else None,
        closing_note="Leverantören har lämnat underlag som visar att bristen är åtgärdad."
        if closed else "",
        closed_by_id=owner if closed else None,
    )  # fmt: skip


def _contacts(demo: Demo, contract: Contract) -> None:
    """One to three entries of the supplier contact log."""
    rng = demo.rng
    who = contract.handlaggare_id or contract.owner_id
    for _ in range(rng.randint(1, 3)):
        demo.new(
            FollowupContact, contract_id=contract.id, person_id=who,
            contacted_on=max(demo.today - demo.days(1, 300), contract.start_date),
            channel=rng.choice(list(ContactChannel)).value,
            supplier_person=rng.choice(("Kundansvarig", "Avtalsansvarig", "Vd", "Kundtjänst")),
            note=rng.choice(CONTACT_NOTES),
        )  # fmt: skip
