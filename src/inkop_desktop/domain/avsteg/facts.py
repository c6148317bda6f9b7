"""Plain facts of the records the avsteg rules look at (no database, no GUI)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PlanFacts:
    """A plan item's chosen procedure against the one its value requires."""

    lighter_than_required: bool
    reason: str = ""


@dataclass(frozen=True)
class AwardFacts:
    """What a direct award's record says about the deviations it carries."""

    covering_contract: bool = False
    same_kind_reached: bool = False
    under_limit_ground: bool = True
    fewer_quotes_reason: str = ""
    within_delegation: bool = True
    decision_date: date | None = None
    signed_on: date | None = None


@dataclass(frozen=True)
class ContractFacts:
    """A contract's responsible people and follow-up plan on a given day."""

    start: date
    end: date
    owner: bool
    handlaggare: bool
    has_plan: bool

    def in_force(self, day: date) -> bool:
        """True when *day* lies within the contract period."""
        return self.start <= day <= self.end


@dataclass(frozen=True)
class DeviationFacts:
    """One assessed checklist point of a follow-up."""

    deviation: bool
    serious: bool
    actions: int
