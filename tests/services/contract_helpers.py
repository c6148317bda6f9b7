"""Contract input for service and GUI tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import Procedure
from tests.services.conftest import BaseRows


def contract_data(rows: BaseRows, **changes: Any) -> dict[str, Any]:
    """A valid contract between the base rows' people and supplier."""
    data: dict[str, Any] = dict(
        contract_number="SRM-2026-0001",
        title="Städtjänster Nyköping",
        parties=Parties.SORMLAND,
        procedure=Procedure.OPPET,
        cpv="90910000-9",
        start_date=date(2025, 1, 1),
        end_date=date(2026, 12, 31),
        notice_months=3,
        total_value_ore=3_000_000_00,
        annual_value_ore=1_500_000_00,
        owner_id=rows.owner,
        handlaggare_id=rows.officer,
        supplier_ids=(rows.supplier,),
    )
    data.update(changes)
    if "annual_value_ore" not in changes:  # the annual value is a part of the total
        data["annual_value_ore"] = min(data["annual_value_ore"], data["total_value_ore"])
    return data
