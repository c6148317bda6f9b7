"""A contract with a saved follow-up plan, for the follow-up service tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from inkop_desktop.domain.contracts.model import RiskTier
from inkop_desktop.domain.followup.model import Outcome
from inkop_desktop.services.followup import FollowupDetail, PlanDetail
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.contract_helpers import contract_data

TODAY = date.today()


@dataclass(frozen=True)
class Planned:
    """A contract in force (risk tier *kritisk*, CPV 90 städ) and its saved plan."""

    contract_id: uuid.UUID
    plan: PlanDetail


def planned(services: Services, rows: BaseRows, **changes: Any) -> Planned:
    """Templates loaded, a contract created and its proposed plan saved."""
    services.followup_templates.sync_shipped()
    data = contract_data(
        rows, risk_tier=RiskTier.KRITISK, start_date=date(TODAY.year - 1, 1, 1),
        end_date=date(TODAY.year + 2, 12, 31), **changes,
    )  # fmt: skip
    contract = services.contracts.create(data)
    proposal = services.followup.propose_plan(contract.id)
    plan = services.followup.save_plan(contract.id, plan_data(proposal))
    return Planned(contract.id, plan)


def plan_data(proposal: Any, **changes: Any) -> dict[str, Any]:
    """The fields of a proposal as save_plan takes them."""
    data = {
        "risk_tier": proposal.risk_tier,
        "interval_months": proposal.interval_months,
        "template_ids": proposal.template_ids,
        "responsible_id": proposal.responsible_id,
        "next_due": proposal.next_due,
        "note": "",
    }
    data.update(changes)
    return data


def assess(detail: FollowupDetail, deviating: int | None = None) -> list[dict[str, Any]]:
    """Every point OK, except the point *deviating* (an index) as a described deviation."""
    out = []
    for i, r in enumerate(detail.results):
        bad = i == deviating
        out.append(
            {
                "result_id": r.id,
                "outcome": Outcome.AVVIKELSE if bad else Outcome.OK,
                "comment": "Skulder hos Kronofogden på 84 000 kr." if bad else "",
            }
        )
    return out


def first_serious(detail: FollowupDetail) -> int:
    """The index of the first serious point."""
    return next(i for i, r in enumerate(detail.results) if r.serious)
