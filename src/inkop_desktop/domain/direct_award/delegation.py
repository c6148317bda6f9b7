"""Delegation: who may decide a direct award of a given value (KL 6 kap. 37 §, 7 kap. 5 §)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from inkop_desktop.domain.direct_award.status import CITES
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import Role


class DelegationError(DomainError):
    """The decision maker holds no delegation covering the value."""

    message_id = "delegation.missing"


class DecisionKind(StrEnum):
    """What kind of decision a delegation rule lets its holder make."""

    DIREKTUPPHANDLING = "direktupphandling"
    TILLDELNINGSBESLUT = "tilldelningsbeslut"
    AVROP = "avrop"

    @property
    def label(self) -> str:
        """Swedish label."""
        return DECISION_KIND_LABELS[self]


DECISION_KIND_LABELS = {
    DecisionKind.DIREKTUPPHANDLING: "Beslut om direktupphandling",
    DecisionKind.TILLDELNINGSBESLUT: "Tilldelningsbeslut",
    DecisionKind.AVROP: "Avrop från ramavtal",
}


class DelegationRuleRef(BaseModel):
    """A dated rule of a delegationsordning: a role or a named person, up to an amount."""

    model_config = ConfigDict(frozen=True, strict=True, extra="forbid")
    id: uuid.UUID
    organisation_id: uuid.UUID
    organisation: str
    role: str | None
    person_id: uuid.UUID | None
    max_amount_ore: int
    valid_from: date
    valid_to: date | None
    reference: str
    decision_kind: str = DecisionKind.DIREKTUPPHANDLING.value

    def covers_day(self, day: date) -> bool:
        """True when the rule is in force on *day*."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def describe(self) -> str:
        """``Delegationsordning HSF punkt 4.2 (budgetansvarig, högst 100 000 kr)``."""
        holder = Role(self.role).label.lower() if self.role else "namngiven person"
        limit = Money(self.max_amount_ore).format()
        return f"{self.reference} ({holder} i {self.organisation}, högst {limit})"


class DecisionMaker(BaseModel):
    """A person and the roles they hold, each role limited to an organisation or not."""

    model_config = ConfigDict(frozen=True, strict=True, extra="forbid")
    id: uuid.UUID
    name: str
    roles: tuple[tuple[str, uuid.UUID | None], ...] = ()


def _holds(rule: DelegationRuleRef, maker: DecisionMaker, units: Sequence[uuid.UUID]) -> bool:
    """The rule names the person, or its role is held in the buying unit or a unit above it."""
    if rule.person_id is not None:
        return rule.person_id == maker.id
    return any(role == rule.role and (org is None or org in units) for role, org in maker.roles)


def applicable_rules(
    rules: Iterable[DelegationRuleRef],
    maker: DecisionMaker,
    organisations: Sequence[uuid.UUID],
    day: date,
    kind: DecisionKind | None = None,
) -> list[DelegationRuleRef]:
    """Rules in force on *day* for the buying unit or a unit above it that the person holds.

    *organisations* is the buying unit followed by the units above it (a nämnd's delegation
    covers its förvaltningar); *kind* keeps only the rules for that kind of decision.
    """
    return sorted(
        (
            r
            for r in rules
            if r.organisation_id in organisations
            and r.covers_day(day)
            and (kind is None or r.decision_kind == kind.value)
            and _holds(r, maker, organisations)
        ),
        key=lambda r: (r.max_amount_ore, r.reference),
    )


def who_may_decide(
    rules: Sequence[DelegationRuleRef],
    makers: Iterable[DecisionMaker],
    organisations: Sequence[uuid.UUID],
    day: date,
    value: Money,
    kind: DecisionKind = DecisionKind.DIREKTUPPHANDLING,
) -> list[tuple[DecisionMaker, DelegationRuleRef]]:
    """Everyone whose delegation covers *value*, each with the smallest rule that does.

    *makers* carry only the roles they hold on *day*; sorted by name.
    """
    found = []
    for maker in makers:
        held = applicable_rules(rules, maker, organisations, day, kind)
        rule = next((r for r in held if value.ore <= r.max_amount_ore), None)
        if rule is not None:
            found.append((maker, rule))
    return sorted(found, key=lambda pair: (pair[0].name, str(pair[0].id)))


def covering_rule(
    rules: Iterable[DelegationRuleRef],
    maker: DecisionMaker,
    organisations: Sequence[uuid.UUID],
    day: date,
    value: Money,
) -> DelegationRuleRef:
    """The smallest rule that covers *value*; otherwise a DelegationError naming the rule."""
    held = applicable_rules(rules, maker, organisations, day)
    for rule in held:
        if value.ore <= rule.max_amount_ore:
            return rule
    if not held:
        raise DelegationError(
            f"{maker.name} har ingen delegation att besluta om direktupphandling för denna "
            f"nämnd/förvaltning den {day.isoformat()} ({CITES['delegation']})."
        )
    best = held[-1]
    raise DelegationError(
        f"{maker.name} saknar delegation för {value.format()}: gällande regel är "
        f"{best.describe()} ({CITES['delegation']}). Beslutet måste fattas av någon med "
        "högre delegation."
    )
