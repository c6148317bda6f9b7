"""The avsteg rules as one table: key, Swedish name, the rule it rests on, how it is detected.

An *event* rule is recorded with the act that deviates (a lighter procedure, going on despite a
contract, signing on another day …); a *state* rule describes a record as it stands (a contract
without avtalsägare) and is found by a query over all records. Each predicate reads plain facts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from inkop_desktop.domain.avsteg.facts import AwardFacts, ContractFacts, DeviationFacts, PlanFacts

_POLICY = "Inköpspolicyn"
_GUIDE = "Riktlinjer för direktupphandling"


class RuleKind(StrEnum):
    """When a rule is detected."""

    EVENT = "event"
    STATE = "state"


@dataclass(frozen=True)
class Rule:
    """One kind of deviation the app detects."""

    key: str
    name: str
    citation: str
    kind: RuleKind
    applies: Callable[[Any, date], bool]


def _lighter(f: PlanFacts, _day: date) -> bool:
    return f.lighter_than_required


def _covered(f: AwardFacts, _day: date) -> bool:
    return f.covering_contract


def _same_kind(f: AwardFacts, _day: date) -> bool:
    return f.under_limit_ground and f.same_kind_reached


def _fewer(f: AwardFacts, _day: date) -> bool:
    return bool(f.fewer_quotes_reason.strip())


def _delegation(f: AwardFacts, _day: date) -> bool:
    return not f.within_delegation


def _other_date(f: AwardFacts, _day: date) -> bool:
    return (
        f.signed_on is not None and f.decision_date is not None and f.signed_on != f.decision_date
    )


def _no_people(f: ContractFacts, day: date) -> bool:
    return f.in_force(day) and not (f.owner and f.handlaggare)


def _no_plan(f: ContractFacts, day: date) -> bool:
    return f.in_force(day) and not f.has_plan


def _no_action(f: DeviationFacts, _day: date) -> bool:
    return f.deviation and f.serious and f.actions == 0


RULES: tuple[Rule, ...] = (
    Rule("lagre_forfarande", "Lägre förfarande än värdet kräver",
         f"LOU 19 kap.; {_POLICY}, val av upphandlingsförfarande", RuleKind.EVENT, _lighter),
    Rule("befintligt_avtal", "Direktupphandling trots gällande avtal",
         f"{_POLICY}: gällande avtal ska användas; {_GUIDE}", RuleKind.EVENT, _covered),
    Rule("samma_slag", "Gränsen för samma slag passerad",
         "LOU 19 a kap. 3 § (direktupphandlingsgränsen per räkenskapsår)", RuleKind.STATE,
         _same_kind),
    Rule("farre_anbud", "Färre offerter än riktlinjen kräver",
         f"{_GUIDE}, minsta antal tillfrågade leverantörer", RuleKind.STATE, _fewer),
    Rule("utanfor_delegation", "Beslut försökt utanför delegation",
         "KL 6 kap. 37 §, 7 kap. 5 §; gällande delegationsordning", RuleKind.EVENT, _delegation),
    Rule("annat_beslutsdatum", "Beslut signerat annan dag än beslutsdatum",
         "KL 6 kap. 37 §; protokollföring av delegationsbeslut", RuleKind.STATE, _other_date),
    Rule("avtal_utan_ansvarig", "Avtal utan avtalsägare eller handläggare",
         f"{_POLICY}, Budgetansvarigas ansvar (avtalsförvaltning)", RuleKind.STATE, _no_people),
    Rule("avtal_utan_plan", "Gällande avtal utan uppföljningsplan",
         f"{_POLICY}, Inköpsverksamhetens ansvar (avtalsuppföljning)", RuleKind.STATE, _no_plan),
    Rule("allvarlig_utan_atgard", "Allvarlig avvikelse utan åtgärd",
         f"{_POLICY}, avtalsuppföljning: allvarliga avvikelser åtgärdas", RuleKind.STATE,
         _no_action),
)  # fmt: skip

MANUAL_KEY = "ovrigt"
MANUAL_NAME = "Övrigt avsteg (manuellt)"
_BY_KEY = {r.key: r for r in RULES}


def rule(key: str) -> Rule:
    """The rule with *key* (KeyError for an unknown key)."""
    return _BY_KEY[key]


def rule_label(key: str) -> str:
    """The Swedish name of a rule key; a manual or unknown key as stored."""
    if key == MANUAL_KEY:
        return MANUAL_NAME
    found = _BY_KEY.get(key)
    return found.name if found else key
