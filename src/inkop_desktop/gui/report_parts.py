"""What the report pages share: the page heading, the summary line, read-only report tables."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QWidget

from inkop_desktop.gui.list_page import style_table
from inkop_desktop.gui.table_model import Index, RowTableModel

TOTAL = "Totalt"
"""The label of a report's total line."""


def status_line(text: str, parent: QWidget) -> QLabel:
    """The wrapped summary line under the heading."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


def report_table(model: RowTableModel, name: str, parent: QWidget) -> QTableView:
    """A read-only table over *model*; the first column takes the room left."""
    view = QTableView(parent)
    view.setModel(model)
    style_table(view)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.setAccessibleName(name)
    return view


class TotalsModel(RowTableModel):
    """A report table whose total line (label "Totalt") is bold."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The base model's data; bold for the "Totalt" row."""
        bold = role == Qt.ItemDataRole.FontRole and index.isValid()
        if bold and getattr(self.row_at(index.row()), "label", None) == TOTAL:
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)
