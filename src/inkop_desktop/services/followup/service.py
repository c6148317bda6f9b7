"""Avtalsuppföljning: the service (plans, performing, actions) and the list of plans."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, select

from inkop_desktop.db.tables import (
    Contract,
    Followup,
    FollowupAction,
    FollowupPlan,
    FollowupResult,
    Person,
)
from inkop_desktop.domain.calendar import parse_date
from inkop_desktop.domain.followup.model import ActionStatus, Outcome
from inkop_desktop.services.base import Service
from inkop_desktop.services.dto import FROZEN, ListQuery, Page
from inkop_desktop.services.followup.actions import ActionOps
from inkop_desktop.services.followup.documents import DocumentOps
from inkop_desktop.services.followup.perform import PerformOps
from inkop_desktop.services.followup.plans import PlanOps
from inkop_desktop.services.listing import ListSpec, run_page


class FollowupPlanRow(BaseModel):
    """One line in the follow-up list."""

    model_config = FROZEN
    id: uuid.UUID
    contract_number: str
    contract_title: str
    risk_tier: str
    interval_months: int
    next_due: date
    responsible: str | None
    deviations: int
    open_actions: int


def _per_plan(*where: Any) -> Any:
    """Count result rows of this plan's follow-ups matching *where*."""
    return (
        select(func.count(FollowupResult.id))
        .join(Followup, Followup.id == FollowupResult.followup_id)
        .where(Followup.plan_id == FollowupPlan.id, *where)
        .scalar_subquery()
    )


_DEVIATIONS = _per_plan(FollowupResult.outcome == Outcome.AVVIKELSE)
_OPEN = (
    select(func.count(FollowupAction.id))
    .join(FollowupResult, FollowupResult.id == FollowupAction.result_id)
    .join(Followup, Followup.id == FollowupResult.followup_id)
    .where(Followup.plan_id == FollowupPlan.id, FollowupAction.status == ActionStatus.OPPEN)
    .scalar_subquery()
)

SPEC = ListSpec(
    sortable={
        "contract_number": Contract.contract_number,
        "contract_title": Contract.title,
        "risk_tier": FollowupPlan.risk_tier,
        "interval_months": FollowupPlan.interval_months,
        "next_due": FollowupPlan.next_due,
        "responsible": Person.name,
        "deviations": _DEVIATIONS,
        "open_actions": _OPEN,
    },
    searchable=[Contract.title, Contract.contract_number, Person.name],
    default_sort="next_due",
    filters={
        "risk_tier": lambda v: FollowupPlan.risk_tier == v,
        "overdue_on": lambda v: FollowupPlan.next_due < (parse_date(v, "Försenad") or date.today()),
    },
)


class FollowupService(PlanOps, PerformOps, ActionOps, DocumentOps, Service):
    """Use cases of contract follow-up: plans, performing, actions, contact log and the list."""

    def list(self, query: ListQuery) -> Page[FollowupPlanRow]:
        """A filtered, sorted page of follow-up plans."""
        stmt = (
            select(
                FollowupPlan.id,
                Contract.contract_number,
                Contract.title.label("contract_title"),
                FollowupPlan.risk_tier,
                FollowupPlan.interval_months,
                FollowupPlan.next_due,
                Person.name.label("responsible"),
                _DEVIATIONS.label("deviations"),
                _OPEN.label("open_actions"),
            )
            .join(Contract, Contract.id == FollowupPlan.contract_id)
            .outerjoin(Person, Person.id == FollowupPlan.responsible_id)
        )
        with self._session() as s:
            rows, total, estimated = run_page(s, stmt, SPEC, query)
        return Page(
            rows=[FollowupPlanRow.model_validate(r) for r in rows],
            total=total,
            offset=query.offset,
            estimated=estimated,
        )
