"""The avstegsrapport (PDF) and the register as an Excel sheet, from the same entries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from inkop_desktop.documents.avsteg import ReportEntry, ReportHead, avsteg_report_pdf
from inkop_desktop.documents.exchange import Table, write
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.services.avsteg.dto import AvstegEntry, AvstegFilter

HEADERS = (
    "Datum", "Avsteg", "Källa", "Gäller", "Region", "Nämnd", "Motivering", "Anmält av",
    "Kommentar", "Åtgärd", "Stängt", "Stängt av", "Status",
)  # fmt: skip
ORGANISATION = "Inköpsverksamheten, Region Sörmland och Region Västmanland"


def region_label(code: str) -> str:
    """The region's Swedish name (a manual entry without region: "–")."""
    try:
        return Parties(code).label
    except ValueError:
        return "–"


def handling(e: AvstegEntry) -> str:
    """Kommentar and åtgärd on one cell."""
    parts = [f"Kommentar: {e.comment}"] if e.comment else []
    if e.action:
        parts.append(f"Åtgärd: {e.action}")
    if e.closed_on:
        parts.append(f"Stängt {e.closed_on.isoformat()} av {e.closed_by or '–'}")
    return "\n".join(parts)


def xlsx(entries: Sequence[AvstegEntry]) -> bytes:
    """The entries as an Excel workbook (dates as dates)."""
    rows = [
        (e.reported_on, e.rule_name, e.source, e.record, region_label(e.region), e.namnd,
         e.reason, e.reported_by, e.comment, e.action, e.closed_on, e.closed_by, e.status)
        for e in entries
    ]  # fmt: skip
    return write(Table("Avsteg", HEADERS, rows), "xlsx")


def pdf(entries: Sequence[AvstegEntry], wanted: AvstegFilter, namnd: str, today: date) -> bytes:
    """The avstegsrapport for the inköpsnämnd's meeting."""
    head = ReportHead(
        ORGANISATION, wanted.first, wanted.last,
        region_label(wanted.region) if wanted.region else "Båda regionerna",
        namnd or "Alla nämnder", wanted.only_open,
    )  # fmt: skip
    rows = [
        ReportEntry(e.reported_on, e.rule_name, e.source, e.record, e.namnd, e.reason,
                    handling(e), e.status)
        for e in entries
    ]  # fmt: skip
    return avsteg_report_pdf(head, rows, today)
