"""The items of a checklist template as an editable table: category, text, evidence, serious."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from inkop_desktop.domain.followup.model import CheckCategory
from inkop_desktop.gui.form_helpers import fill_enum, select_data

HEADERS = ("Kategori", "Kontrollpunkt", "Förväntat underlag", "Allvarlig")


class TemplateItemsTable(QTableWidget):
    """One row per checklist point; text cells are edited in place, Tab moves on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setObjectName("templateItemsView")
        self.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 250)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def set_items(self, items: Sequence[Any]) -> None:
        """Show the items of one version."""
        self.setRowCount(0)
        for item in items:
            self.add_item(item.category, item.text, item.evidence, item.serious)

    def add_item(
        self,
        category: str = CheckCategory.SKATTER.value,
        text: str = "",
        evidence: str = "",
        serious: bool = False,
    ) -> int:
        """Append a row; its number."""
        row = self.rowCount()
        self.insertRow(row)
        combo = QComboBox(self)
        fill_enum(combo, CheckCategory)
        select_data(combo, category)
        self.setCellWidget(row, 0, combo)
        self.setItem(row, 1, QTableWidgetItem(text))
        self.setItem(row, 2, QTableWidgetItem(evidence))
        check = QCheckBox(self)
        check.setChecked(serious)
        self.setCellWidget(row, 3, check)
        return row

    def remove_current(self) -> None:
        """Drop the highlighted row."""
        row = self.currentRow()
        if row >= 0:
            self.removeRow(row)

    def move_current(self, step: int) -> None:
        """Move the highlighted row up (-1) or down (+1)."""
        row = self.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.rowCount():
            return
        items = self.points()
        items.insert(target, items.pop(row))
        self.setRowCount(0)
        for i in items:
            self.add_item(i["category"], i["text"], i["evidence"], i["serious"])
        self.setCurrentCell(target, 1)

    def points(self) -> list[dict[str, Any]]:
        """The rows as the service's input, in order."""
        out = []
        for row in range(self.rowCount()):
            combo = self.cellWidget(row, 0)
            check = self.cellWidget(row, 3)
            assert isinstance(combo, QComboBox) and isinstance(check, QCheckBox)
            out.append(
                {
                    "category": CheckCategory(combo.currentData()),
                    "text": _text(self.item(row, 1)),
                    "evidence": _text(self.item(row, 2)),
                    "serious": check.isChecked(),
                }
            )
        return out

    def set_editable(self, editable: bool) -> None:
        """Allow or forbid changes."""
        triggers = (
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setEditTriggers(triggers if editable else QAbstractItemView.EditTrigger.NoEditTriggers)
        for row in range(self.rowCount()):
            for column in (0, 3):
                widget = self.cellWidget(row, column)
                if widget is not None:
                    widget.setEnabled(editable)


def _text(cell: QTableWidgetItem | None) -> str:
    """A cell's text without surrounding blanks."""
    return "" if cell is None else cell.text().strip()
