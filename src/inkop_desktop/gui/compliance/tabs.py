"""The avtalstrohet view's tables: their columns and where their rows are in the report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from inkop_desktop.domain.compliance import SameKindWarning, key_label
from inkop_desktop.domain.money import format_kronor
from inkop_desktop.gui.compliance.mapping_dialog import tr
from inkop_desktop.gui.table_model import Column, money_column
from inkop_desktop.services.compliance import ComplianceReport, ReportKind


@dataclass(frozen=True)
class Tab:
    """One table of the report."""

    columns: list[Column]
    rows: Callable[[ComplianceReport], Sequence[Any]]
    chart: bool = True


def _shares(first: str) -> list[Column]:
    """The columns of a share table."""
    return [
        Column("label", tr(first), cap=320),
        money_column("total_ore", tr("Inköp totalt")),
        money_column("on_contract_ore", tr("Inom avtal")),
        money_column("off_contract_ore", tr("Utanför avtal")),
        Column("percent", tr("Avtalstrohet"), numeric=True),
        Column("rows", tr("Fakturarader"), numeric=True),
    ]


def _regions(value: Any) -> str:
    """``Region Sörmland, Region Västmanland``."""
    return ", ".join(r.label for r in value)


def tabs() -> dict[ReportKind, Tab]:
    """Every table, in tab order."""
    off = [
        Column("name", tr("Leverantör"), cap=260),
        Column("orgnr", tr("Organisationsnummer")),
        money_column("off_contract_ore", tr("Utanför avtal")),
        Column("rows", tr("Fakturarader"), numeric=True),
        Column("regions", tr("Region"), _regions),
        Column("key", tr("Samma slag"), key_label),
    ]
    warn = [
        Column("region", tr("Region")),
        Column("year", tr("År")),
        Column("kind", tr("Samma slag")),
        Column("total", tr("Utanför avtal"), numeric=True),
        Column("limit", tr("Direktupphandlingsgräns"), numeric=True),
        Column("suppliers", tr("Leverantörer"), cap=600),
    ]
    unmapped = [
        Column("label", tr("Nämnd/ansvar i filen"), cap=320),
        Column("rows", tr("Fakturarader"), numeric=True),
        money_column("total_ore", tr("Belopp")),
    ]
    return {
        ReportKind.NAMND: Tab(_shares("Nämnd"), lambda r: [*r.per_namnd, r.total]),
        ReportKind.REGION: Tab(_shares("Region"), lambda r: [*r.per_region, r.total]),
        ReportKind.LEVERANTOR: Tab(_shares("Leverantör"), lambda r: [*r.per_supplier, r.total]),
        ReportKind.UTAN_AVTAL: Tab(off, lambda r: list(r.off_contract), chart=False),
        ReportKind.VARNINGAR: Tab(warn, lambda r: [WarningRow.of(w) for w in r.warnings], False),
        ReportKind.EJ_KOPPLADE: Tab(unmapped, lambda r: list(r.unmapped), chart=False),
    }


@dataclass(frozen=True)
class WarningRow:
    """A same-kind warning as a table row."""

    region: str
    year: str
    kind: str
    total: str
    limit: str
    suppliers: str

    @classmethod
    def of(cls, warning: SameKindWarning) -> WarningRow:
        """The warning's parts."""
        g = warning.group
        return cls(
            region=g.region.label,
            year=str(g.year),
            kind=key_label(g.key),
            total=format_kronor(g.total_ore),
            limit=f"{warning.limit.comparison.symbol} {warning.limit.money.format()}",
            suppliers=", ".join(g.suppliers),
        )
