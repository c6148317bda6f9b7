"""The inköpsnämnd's report of direct awards per same-kind key, authority and year, as .xlsx."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from inkop_desktop.documents.exchange import Table, write
from inkop_desktop.domain.money import Money

HEADERS = (
    "Upphandlande myndighet",
    "År",
    "Samma slag",
    "Antal",
    "Summa exkl. moms",
    "Direktupphandlingsgräns",
    "Andel av gränsen (%)",
    "Bedömning",
    "Ingående direktupphandlingar",
)


@dataclass(frozen=True)
class ReportLine:
    """Direct awards of one kind, authority and year."""

    authority: str
    year: int
    key: str
    count: int
    total_ore: int
    limit_ore: int
    diarienummer: tuple[str, ...]


def _verdict(line: ReportLine) -> str:
    """``Når gränsen`` or ``Under gränsen`` (19 a kap. 3 § LOU)."""
    return "Når gränsen" if line.total_ore >= line.limit_ore else "Under gränsen"


def report_table(year: int, lines: Sequence[ReportLine]) -> Table:
    """The report as one sheet: totals as real numbers in kronor, text kept as text."""
    rows = [
        (
            line.authority,
            line.year,
            line.key,
            line.count,
            Money(line.total_ore),
            Money(line.limit_ore),
            round(100 * line.total_ore / line.limit_ore) if line.limit_ore else 0,
            _verdict(line),
            ", ".join(line.diarienummer),
        )
        for line in lines
    ]
    return Table(title=f"Direktupphandlingar {year}", headers=HEADERS, rows=rows)


def report_xlsx(year: int, lines: Sequence[ReportLine]) -> bytes:
    """The report as an Excel workbook."""
    return write(report_table(year, lines), "xlsx")
