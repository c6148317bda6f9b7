"""The avtalstrohet report's tables as spreadsheets (one report per file, like the view's tabs)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from inkop_desktop.documents.exchange.spreadsheet import CellValue, Table
from inkop_desktop.domain.compliance import Share, key_label
from inkop_desktop.domain.money import Money
from inkop_desktop.services.compliance.report import ComplianceReport

SHARE_HEADERS = ("Inköp totalt", "Inom avtal", "Utanför avtal", "Avtalstrohet", "Fakturarader")


class ReportKind(StrEnum):
    """The report's tables."""

    NAMND = "namnd"
    REGION = "region"
    LEVERANTOR = "leverantor"
    UTAN_AVTAL = "utan-avtal"
    VARNINGAR = "varningar"
    EJ_KOPPLADE = "ej-kopplade"

    @property
    def label(self) -> str:
        """The tab's and the sheet's title."""
        return _LABELS[self]

    def filename(self, year: int | None) -> str:
        """``avtalstrohet-namnd-2026.xlsx``."""
        return f"avtalstrohet-{self.value}-{year or date.today().year}.xlsx"


_LABELS = {
    ReportKind.NAMND: "Per nämnd",
    ReportKind.REGION: "Per region",
    ReportKind.LEVERANTOR: "Per leverantör",
    ReportKind.UTAN_AVTAL: "Största utan avtal",
    ReportKind.VARNINGAR: "Varningar",
    ReportKind.EJ_KOPPLADE: "Ej kopplade",
}


def _share_row(share: Share) -> tuple[CellValue, ...]:
    """One share as cells."""
    return (
        share.label,
        Money(share.total_ore),
        Money(share.on_contract_ore),
        Money(share.off_contract_ore),
        share.percent,
        share.rows,
    )


def report_table(report: ComplianceReport, kind: ReportKind) -> Table:
    """The rows of one of the report's tables."""
    title = f"{kind.label} {report.year or ''}".strip()
    if kind in (ReportKind.NAMND, ReportKind.REGION, ReportKind.LEVERANTOR):
        first = {"namnd": "Nämnd", "region": "Region", "leverantor": "Leverantör"}[kind.value]
        shares = {
            ReportKind.NAMND: report.per_namnd,
            ReportKind.REGION: report.per_region,
            ReportKind.LEVERANTOR: report.per_supplier,
        }[kind]
        rows = [_share_row(s) for s in (*shares, report.total)]
        return Table(title, (first, *SHARE_HEADERS), rows)
    if kind is ReportKind.UTAN_AVTAL:
        headers = ("Leverantör", "Organisationsnummer", "Utanför avtal", "Fakturarader",
                   "Region", "Samma slag")  # fmt: skip
        return Table(title, headers, [
            (o.name, o.orgnr, Money(o.off_contract_ore), o.rows,
             ", ".join(r.label for r in o.regions), key_label(o.key))
            for o in report.off_contract
        ])  # fmt: skip
    if kind is ReportKind.VARNINGAR:
        headers = ("Region", "År", "Samma slag", "Utanför avtal", "Gräns", "Leverantörer")
        return Table(title, headers, [
            (w.group.region.label, w.group.year, key_label(w.group.key),
             Money(w.group.total_ore), w.limit.money, ", ".join(w.group.suppliers))
            for w in report.warnings
        ])  # fmt: skip
    return Table(
        title,
        ("Nämnd/ansvar i filen", "Fakturarader", "Belopp"),
        [(u.label, u.rows, Money(u.total_ore)) for u in report.unmapped],
    )
