"""Performing a follow-up end to end: plan, draft, deviation, åtgärd, signing, immutability."""

from __future__ import annotations

from datetime import timedelta

import pytest

from inkop_desktop.domain.errors import TransitionError, ValidationError
from inkop_desktop.domain.followup.model import ActionStatus, FollowupStatus, Outcome, Sanction
from inkop_desktop.domain.followup.schedule import add_months
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows
from tests.services.followup.helpers import TODAY, assess, first_serious, planned


def test_a_follow_up_with_a_serious_deviation_is_signed_only_with_an_action(
    services: Services, base_rows: BaseRows
) -> None:
    setup = planned(services, base_rows)
    fu = services.followup.start_followup(setup.plan.id)
    assert fu.status is FollowupStatus.UTKAST
    assert fu.results and all(r.outcome is None for r in fu.results)
    bad = first_serious(fu)

    fu = services.followup.save_followup(fu.id, fu.version, assess(fu, bad), summary="Möte.")
    again = services.followup.start_followup(setup.plan.id)  # continuing the draft
    assert again.id == fu.id and again.results[bad].outcome is Outcome.AVVIKELSE

    with pytest.raises(ValidationError, match="allvarlig avvikelse och behöver en åtgärd"):
        services.followup.complete_followup(fu.id, fu.version)
    action = services.followup.add_action(
        fu.results[bad].id,
        {"description": "Begär avbetalningsplan.", "owner_id": base_rows.officer,
         "due_on": TODAY + timedelta(days=30), "sanction": Sanction.REKLAMATION},
    )  # fmt: skip
    fu = services.followup.get_followup(fu.id)
    done = services.followup.complete_followup(fu.id, fu.version)

    assert done.status is FollowupStatus.SLUTFORD
    assert done.signed_by == "Karin Öberg" and done.signed_at is not None
    plan = services.followup.get_plan(setup.plan.id)
    assert plan.last_completed == TODAY
    assert plan.next_due == add_months(TODAY, plan.interval_months)
    assert action.status is ActionStatus.OPPEN and action.serious


def test_a_signed_follow_up_cannot_be_changed_but_its_action_can_be_closed(
    services: Services, base_rows: BaseRows
) -> None:
    setup = planned(services, base_rows)
    fu = services.followup.start_followup(setup.plan.id)
    bad = 0
    fu = services.followup.save_followup(fu.id, fu.version, assess(fu, bad))
    action = services.followup.add_action(
        fu.results[bad].id,
        {"description": "Ny kontroll om en månad.", "due_on": TODAY + timedelta(days=30)},
    )
    fu = services.followup.complete_followup(fu.id, services.followup.get_followup(fu.id).version)

    with pytest.raises(TransitionError, match="slutförd"):
        services.followup.save_followup(fu.id, fu.version, assess(fu))
    with pytest.raises(TransitionError, match="slutförd"):
        services.followup.add_evidence(fu.results[0].id, "utdrag.pdf", b"%PDF-1.4 x")
    with pytest.raises(ValidationError, match="anteckning"):
        services.followup.close_action(action.id, action.version, "  ")

    closed = services.followup.close_action(action.id, action.version, "Underlag inkommet.")
    assert closed.status is ActionStatus.KLAR and closed.closed_on == TODAY
    assert closed.closing_note == "Underlag inkommet." and closed.closed_by == "Karin Öberg"
    with pytest.raises(TransitionError, match="redan stängd"):
        services.followup.close_action(action.id, closed.version, "Igen.")
    assert services.followup.actions_of_contract(setup.contract_id, open_only=True) == []


def test_evidence_is_stored_with_its_checksum_and_read_back(
    services: Services, base_rows: BaseRows
) -> None:
    setup = planned(services, base_rows)
    fu = services.followup.start_followup(setup.plan.id)
    row = services.followup.add_evidence(fu.results[0].id, "skattekonto.pdf", b"%PDF-1.4 konto")
    shown = services.followup.get_followup(fu.id).results[0].evidence
    assert [e.filename for e in shown] == ["skattekonto.pdf"]
    file = services.followup.evidence_file(row.id)
    assert file.content == b"%PDF-1.4 konto" and len(file.sha256) == 64


def test_an_action_only_belongs_to_a_deviation(services: Services, base_rows: BaseRows) -> None:
    setup = planned(services, base_rows)
    fu = services.followup.start_followup(setup.plan.id)
    fu = services.followup.save_followup(fu.id, fu.version, assess(fu))
    with pytest.raises(ValidationError, match="avvikelse"):
        services.followup.add_action(
            fu.results[0].id, {"description": "x", "due_on": TODAY + timedelta(days=3)}
        )


def test_an_unassessed_point_blocks_signing(services: Services, base_rows: BaseRows) -> None:
    setup = planned(services, base_rows)
    fu = services.followup.start_followup(setup.plan.id)
    with pytest.raises(ValidationError, match="Punkt 1 .* inte bedömd"):
        services.followup.complete_followup(fu.id, fu.version)
