"""The checklist as a table: number, category, point (serious ones marked), outcome, comment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from inkop_desktop.domain.followup.model import CheckCategory, FollowupStatus, Outcome
from inkop_desktop.gui.followup.common import tr
from inkop_desktop.gui.followup.item_panel import SERIOUS

HEADERS = ("Nr", "Kategori", "Kontrollpunkt", "Resultat", "Kommentar")
_DEVIATION = QColor("#fde2e2")
_SERIOUS_DEVIATION = QColor("#f8b4b4")


def category_text(code: str) -> str:
    """The Swedish name of a category (unknown codes as stored)."""
    try:
        return CheckCategory(code).label
    except ValueError:
        return code


def outcome_text(code: str) -> str:
    """The Swedish outcome, or "Ej bedömd" for a point not yet assessed."""
    return Outcome(code).label if code else tr("Ej bedömd")


class ChecklistTable(QTableWidget):
    """Read-only rows; the item panel below edits the highlighted one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setObjectName("checklistView")
        self.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.setWordWrap(False)

    def fill(self, items: Sequence[Any], edits: dict[Any, tuple[str, str]]) -> None:
        """One row per point with the outcome and comment as edited."""
        self.setRowCount(len(items))
        for row, item in enumerate(items):
            outcome, comment = edits[item.id]
            self.show_row(row, item, outcome, comment)

    def show_row(self, row: int, item: Any, outcome: str, comment: str) -> None:
        """Write one row; a deviation is tinted, a serious one more strongly."""
        text = (SERIOUS if item.serious else "") + item.item_text
        cells = (str(item.ordinal), category_text(item.category), text, outcome_text(outcome))
        for column, value in enumerate((*cells, comment.replace("\n", " "))):
            cell = QTableWidgetItem(value)
            cell.setToolTip(value)
            if column == 0:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if outcome == Outcome.AVVIKELSE:
                cell.setBackground(_SERIOUS_DEVIATION if item.serious else _DEVIATION)
            self.setItem(row, column, cell)


def header_text(detail: Any) -> str:
    """Contract and suppliers, due date, the checklists used and the state."""
    if detail.status == FollowupStatus.SLUTFORD:
        at = detail.signed_at.astimezone().strftime("%Y-%m-%d %H:%M") if detail.signed_at else ""
        state = tr("Slutförd och signerad av %1 %2").replace("%1", detail.signed_by or "")
        state = state.replace("%2", at)
    else:
        state = detail.status.label
    suppliers = ", ".join(detail.suppliers) or tr("ingen leverantör angiven")
    return (
        f"<b>{_html(detail.contract_number)} {_html(detail.contract_title)}</b> – "
        f"{_html(suppliers)}<br>"
        + tr("Planerad till %1 · Checklistor: %2 · %3")
        .replace("%1", detail.due_on.isoformat())
        .replace("%2", _html(detail.templates.replace("\n", ", ")))
        .replace("%3", _html(state))
    )


def _html(text: str) -> str:
    """Text safe inside rich text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sign_question(outcomes: Sequence[str]) -> str:
    """The confirmation before signing: how many deviations, how many points not assessed."""
    deviations = sum(1 for o in outcomes if o == Outcome.AVVIKELSE)
    unassessed = sum(1 for o in outcomes if not o)
    question = tr(
        "Slutföra och signera uppföljningen med %1 avvikelser? Efter signeringen kan den inte "
        "ändras (åtgärder kan fortfarande läggas till och stängas)."
    ).replace("%1", str(deviations))
    if unassessed:
        question += tr("\n\n%1 punkter är inte bedömda.").replace("%1", str(unassessed))
    return question
