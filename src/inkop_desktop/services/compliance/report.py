"""The avtalstrohet report of one fiscal year: shares, off-contract suppliers, warnings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from inkop_desktop.domain.compliance import (
    UNMAPPED,
    OffContract,
    SameKindWarning,
    Share,
    SpendGroup,
    same_kind_key,
    same_kind_warnings,
)
from inkop_desktop.domain.organisation import Region
from inkop_desktop.domain.reference import ReferenceTable

TOTAL = "Totalt"
TOP_SUPPLIERS = 50


@dataclass(frozen=True)
class ComplianceReport:
    """Everything the avtalstrohet view shows for one fiscal year."""

    year: int | None
    years: tuple[int, ...]
    per_namnd: tuple[Share, ...] = ()
    per_region: tuple[Share, ...] = ()
    per_supplier: tuple[Share, ...] = ()
    off_contract: tuple[OffContract, ...] = ()
    warnings: tuple[SameKindWarning, ...] = ()
    unmapped: tuple[Share, ...] = ()
    total: Share = field(default_factory=lambda: Share(TOTAL, 0, 0))


def _shares(groups: Iterable[Any], key: Callable[[Any], str]) -> tuple[Share, ...]:
    """Spend summed per *key*, largest first."""
    total: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for g in groups:
        entry = total[key(g)]
        entry[0] += int(g.total)
        entry[1] += int(g.total) if g.covered else 0
        entry[2] += int(g.rows)
    shares = [Share(label, t, on, n) for label, (t, on, n) in total.items()]
    return tuple(sorted(shares, key=lambda s: (-s.total_ore, s.label)))


def _region_label(code: str | None) -> str:
    """``Region Sörmland`` or "Ej kopplad"."""
    return Region(code).label if code else UNMAPPED


def build(
    year: int,
    years: tuple[int, ...],
    groups: Sequence[Any],
    names: Callable[[Any], str],
    cpv: dict[str, str],
    table: ReferenceTable,
    unmapped: Sequence[Any],
) -> ComplianceReport:
    """The report from the SQL groups (nämnd, region, orgnr, account, covered)."""
    supplier_names = {g.orgnr: g.name for g in groups}
    off = [g for g in groups if not g.covered]
    total = _shares(groups, lambda g: TOTAL)
    return ComplianceReport(
        year=year,
        years=years,
        per_namnd=_shares(groups, lambda g: names(g.namnd_id) if g.namnd_id else UNMAPPED),
        per_region=_shares(groups, lambda g: _region_label(g.region)),
        per_supplier=_shares(groups, lambda g: f"{supplier_names[g.orgnr]} ({g.orgnr})"),
        off_contract=_off_contract(off, supplier_names, cpv),
        warnings=tuple(same_kind_warnings(_same_kind(off, supplier_names, cpv, year), table)),
        unmapped=tuple(Share(u.unit, int(u.total), 0, int(u.rows)) for u in unmapped),
        total=total[0] if total else Share(TOTAL, 0, 0),
    )


def _off_contract(
    off: Sequence[Any], names: dict[str, str], cpv: dict[str, str]
) -> tuple[OffContract, ...]:
    """The suppliers with the most spend outside any contract in force."""
    spend: dict[str, list[Any]] = defaultdict(list)
    for g in off:
        spend[g.orgnr].append(g)
    found = []
    for orgnr, parts in spend.items():
        regions = sorted({Region(g.region) for g in parts if g.region})
        biggest = max(parts, key=lambda g: int(g.total))
        found.append(
            OffContract(
                orgnr=orgnr,
                name=names[orgnr],
                off_contract_ore=sum(int(g.total) for g in parts),
                rows=sum(int(g.rows) for g in parts),
                regions=tuple(regions),
                key=same_kind_key(cpv.get(orgnr), biggest.account),
            )
        )
    found.sort(key=lambda o: (-o.off_contract_ore, o.name))
    return tuple(found[:TOP_SUPPLIERS])


def _same_kind(
    off: Sequence[Any], names: dict[str, str], cpv: dict[str, str], year: int
) -> list[SpendGroup]:
    """Off-contract spend per authority (region) and kind; a row without a region is left out."""
    sums: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for g in off:
        if g.region:
            sums[(g.region, same_kind_key(cpv.get(g.orgnr), g.account))].append(g)
    groups = []
    for (region, key), parts in sums.items():
        groups.append(
            SpendGroup(
                region=Region(region),
                year=year,
                key=key,
                total_ore=sum(int(g.total) for g in parts),
                last_date=max(_day(g.last_date) for g in parts),
                suppliers=tuple(sorted({names[g.orgnr] for g in parts})),
            )
        )
    return groups


def _day(value: Any) -> date:
    """A max(date) from SQLite comes back as text."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))
