"""Changing what exists: a plan's choices and due date, an open åtgärd, a draft's evidence."""

from __future__ import annotations

from datetime import timedelta

import pytest

from inkop_desktop.domain.contracts import RiskTier
from inkop_desktop.domain.errors import ConcurrentEditError, NotFoundError, TransitionError
from inkop_desktop.domain.followup.model import Sanction
from inkop_desktop.domain.followup.schedule import add_months, replanned_due
from inkop_desktop.domain.organisation import Role
from inkop_desktop.domain.permissions import PermissionDeniedError
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows, acting_as
from tests.services.followup.helpers import TODAY, assess, plan_data, planned


def test_plan_choices_give_each_tiers_interval_the_checklists_and_the_last_completed_day(
    services: Services, base_rows: BaseRows
) -> None:
    setup = planned(services, base_rows)
    choices = services.followup.plan_choices(setup.contract_id)
    assert dict(choices.intervals) == {RiskTier.KRITISK: 4, RiskTier.HOG: 12, RiskTier.NORMAL: 24}
    names = [name for _id, name in choices.templates]
    assert set(setup.plan.template_names) <= set(names) and len(names) >= 8
    assert choices.last_completed is None and choices.contract_start.month == 1

    fu = services.followup.start_followup(setup.plan.id)
    fu = services.followup.save_followup(fu.id, fu.version, assess(fu))
    services.followup.complete_followup(fu.id, fu.version)
    assert services.followup.plan_choices(setup.contract_id).last_completed == TODAY


def test_a_changed_tier_and_interval_move_the_due_date_and_a_stale_save_is_refused(
    services: Services, base_rows: BaseRows
) -> None:
    setup = planned(services, base_rows)
    fu = services.followup.start_followup(setup.plan.id)
    fu = services.followup.save_followup(fu.id, fu.version, assess(fu))
    services.followup.complete_followup(fu.id, fu.version)
    plan = services.followup.get_plan(setup.plan.id)
    assert plan.next_due == add_months(TODAY, 4)

    due = replanned_due(TODAY, 12, TODAY, TODAY)
    changed = services.followup.save_plan(
        setup.contract_id,
        plan_data(plan, risk_tier=RiskTier.HOG, interval_months=12, next_due=due),
        opened=plan.version,
    )
    assert (changed.risk_tier, changed.interval_months, changed.next_due) == (
        RiskTier.HOG,
        12,
        add_months(TODAY, 12),
    )
    with pytest.raises(ConcurrentEditError):
        services.followup.save_plan(setup.contract_id, plan_data(plan), opened=plan.version)


def test_an_open_action_is_changed_and_a_closed_one_is_not(
    services: Services, base_rows: BaseRows
) -> None:
    setup = planned(services, base_rows)
    fu = services.followup.start_followup(setup.plan.id)
    fu = services.followup.save_followup(fu.id, fu.version, assess(fu, 0))
    data = {"description": "Begär skuldsaldo.", "due_on": TODAY + timedelta(days=30)}
    action = services.followup.add_action(fu.results[0].id, data)
    later = TODAY + timedelta(days=60)
    changed = services.followup.update_action(
        action.id, action.version, {**data, "due_on": later, "sanction": Sanction.VITE,
                                    "owner_id": base_rows.officer},
    )  # fmt: skip
    assert (changed.due_on, changed.sanction, changed.owner_id) == (
        later,
        Sanction.VITE,
        base_rows.officer,
    )
    closed = services.followup.close_action(action.id, changed.version, "Saldot är betalt.")
    with pytest.raises(TransitionError):
        services.followup.update_action(action.id, closed.version, data)


def test_evidence_is_removed_from_a_draft_and_refused_in_swedish_once_signed(
    services: Services, base_rows: BaseRows
) -> None:
    setup = planned(services, base_rows)
    fu = services.followup.start_followup(setup.plan.id)
    point = fu.results[0].id
    wrong = services.followup.add_evidence(point, "fel.pdf", b"%PDF-1.4 fel")
    right = services.followup.add_evidence(point, "skattekonto.pdf", b"%PDF-1.4 konto")
    reader = acting_as(services, "mia.medarbetare", "Mia Medarbetare", Role.MEDARBETARE)
    with pytest.raises(PermissionDeniedError):
        reader.followup.remove_evidence(wrong.id)

    services.followup.remove_evidence(wrong.id)
    shown = services.followup.get_followup(fu.id).results[0].evidence
    assert [e.filename for e in shown] == ["skattekonto.pdf"]
    with pytest.raises(NotFoundError, match="Underlaget finns inte längre"):
        services.followup.evidence_file(wrong.id)

    fu = services.followup.get_followup(fu.id)
    fu = services.followup.save_followup(fu.id, fu.version, assess(fu))
    services.followup.complete_followup(fu.id, fu.version)
    with pytest.raises(TransitionError, match="slutförd och signerad och kan inte ändras"):
        services.followup.remove_evidence(right.id)
    assert services.followup.evidence_file(right.id).content == b"%PDF-1.4 konto"
