"""Reports for internal control: status per nämnd and region, open deviations, suppliers, months."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date

from pydantic import BaseModel

from inkop_desktop.domain.followup.model import CheckCategory
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.services.dto import FROZEN
from inkop_desktop.services.followup.report_facts import ContractFact, DeviationFact, Facts
from inkop_desktop.services.followup.report_months import MonthRow, per_month

NO_SUPPLIER = "Ingen leverantör angiven"
TOTAL = "Totalt"


class StatusRow(BaseModel):
    """Follow-up status of one nämnd or region this year."""

    model_config = FROZEN
    label: str
    plans: int
    done: int
    due: int
    overdue: int
    without_plan: int


class DeviationRow(BaseModel):
    """Open deviations of one supplier in one checklist category."""

    model_config = FROZEN
    supplier: str
    category: str
    open: int
    serious: int
    open_actions: int
    oldest: date


class SupplierRow(BaseModel):
    """One supplier across all its contracts' follow-ups."""

    model_config = FROZEN
    supplier: str
    contracts: int
    done: int
    last_done: date | None
    deviations: int
    open: int
    serious: int
    open_actions: int
    sanctions: int


class FollowupReports(BaseModel):
    """Every follow-up report, read in one go for the report page."""

    model_config = FROZEN
    today: date
    per_namnd: tuple[StatusRow, ...]
    per_region: tuple[StatusRow, ...]
    deviations: tuple[DeviationRow, ...]
    suppliers: tuple[SupplierRow, ...]
    months: tuple[MonthRow, ...]
    open_deviations: int
    serious_open: int

    @property
    def totals(self) -> StatusRow:
        """The whole portfolio (each contract once)."""
        return _sum_rows(TOTAL, self.per_namnd)


def _category_label(code: str) -> str:
    """A category's Swedish label (unknown codes shown as stored)."""
    try:
        return CheckCategory(code).label
    except ValueError:
        return code


def _status(label: str, facts: Facts, contracts: Iterable[ContractFact]) -> StatusRow:
    """Plans, done this year, still due this year, overdue and in force without a plan."""
    today = facts.today
    year_end = date(today.year, 12, 31)
    chosen = list(contracts)
    ids = {c.id for c in chosen}
    scoped = [c for c in chosen if c.in_scope]
    planned = [c for c in scoped if c.next_due is not None]
    return StatusRow(
        label=label,
        plans=len(planned),
        done=sum(
            1
            for d in facts.done
            if d.contract_id in ids
            and d.performed_on.year == today.year
            and d.performed_on <= today
        ),
        due=sum(1 for c in planned if c.next_due and today <= c.next_due <= year_end),
        overdue=sum(1 for c in planned if c.next_due and c.next_due < today),
        without_plan=len(scoped) - len(planned),
    )


def _sum_rows(label: str, rows: Iterable[StatusRow]) -> StatusRow:
    """Column sums of *rows*."""
    found = list(rows)
    return StatusRow(
        label=label,
        **{
            k: sum(getattr(r, k) for r in found)
            for k in ("plans", "done", "due", "overdue", "without_plan")
        },
    )


def _grouped(
    facts: Facts, key: Callable[[ContractFact], Iterable[str]]
) -> dict[str, list[ContractFact]]:
    """Contracts by the group(s) *key* puts them in."""
    groups: dict[str, list[ContractFact]] = defaultdict(list)
    for contract in facts.contracts.values():
        for label in key(contract):
            groups[label].append(contract)
    return groups


def per_namnd(facts: Facts) -> tuple[StatusRow, ...]:
    """Status by the avtalsägare's nämnd, by name."""
    groups = _grouped(facts, lambda c: (facts.units.namnd_label(c.owner_org_id),))
    return tuple(_status(k, facts, groups[k]) for k in sorted(groups))


def per_region(facts: Facts) -> tuple[StatusRow, ...]:
    """Status for Region Sörmland, Region Västmanland and the joint contracts."""
    groups = _grouped(facts, lambda c: (c.parties,))
    return tuple(_status(p.label, facts, groups.get(p.value, [])) for p in Parties)


def _suppliers_of(facts: Facts, contract_id: object) -> tuple[str, ...]:
    """A contract's suppliers (a placeholder name when none is recorded)."""
    contract = facts.contracts.get(contract_id)  # type: ignore[call-overload]
    return (contract.suppliers if contract else ()) or (NO_SUPPLIER,)


def open_deviations(facts: Facts) -> tuple[DeviationRow, ...]:
    """Open deviations by supplier and category, most first (serious before others)."""
    rows: dict[tuple[str, str], list[DeviationFact]] = defaultdict(list)
    for d in facts.deviations:
        if d.open:
            for supplier in _suppliers_of(facts, d.contract_id):
                rows[(supplier, d.category)].append(d)
    found = [
        DeviationRow(
            supplier=supplier,
            category=_category_label(category),
            open=len(items),
            serious=sum(1 for d in items if d.serious),
            open_actions=sum(d.open_actions for d in items),
            oldest=min(d.found_on for d in items),
        )
        for (supplier, category), items in rows.items()
    ]
    return tuple(sorted(found, key=lambda r: (-r.serious, -r.open, r.supplier, r.category)))


def supplier_summary(facts: Facts) -> tuple[SupplierRow, ...]:
    """Each supplier's contracts, follow-ups and deviations, most open deviations first."""
    contracts: dict[str, set[object]] = defaultdict(set)
    for contract in facts.contracts.values():
        for supplier in contract.suppliers or (NO_SUPPLIER,):
            contracts[supplier].add(contract.id)
    done: dict[object, list[date]] = defaultdict(list)
    for d in facts.done:
        done[d.contract_id].append(d.performed_on)
    found: dict[object, list[DeviationFact]] = defaultdict(list)
    for deviation in facts.deviations:
        found[deviation.contract_id].append(deviation)
    rows = []
    for supplier, ids in contracts.items():
        days = [day for i in ids for day in done.get(i, ())]
        devs = [d for i in ids for d in found.get(i, ())]
        rows.append(
            SupplierRow(
                supplier=supplier,
                contracts=len(ids),
                done=len(days),
                last_done=max(days, default=None),
                deviations=len(devs),
                open=sum(1 for d in devs if d.open),
                serious=sum(1 for d in devs if d.open and d.serious),
                open_actions=sum(d.open_actions for d in devs),
                sanctions=sum(d.sanctions for d in devs),
            )
        )
    return tuple(sorted(rows, key=lambda r: (-r.open, -r.deviations, r.supplier)))


def build_reports(facts: Facts) -> FollowupReports:
    """Every report from the facts."""
    return FollowupReports(
        today=facts.today,
        per_namnd=per_namnd(facts),
        per_region=per_region(facts),
        deviations=open_deviations(facts),
        suppliers=supplier_summary(facts),
        months=per_month(facts),
        open_deviations=sum(1 for d in facts.deviations if d.open),
        serious_open=sum(1 for d in facts.deviations if d.open and d.serious),
    )
