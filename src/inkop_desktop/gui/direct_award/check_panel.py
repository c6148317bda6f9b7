"""The editor's side panel: the running same-kind total, the awards in it, the checklist."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QTableView, QWidget

from inkop_desktop.domain.direct_award.status import CITES, AwardStatus
from inkop_desktop.domain.money import format_kronor
from inkop_desktop.gui.table_model import Column, RowTableModel, label_column, money_column
from inkop_desktop.gui.uiloader import child
from inkop_desktop.services.direct_award.dto import AwardCheck, EarlierAward, RunningTotal


def tr(text: str) -> str:
    """Translate (context "Direktupphandling")."""
    return QCoreApplication.translate("Direktupphandling", text)


def _status(code: str) -> str:
    """Swedish status label."""
    return AwardStatus(code).label


EARLIER_COLUMNS = [
    Column("diarienummer", tr("Diarienr")),
    Column("title", tr("Vad köptes")),
    Column("award_date", tr("Datum")),
    money_column("value_ore", tr("Värde")),
    label_column("status", tr("Status"), _status),
]


def total_text(total: RunningTotal) -> str:
    """``Region Sörmland 2025, samma slag 384: 490 000 kr av 700 000 kr``."""
    verdict = tr("NÅR GRÄNSEN") if total.reached else tr("under gränsen")
    return (
        f"{total.authority} {total.year}, {tr('samma slag')} {total.key}: "
        f"<b>{format_kronor(total.total_ore)}</b> {tr('av')} {format_kronor(total.limit_ore)} "
        f"({verdict})"
    )


def _groups(text: str) -> list[tuple[int, int]]:
    """The outermost parenthesised groups of *text* as (start, end) slices."""
    found, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "(":
            start = index if depth == 0 else start
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                found.append((start, index + 1))
    return found


def bullet(text: str) -> tuple[str, str]:
    """A rule's explanation as a short line, and what it rests on (for the tooltip).

    The parenthesised groups that cite the law move to the tooltip: ``Dokumentationen saknar:
    X (krävs vid …, 19 a kap. 11 § LOU).`` → ``Dokumentationen saknar: X.`` and
    ``krävs vid …, 19 a kap. 11 § LOU``.
    """
    short, cited = text, list[str]()
    for start, end in reversed(_groups(text)):
        inner = text[start + 1 : end - 1]
        if any(citation in inner for citation in CITES.values()):
            cited.insert(0, inner)
            short = short[:start].rstrip() + short[end:]
    return short.strip(), "; ".join(cited)


class CheckPanel(QObject):
    """Fills the side panel's widgets from running totals and a full check."""

    def __init__(self, form: QWidget) -> None:
        super().__init__(form)
        self.total = child(form, QLabel, "totalLabel")
        self.table = child(form, QTableView, "earlierTable")
        self.model = RowTableModel(EARLIER_COLUMNS, self)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.checklist = child(form, QListWidget, "checklist")
        self.problems = child(form, QLabel, "problemsLabel")

    def show_totals(self, totals: Sequence[RunningTotal]) -> None:
        """The running total per authority and the awards it consists of."""
        self.total.setText("<br>".join(total_text(t) for t in totals) or "–")
        earlier: dict[str, EarlierAward] = {}
        for total in totals:
            earlier.update({e.diarienummer: e for e in total.earlier})
        self.model.set_rows(sorted(earlier.values(), key=lambda e: e.award_date))
        self.table.resizeColumnsToContents()

    def show_check(self, check: AwardCheck) -> None:
        """Totals, the seven documentation items and what still blocks the record."""
        self.show_totals(check.totals)
        self.checklist.clear()
        over = check.threshold_comparison == ">"
        duty = (
            tr("Dokumentation krävs (samma slag %1 %3 %2)")
            if check.documentation_required
            else tr("Dokumentation krävs inte ännu (samma slag %1 %3 %2)")
        )
        below = "≤" if over else "<"
        sign = check.threshold_comparison if check.documentation_required else below
        head = QListWidgetItem(
            duty.replace("%1", format_kronor(check.aggregated_ore))
            .replace("%2", format_kronor(check.threshold_ore))
            .replace("%3", sign)
        )
        self.checklist.addItem(head)
        for label, done in check.checklist:
            item = QListWidgetItem(("✔ " if done else "✘ ") + label)
            item.setForeground(QColor("#1b6e20" if done else "#b00020"))
            self.checklist.addItem(item)
        blockers = [bullet(p) for p in (*check.problems, *check.jav_blockers)]
        self.problems.setText("\n".join(f"• {short}" for short, _cite in blockers))
        cited = [f"• {short} – {cite}" for short, cite in blockers if cite]
        self.problems.setToolTip("\n".join(cited))
