"""Contract terms for generated data: dates, options with deadlines, values and procedure."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from inkop_desktop.demo.base import add_months, round_kr
from inkop_desktop.demo.catalogue import Category
from inkop_desktop.domain.contracts.model import OptionDecision
from inkop_desktop.domain.plan.status import Procedure

EARLIEST = date(2019, 1, 1)
DIRECT_LIMIT_KR = 700_000
EU_GOODS_KR = 2_389_585
EU_WORKS_KR = 59_880_179

# where the current end date falls relative to today: (weight, first day, last day)
_END_BUCKETS = ((12, -900, -1), (8, 1, 90), (40, 91, 548), (40, 549, 1200))


@dataclass(frozen=True)
class Option:
    """One extension option: length, decision deadline and decision."""

    months: int
    deadline: date
    decision: OptionDecision


@dataclass(frozen=True)
class Term:
    """Start, current end, notice and options of a contract."""

    start: date
    end: date
    notice_months: int
    options: tuple[Option, ...]

    @property
    def months_total(self) -> int:
        """Months of the whole term with every option (the value LOU 5 kap. counts)."""
        current = max(1, round((self.end - self.start).days / 30.44))
        rest = sum(o.months for o in self.options if o.decision is not OptionDecision.UTNYTTJAD)
        return current + rest


def _end_date(rng: random.Random, today: date) -> date:
    """A current end date drawn from the buckets (expired, soon, 3–18 months, later)."""
    bucket = rng.choices(_END_BUCKETS, weights=[b[0] for b in _END_BUCKETS])[0]
    return today + timedelta(days=rng.randint(bucket[1], bucket[2]))


def contract_term(rng: random.Random, today: date, *, framework: bool = False) -> Term:
    """A consistent term: exercised options have past deadlines, the end is after the start."""
    end = _end_date(rng, today)
    notice = rng.choice((1, 3, 3, 6, 6, 9))
    if framework:
        base, months = rng.choice(((24, [12, 12]), (36, [12]), (24, [24]), (48, [])))
    else:
        base = rng.choice((12, 24, 24, 36, 36, 48))
        months = [rng.choice((12, 12, 24)) for _ in range(rng.choice((0, 0, 1, 1, 2, 2, 3)))]
    taken = rng.randint(0, len(months))
    while taken and add_months(end, -(months[taken - 1] + notice)) >= today:
        taken -= 1
    base_end = add_months(end, -sum(months[:taken]))
    start = add_months(base_end, -base)
    if start < EARLIEST:
        taken, base_end = 0, end
        start = max(add_months(end, -base), EARLIEST)
    if start > today + timedelta(days=30):
        start = max(today - timedelta(days=rng.randint(0, 540)), EARLIEST)
    start = min(start, base_end)
    return Term(start, end, notice, _options(months, taken, base_end, end, notice, today))


def _options(
    months: list[int], taken: int, base_end: date, end: date, notice: int, today: date
) -> tuple[Option, ...]:
    """Exercised options first, then the first open one (declined if its deadline passed)."""
    result: list[Option] = []
    period_end = base_end
    declined = False
    for i, m in enumerate(months):
        deadline = add_months(period_end, -notice)
        if i < taken:
            decision = OptionDecision.UTNYTTJAD
        elif declined or deadline < today:
            declined, decision = True, OptionDecision.AVBOJD
        else:
            decision = OptionDecision.EJ_BESLUTAD
        result.append(Option(m, deadline, decision))
        period_end = add_months(period_end, m)
    return tuple(result)


def annual_value_kr(rng: random.Random, category: Category, *, small: bool = False) -> int:
    """A log-uniform yearly value in the category's range (or a small one below the limit)."""
    lo, hi = (30_000, 220_000) if small else category.annual_kr
    return round_kr(math.exp(rng.uniform(math.log(lo), math.log(hi))))


def procedure_for(rng: random.Random, total_kr: int, category: Category) -> Procedure:
    """A procedure consistent with the value and the EU threshold of the category."""
    threshold = EU_WORKS_KR if category.works else EU_GOODS_KR
    if total_kr < DIRECT_LIMIT_KR:
        return Procedure.DIREKTUPPHANDLING
    if total_kr < threshold:
        return Procedure.URVAL if rng.random() < 0.12 else Procedure.FORENKLAT
    roll = rng.random()
    if roll < 0.78:
        return Procedure.OPPET
    if roll < 0.88:
        return Procedure.SELEKTIVT
    return Procedure.FORHANDLAT if roll < 0.97 else Procedure.FUFA


def legal_basis(procedure: Procedure, *, framework: bool) -> str:
    """The chapter of LOU the procedure is run under."""
    if framework or procedure is Procedure.AVROP:
        return "LOU 7 kap. (ramavtal)"
    if procedure is Procedure.DIREKTUPPHANDLING:
        return "LOU 19 a kap."
    if procedure.level == 1:
        return "LOU 19 kap."
    return "LOU 6 kap."
