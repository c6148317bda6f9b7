"""Avtalstrohet: spend on and off contract, and off-contract spend of one kind over the limit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from inkop_desktop.domain.identifiers import cpv_group
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import Parties, Region
from inkop_desktop.domain.reference import DatedValue, ReferenceTable, RefKey

UNMAPPED = "Ej kopplad"
"""The nämnd of rows whose nämnd/ansvar matched no organisation."""


@dataclass(frozen=True)
class Share:
    """Spend of one nämnd, region or supplier and how much of it was under a contract."""

    label: str
    total_ore: int
    on_contract_ore: int
    rows: int = 0

    @property
    def off_contract_ore(self) -> int:
        """The spend outside every contract in force."""
        return self.total_ore - self.on_contract_ore

    @property
    def share(self) -> float | None:
        """The share on contract, 0–1 (None when nothing was spent)."""
        return self.on_contract_ore / self.total_ore if self.total_ore > 0 else None

    @property
    def percent(self) -> str:
        """``87,5 %`` (one decimal, Swedish comma), or "–" when nothing was spent."""
        share = self.share
        return "–" if share is None else f"{share * 100:.1f} %".replace(".", ",")


@dataclass(frozen=True)
class OffContract:
    """A supplier paid outside every contract in force: a candidate for the plan."""

    orgnr: str
    name: str
    off_contract_ore: int
    rows: int
    regions: tuple[Region, ...]
    key: str


@dataclass(frozen=True)
class SpendGroup:
    """Off-contract spend of one kind for one authority in one fiscal year."""

    region: Region
    year: int
    key: str
    total_ore: int
    last_date: date
    suppliers: tuple[str, ...]


@dataclass(frozen=True)
class SameKindWarning:
    """Off-contract spend of one kind that together reaches the direct-award limit."""

    group: SpendGroup
    limit: DatedValue

    def describe(self) -> str:
        """``Region Sörmland 2026, CPV-grupp 331: 812 000 kr utan avtal (gränsen 700 000 kr)``."""
        g = self.group
        return (
            f"{g.region.label} {g.year}, {key_label(g.key)}: {Money(g.total_ore).format()} "
            f"utan avtal ({self.limit.comparison.value} gränsen {self.limit.money.format()}) "
            f"hos {', '.join(g.suppliers)} – möjlig otillåten direktupphandling."
        )


def same_kind_key(cpv: str | None, account: str) -> str:
    """The CPV group of the supplier's contracts when known, else the account (konto)."""
    return f"cpv:{cpv_group(cpv)}" if cpv else f"konto:{account.strip()}"


def key_label(key: str) -> str:
    """``CPV-grupp 331`` or ``konto 4560``."""
    kind, _, value = key.partition(":")
    return f"CPV-grupp {value}" if kind == "cpv" else f"konto {value}"


def same_kind_warnings(
    groups: Iterable[SpendGroup], table: ReferenceTable
) -> list[SameKindWarning]:
    """The groups whose total reaches the direct-award limit in force on their last invoice.

    The limit is the dated value of the fiscal year's last invoice date in the group (the
    total is only reached then), compared as its own rule words it ("minst" or "över").
    """
    found = []
    for group in groups:
        limit = table.as_of(RefKey.LOU_DIRECT_AWARD_LIMIT, group.last_date)
        if limit.reached_by(Money(group.total_ore)):
            found.append(SameKindWarning(group, limit))
    return sorted(found, key=lambda w: (-w.group.total_ore, w.group.region, w.group.key))


@dataclass(frozen=True)
class PlanPrefill:
    """What a new plan item for an off-contract supplier starts with."""

    title: str
    year: int
    parties: Parties
    annual_ore: int
    description: str


def plan_prefill(supplier: OffContract, year: int) -> PlanPrefill:
    """A plan item for next year covering the supplier's off-contract spend of *year*."""
    parties = Parties.BADA if len(supplier.regions) != 1 else Parties(supplier.regions[0].value)
    spend = Money(supplier.off_contract_ore).format()
    return PlanPrefill(
        title=f"Upphandling av det som köps av {supplier.name} ({key_label(supplier.key)})",
        year=year + 1,
        parties=parties,
        annual_ore=supplier.off_contract_ore,
        description=(
            f"Köp utan avtal {year} enligt leverantörsreskontran: {spend} på {supplier.rows} "
            f"fakturarader hos {supplier.name} ({supplier.orgnr})."
        ),
    )
