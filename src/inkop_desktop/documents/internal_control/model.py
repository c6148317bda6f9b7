"""What an internkontrollrapport holds: one nämnd's purchases, contracts and deviations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class AwardLine:
    """One direct award and its same-kind total against the limit of its decision date."""

    number: str
    decided_on: date
    subject: str
    value_ore: int
    supplier: str
    decided_by: str
    same_kind_ore: int
    limit_ore: int

    @property
    def over_limit(self) -> bool:
        """The same-kind total reached the direct-award limit (19 a kap. 3 § LOU)."""
        return self.same_kind_ore >= self.limit_ore


@dataclass(frozen=True)
class ContractLine:
    """One contract in force during the period."""

    number: str
    title: str
    supplier: str
    end_date: date
    owner: str
    handlaggare: str
    has_plan: bool


@dataclass(frozen=True)
class FollowupLine:
    """A follow-up done, due or overdue in the period."""

    contract: str
    due_on: date
    state: str
    performed_on: date | None = None


@dataclass(frozen=True)
class OffContractLine:
    """A supplier paid outside any contract in force."""

    name: str
    orgnr: str
    amount_ore: int


@dataclass(frozen=True)
class Compliance:
    """Avtalstrohet of the nämnd's invoices in the period (the imported reskontra)."""

    total_ore: int
    on_contract_ore: int
    off_contract: tuple[OffContractLine, ...]

    @property
    def percent(self) -> int:
        """Share of spend on contract, whole per cent."""
        return round(100 * self.on_contract_ore / self.total_ore) if self.total_ore else 0


@dataclass(frozen=True)
class AvstegRuleCount:
    """Open and closed avsteg of one rule."""

    rule_name: str
    open: int
    closed: int


@dataclass(frozen=True)
class AvstegLine:
    """One deviation reported in the period."""

    reported_on: date
    rule_name: str
    record: str
    reason: str
    state: str


DONE, DUE, OVERDUE = "Genomförd", "Planerad", "Försenad"


@dataclass(frozen=True)
class InternalControl:
    """Everything the report shows for one nämnd and period."""

    organisation: str
    namnd: str
    first: date
    last: date
    made_on: date
    awards: tuple[AwardLine, ...]
    contracts: tuple[ContractLine, ...]
    followups: tuple[FollowupLine, ...]
    compliance: Compliance | None
    avsteg_rules: tuple[AvstegRuleCount, ...]
    avsteg: tuple[AvstegLine, ...]

    def followup_count(self, state: str) -> int:
        """How many follow-ups are in *state* (DONE, DUE, OVERDUE)."""
        return sum(1 for f in self.followups if f.state == state)

    @property
    def awards_ore(self) -> int:
        """The direct awards' value together."""
        return sum(a.value_ore for a in self.awards)

    @property
    def without_plan(self) -> int:
        """Contracts in force without a follow-up plan."""
        return sum(1 for c in self.contracts if not c.has_plan)

    @property
    def open_avsteg(self) -> int:
        """Avsteg of the period still open."""
        return sum(r.open for r in self.avsteg_rules)
