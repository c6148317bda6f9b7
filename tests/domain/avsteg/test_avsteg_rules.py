"""Every automatic avsteg rule: a case that triggers it and one that does not."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from inkop_desktop.domain.avsteg import (
    RULES,
    AwardFacts,
    ContractFacts,
    DeviationFacts,
    Handling,
    PlanFacts,
    check_handling,
    rule,
    rule_label,
)
from inkop_desktop.domain.errors import ValidationError

DAY = date(2026, 6, 1)
IN_FORCE = {"start": date(2025, 1, 1), "end": date(2027, 12, 31)}
CASES: dict[str, tuple[Any, Any]] = {
    "lagre_forfarande": (PlanFacts(True, "brådskande"), PlanFacts(False)),
    "befintligt_avtal": (AwardFacts(covering_contract=True), AwardFacts()),
    "samma_slag": (
        AwardFacts(same_kind_reached=True),
        AwardFacts(same_kind_reached=True, under_limit_ground=False),
    ),
    "farre_anbud": (AwardFacts(fewer_quotes_reason="bara en leverantör"), AwardFacts()),
    "utanfor_delegation": (AwardFacts(within_delegation=False), AwardFacts()),
    "annat_beslutsdatum": (
        AwardFacts(decision_date=DAY, signed_on=date(2026, 6, 3)),
        AwardFacts(decision_date=DAY, signed_on=DAY),
    ),
    "avtal_utan_ansvarig": (
        ContractFacts(**IN_FORCE, owner=True, handlaggare=False, has_plan=True),
        ContractFacts(**IN_FORCE, owner=True, handlaggare=True, has_plan=True),
    ),
    "avtal_utan_plan": (
        ContractFacts(**IN_FORCE, owner=True, handlaggare=True, has_plan=False),
        ContractFacts(
            start=date(2020, 1, 1),
            end=date(2025, 12, 31),
            owner=True,
            handlaggare=True,
            has_plan=False,
        ),
    ),
    "allvarlig_utan_atgard": (
        DeviationFacts(deviation=True, serious=True, actions=0),
        DeviationFacts(deviation=True, serious=True, actions=1),
    ),
}


def test_every_rule_has_a_case() -> None:
    assert {r.key for r in RULES} == set(CASES)


@pytest.mark.parametrize("key", sorted(CASES))
def test_the_rule_triggers(key: str) -> None:
    assert rule(key).applies(CASES[key][0], DAY)


@pytest.mark.parametrize("key", sorted(CASES))
def test_the_rule_does_not_trigger(key: str) -> None:
    assert not rule(key).applies(CASES[key][1], DAY)


def test_a_contract_without_handlaggare_is_not_an_avsteg_once_ended() -> None:
    ended = ContractFacts(
        start=date(2020, 1, 1),
        end=date(2025, 12, 31),
        owner=False,
        handlaggare=False,
        has_plan=False,
    )
    assert not rule("avtal_utan_ansvarig").applies(ended, DAY)


def test_a_minor_deviation_needs_no_action() -> None:
    minor = DeviationFacts(deviation=True, serious=False, actions=0)
    assert not rule("allvarlig_utan_atgard").applies(minor, DAY)


def test_every_rule_cites_what_it_rests_on() -> None:
    assert all(r.citation and r.name for r in RULES)
    assert rule_label("ovrigt") == "Övrigt avsteg (manuellt)"
    assert rule_label("befintligt_avtal") == "Direktupphandling trots gällande avtal"


def test_closing_needs_a_comment_or_an_action() -> None:
    with pytest.raises(ValidationError, match="kommentar"):
        check_handling(Handling("", " ", close=True), already_closed=False)
    check_handling(Handling("Påmint nämnden", "", close=True), already_closed=False)


def test_a_closed_entry_cannot_be_handled_again() -> None:
    with pytest.raises(ValidationError, match="redan stängt"):
        check_handling(Handling("mer", "", close=False), already_closed=True)
