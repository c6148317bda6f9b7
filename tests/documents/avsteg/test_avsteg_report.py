"""The avstegsrapport lists its entries under a heading per nämnd, with the count."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from inkop_desktop.documents.avsteg import ReportEntry, ReportHead, avsteg_report_pdf


def _entry(namnd: str, reason: str, day: int = 1) -> ReportEntry:
    return ReportEntry(date(2026, 3, day), "Övrigt avsteg (manuellt)", "Manuellt", "F-1", namnd,
                       reason, "", "Öppet")  # fmt: skip


def test_entries_are_grouped_by_namnd_with_a_count() -> None:
    head = ReportHead("Inköp", date(2026, 3, 1), date(2026, 3, 31), "Båda regionerna",
                      "Alla nämnder", False)  # fmt: skip
    entries = [
        _entry("Tandvårdsnämnden", "Tand ett"),
        _entry("", "Utan nämnd"),
        _entry("Regionstyrelsen", "Styrelse ett"),
        _entry("Tandvårdsnämnden", "Tand två", 2),
        _entry("Regionstyrelsen", "<b>Styrelse</b> två", 3),
    ]
    data = avsteg_report_pdf(head, entries, date(2026, 4, 1))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert "5 avsteg, varav 5 öppna." in text
    rs, tvn = text.index("Regionstyrelsen (2 avsteg)"), text.index("Tandvårdsnämnden (2 avsteg)")
    none = text.index("Ingen nämnd angiven (1 avsteg)")
    assert rs < tvn < none  # by name; entries without a nämnd last
    assert rs < text.index("Styrelse ett") < text.index("<b>Styrelse</b> två") < tvn
    assert tvn < text.index("Tand ett") < text.index("Tand två") < none < text.index("Utan nämnd")
