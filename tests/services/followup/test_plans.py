"""Follow-up plans: proposed from risk tier and CPV, saved, and contracts in force without one."""

from __future__ import annotations

from datetime import date

import pytest

from inkop_desktop.domain.contracts import RiskTier
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.followup.schedule import add_months
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.permissions import PermissionDeniedError
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows, acting_as
from tests.services.contract_helpers import contract_data
from tests.services.followup.helpers import TODAY, plan_data, planned


def test_a_new_critical_contract_gets_a_plan_proposed_from_tier_and_cpv(
    services: Services, base_rows: BaseRows
) -> None:
    services.followup_templates.sync_shipped()
    contract = services.contracts.create(
        contract_data(base_rows, risk_tier=RiskTier.KRITISK, preparedness_critical=True,
                      start_date=TODAY, end_date=date(TODAY.year + 3, 12, 31))
    )  # fmt: skip
    proposal = services.followup.propose_plan(contract.id)

    assert proposal.interval_months == 4
    assert "Civil beredskap" in proposal.template_names
    assert "Välfärdsbrottslighet" in proposal.template_names  # CPV 90 städ
    assert proposal.responsible_id == base_rows.officer
    assert proposal.next_due == add_months(TODAY, 4)
    assert services.followup.plan_for_contract(contract.id) is None  # nothing saved


def test_a_contract_in_force_without_a_plan_is_listed_until_it_gets_one(
    services: Services, base_rows: BaseRows
) -> None:
    services.followup_templates.sync_shipped()
    running = services.contracts.create(
        contract_data(base_rows, start_date=date(TODAY.year - 1, 1, 1),
                      end_date=date(TODAY.year + 1, 12, 31))
    )  # fmt: skip
    services.contracts.create(
        contract_data(base_rows, contract_number="SRM-2020-0002", start_date=date(2020, 1, 1),
                      end_date=date(2021, 12, 31))
    )  # fmt: skip
    assert [r.contract_id for r in services.followup.unplanned(ListQuery()).rows] == [running.id]

    proposal = services.followup.propose_plan(running.id)
    plan = services.followup.save_plan(running.id, plan_data(proposal))

    assert services.followup.unplanned(ListQuery()).total == 0
    assert plan.template_names == ("Grundkontroll leverantör",) and plan.interval_months == 24
    listed = services.followup.list(ListQuery()).rows
    assert [(r.id, r.next_due) for r in listed] == [(plan.id, proposal.next_due)]


def test_a_plan_is_changed_with_its_version_and_refuses_a_template_twice(
    services: Services, base_rows: BaseRows
) -> None:
    setup = planned(services, base_rows)
    one = setup.plan.template_ids[0]
    with pytest.raises(ValidationError, match="två gånger"):
        services.followup.save_plan(
            setup.contract_id, plan_data(setup.plan, template_ids=(one, one)), setup.plan.version
        )
    changed = services.followup.save_plan(
        setup.contract_id, plan_data(setup.plan, template_ids=(one,), note="Ny plan"),
        setup.plan.version,
    )  # fmt: skip
    assert changed.template_ids == (one,) and changed.note == "Ny plan"
    assert changed.version > setup.plan.version


def test_only_the_procurement_unit_plans(services: Services, base_rows: BaseRows) -> None:
    setup = planned(services, base_rows)
    budget = acting_as(services, "bo.budget", "Bo Budget", Role.BUDGETANSVARIG)
    with pytest.raises(PermissionDeniedError, match="planera avtalsuppföljning"):
        budget.followup.save_plan(setup.contract_id, plan_data(setup.plan), setup.plan.version)
