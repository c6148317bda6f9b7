"""A contract with a follow-up plan on the shipped checklists, for the follow-up GUI tests."""

from __future__ import annotations

import uuid
from datetime import date

from inkop_desktop.domain.contracts.model import RiskTier
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.contract_helpers import contract_data

TAX = "Skatter och avgifter"


def template_id(services: Services, name: str = TAX) -> uuid.UUID:
    """The shipped template whose name starts with *name* (loaded if missing)."""
    services.followup_templates.sync_shipped()
    rows = services.followup_templates.list_templates()
    return next(t.id for t in rows if t.name.startswith(name))


def planned_contract(services: Services, rows: BaseRows) -> tuple[uuid.UUID, uuid.UUID]:
    """A contract in force with a plan on the tax checklist; (contract id, plan id)."""
    contract = services.contracts.create(
        contract_data(rows, start_date=date(2025, 1, 1), end_date=date(2029, 12, 31))
    )
    plan = services.followup.save_plan(
        contract.id,
        {
            "risk_tier": RiskTier.KRITISK,
            "interval_months": 4,
            "template_ids": (template_id(services),),
            "responsible_id": rows.officer,
            "next_due": date.today(),
        },
    )
    return contract.id, plan.id
