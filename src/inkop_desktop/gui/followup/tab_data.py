"""What the contract's "Uppföljning" tab reads in one background call."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from inkop_desktop.domain.permissions import Act
from inkop_desktop.gui.followup.common import tr
from inkop_desktop.services.access import Actor
from inkop_desktop.services.registry import Services


@dataclass(frozen=True)
class Overview:
    """The contract's plan, follow-ups, open actions and contact log, and who is looking."""

    plan: Any
    followups: Sequence[Any]
    actions: Sequence[Any]
    contacts: Sequence[Any]
    responsible: tuple[uuid.UUID | None, ...]
    me: Actor
    people: Sequence[tuple[str, str]] = ()
    """(name, id) of the people who can own an action."""

    def refusal(self, *extra: uuid.UUID | None) -> str:
        """Why the person may not perform follow-ups of this contract ("" when they may)."""
        who = (*self.responsible, *extra)
        return self.me.refusal(Act.FOLLOWUP_PERFORM, responsible=who)

    def plan_text(self, today: date | None = None) -> str:
        """One line about the plan: tier, interval, next due (late or not), responsible."""
        plan = self.plan
        if plan is None:
            return tr("Avtalet har ingen uppföljningsplan ännu.")
        day = today or date.today()
        late = (day - plan.next_due).days
        due = plan.next_due.isoformat() + (
            tr(" (%1 dagar sen)").replace("%1", str(late)) if late > 0 else ""
        )
        return (
            tr("Riskklass %1, uppföljning var %2:e månad. Nästa uppföljning: %3. Ansvarig: %4.")
            .replace("%1", plan.risk_tier.label)
            .replace("%2", str(plan.interval_months))
            .replace("%3", due)
            .replace("%4", plan.responsible or tr("ingen"))
            + "\n"
            + tr("Checklistor: %1").replace("%1", ", ".join(plan.template_names))
        )


def read(services: Services, contract_id: uuid.UUID) -> Overview:
    """Everything the tab shows (runs off the GUI thread)."""
    service = services.followup
    plan = service.plan_for_contract(contract_id)
    contract = services.contracts.get(contract_id).data
    return Overview(
        plan=plan,
        followups=service.followups_of_plan(plan.id) if plan is not None else [],
        actions=service.actions_of_contract(contract_id, open_only=True),
        contacts=service.contacts(contract_id),
        responsible=(
            contract.handlaggare_id,
            contract.owner_id,
            plan.responsible_id if plan is not None else None,
        ),
        me=services.people.me(),
        people=[(p.display, str(p.id)) for p in services.people.people()],
    )


def save_proposal(services: Services, contract_id: uuid.UUID, proposal: Any) -> Any:
    """Store the proposed plan as the contract's plan."""
    data = {
        "risk_tier": proposal.risk_tier,
        "interval_months": proposal.interval_months,
        "template_ids": proposal.template_ids,
        "responsible_id": proposal.responsible_id,
        "next_due": proposal.next_due,
    }
    return services.followup.save_plan(contract_id, data)
