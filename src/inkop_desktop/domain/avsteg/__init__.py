"""Avsteg: the rules a deviation is detected by, their facts and the handling of an entry."""

from inkop_desktop.domain.avsteg.facts import (
    AwardFacts,
    ContractFacts,
    DeviationFacts,
    PlanFacts,
)
from inkop_desktop.domain.avsteg.handling import Handling, Source, check_handling
from inkop_desktop.domain.avsteg.rules import RULES, Rule, RuleKind, rule, rule_label

__all__ = [
    "RULES",
    "AwardFacts",
    "ContractFacts",
    "DeviationFacts",
    "Handling",
    "PlanFacts",
    "Rule",
    "RuleKind",
    "Source",
    "check_handling",
    "rule",
    "rule_label",
]
