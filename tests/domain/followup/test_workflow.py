"""Signing a follow-up and the deviation → åtgärd lifecycle."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inkop_desktop.domain.contracts import RiskTier
from inkop_desktop.domain.errors import TransitionError, ValidationError
from inkop_desktop.domain.followup.model import ActionStatus, FollowupStatus, Outcome
from inkop_desktop.domain.followup.proposal import proposed_templates
from inkop_desktop.domain.followup.workflow import (
    ResultState,
    action_overdue,
    check_action_allowed,
    check_action_editable,
    check_close,
    check_editable,
    check_signable,
    signing_problems,
)

TODAY = date.today()


def _r(outcome: Outcome | None, comment: str = "", serious: bool = False, actions: int = 0):
    return ResultState(1, "Skulder hos Kronofogden", outcome, comment, serious, actions)


def test_every_point_must_be_assessed_before_signing() -> None:
    assert signing_problems([_r(None)]) == ["Punkt 1 (Skulder hos Kronofogden) är inte bedömd."]
    assert signing_problems([_r(Outcome.OK), _r(Outcome.EJ_TILLAMPLIG)]) == []


def test_a_deviation_is_described_and_a_serious_one_needs_an_action() -> None:
    assert "beskriv avvikelsen" in signing_problems([_r(Outcome.AVVIKELSE)])[0]
    serious = _r(Outcome.AVVIKELSE, "Skuld 84 000 kr", serious=True)
    assert "behöver en åtgärd" in signing_problems([serious])[0]
    assert signing_problems([_r(Outcome.AVVIKELSE, "Skuld", serious=True, actions=1)]) == []
    assert signing_problems([_r(Outcome.AVVIKELSE, "Liten brist")]) == []


def test_a_signed_follow_up_is_never_changed_or_signed_again() -> None:
    with pytest.raises(TransitionError):
        check_editable(FollowupStatus.SLUTFORD)
    with pytest.raises(TransitionError):
        check_signable(FollowupStatus.SLUTFORD, [_r(Outcome.OK)])
    with pytest.raises(ValidationError, match="inga kontrollpunkter"):
        check_signable(FollowupStatus.UTKAST, [])
    check_signable(FollowupStatus.UTKAST, [_r(Outcome.OK)])


def test_action_lifecycle_open_overdue_closed_with_a_note() -> None:
    check_action_allowed(Outcome.AVVIKELSE)
    for outcome in (Outcome.OK, Outcome.EJ_TILLAMPLIG, None):
        with pytest.raises(ValidationError):
            check_action_allowed(outcome)
    created = TODAY - timedelta(days=40)
    assert action_overdue(ActionStatus.OPPEN, TODAY - timedelta(days=1), TODAY)
    assert not action_overdue(ActionStatus.KLAR, TODAY - timedelta(days=1), TODAY)
    with pytest.raises(ValidationError, match="anteckning"):
        check_close(ActionStatus.OPPEN, " ", TODAY, created)
    with pytest.raises(ValidationError, match="före den skapades"):
        check_close(ActionStatus.OPPEN, "Klart", created - timedelta(days=1), created)
    with pytest.raises(ValidationError, match="framtiden"):
        check_close(ActionStatus.OPPEN, "Klart", TODAY + timedelta(days=1), created)
    check_close(ActionStatus.OPPEN, "Underlag inkommet", TODAY, created)
    with pytest.raises(TransitionError, match="redan stängd"):
        check_close(ActionStatus.KLAR, "Igen", TODAY, created)
    with pytest.raises(TransitionError):
        check_action_editable(ActionStatus.KLAR)


def test_the_proposal_follows_tier_preparedness_and_cpv() -> None:
    assert proposed_templates(RiskTier.NORMAL, "30190000", False) == ("grundkontroll",)
    assert "civil_beredskap" in proposed_templates(RiskTier.NORMAL, "33600000", True)
    critical = proposed_templates(RiskTier.KRITISK, "85140000", False)
    assert {"skatter", "civil_beredskap", "valfardsbrott"} <= set(critical)
    assert "valfardsbrott" not in proposed_templates(RiskTier.HOG, "30190000", False)
