"""The follow-up list and each report as a sheet (.xlsx through the exchange writer)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from inkop_desktop.documents.exchange import Table
from inkop_desktop.domain.contracts.model import RiskTier
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.services.followup.overview import OverviewRow
from inkop_desktop.services.followup.reports import FollowupReports, StatusRow


class ReportKind(StrEnum):
    """The reports that can be exported; values name the file."""

    NAMND = "per-namnd"
    REGION = "per-region"
    AVVIKELSER = "oppna-avvikelser"
    LEVERANTORER = "leverantorer"
    MANADER = "per-manad"

    @property
    def label(self) -> str:
        """Swedish title, also the sheet's name."""
        return _LABELS[self]

    def filename(self, today: date) -> str:
        """ "uppfoljning-per-namnd-2026-11-24.xlsx"."""
        return f"uppfoljning-{self.value}-{today.isoformat()}.xlsx"


_LABELS = {
    ReportKind.NAMND: "Uppföljning per nämnd",
    ReportKind.REGION: "Uppföljning per region",
    ReportKind.AVVIKELSER: "Öppna avvikelser",
    ReportKind.LEVERANTORER: "Leverantörer",
    ReportKind.MANADER: "Uppföljning per månad",
}
STATUS_HEADERS = (
    "Avtal med plan",
    "Genomförda i år",
    "Kvar att göra i år",
    "Försenade",
    "Avtal utan plan",
)
LIST_HEADERS = (
    "Avtalsnr",
    "Avtal",
    "Leverantör",
    "Region",
    "Nämnd",
    "Riskklass",
    "Nästa uppföljning",
    "Läge",
    "Senast genomförd",
    "Ansvarig",
    "Öppna avvikelser",
    "Varav allvarliga",
    "Öppna åtgärder",
)


def _label(enum: type[StrEnum], code: str) -> str:
    """A stored code's Swedish label (unknown codes as stored)."""
    try:
        return str(enum(code).label)  # type: ignore[attr-defined]
    except ValueError:
        return code


def list_table(rows: Sequence[OverviewRow]) -> Table:
    """The follow-up list as shown (dates as dates, counts as numbers)."""
    return Table(
        "Avtalsuppföljning",
        LIST_HEADERS,
        [
            (
                r.contract_number,
                r.contract_title,
                r.suppliers,
                _label(Parties, r.parties),
                r.namnd,
                _label(RiskTier, r.risk_tier),
                r.next_due,
                r.due,
                r.last_done,
                r.responsible or "",
                r.open_deviations,
                r.serious_deviations,
                r.open_actions,
            )
            for r in rows
        ],
    )


def _status_table(title: str, first: str, rows: Sequence[StatusRow], total: StatusRow) -> Table:
    """A status report with a total line."""
    lines = [(r.label, r.plans, r.done, r.due, r.overdue, r.without_plan) for r in (*rows, total)]
    return Table(title, (first, *STATUS_HEADERS), lines)


def _deviations(title: str, reports: FollowupReports) -> Table:
    """Open deviations by supplier and category."""
    headers = ("Leverantör", "Kategori", "Öppna", "Varav allvarliga", "Öppna åtgärder",
               "Äldsta från")  # fmt: skip
    rows = [
        (d.supplier, d.category, d.open, d.serious, d.open_actions, d.oldest)
        for d in reports.deviations
    ]
    return Table(title, headers, rows)


def _suppliers(title: str, reports: FollowupReports) -> Table:
    """The supplier summary."""
    headers = (
        "Leverantör", "Avtal", "Genomförda uppföljningar", "Senast genomförd", "Avvikelser",
        "Öppna avvikelser", "Varav allvarliga", "Öppna åtgärder", "Sanktioner",
    )  # fmt: skip
    rows = [
        (s.supplier, s.contracts, s.done, s.last_done, s.deviations, s.open, s.serious,
         s.open_actions, s.sanctions)
        for s in reports.suppliers
    ]  # fmt: skip
    return Table(title, headers, rows)


def _months(title: str, reports: FollowupReports) -> Table:
    """Due, done and open deviations per month."""
    headers = ("Månad", "Att genomföra", "Genomförda", "Öppna avvikelser vid månadens slut")
    rows = [(m.month, m.due, m.done, m.open_deviations) for m in reports.months]
    return Table(title, headers, rows)


def report_table(kind: ReportKind, reports: FollowupReports) -> Table:
    """One report as a sheet."""
    title = kind.label
    if kind is ReportKind.NAMND:
        return _status_table(title, "Nämnd", reports.per_namnd, reports.totals)
    if kind is ReportKind.REGION:
        return _status_table(title, "Region", reports.per_region, reports.totals)
    if kind is ReportKind.AVVIKELSER:
        return _deviations(title, reports)
    if kind is ReportKind.LEVERANTORER:
        return _suppliers(title, reports)
    return _months(title, reports)
