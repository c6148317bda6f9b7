"""Column widths come from the heading and a sample of rows, so a long page is sized quickly."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from inkop_desktop.gui.column_layout import SAMPLE_ROWS, fit_columns

Index = QModelIndex | QPersistentModelIndex


class _Counting(QAbstractTableModel):
    """*rows* rows of short texts (row 0 long), counting every data() call."""

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows, self.calls = rows, 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        self.calls += 1
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return "Ramavtal lokalvård Västerås" if index.row() == 0 else "ab"

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return f"Rubrik nummer {section}"
        return None


def _fitted(qtbot: QtBot, rows: int) -> tuple[QTableView, _Counting]:
    table, model = QTableView(), _Counting(rows)
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(900, 400)
    table.show()  # a list on screen: the rows in view, then the next ones
    qtbot.waitExposed(table)
    model.calls = 0
    fit_columns(table)
    return table, model


def test_a_long_page_reads_no_more_rows_than_a_short_one(qtbot: QtBot) -> None:
    _short_table, short = _fitted(qtbot, SAMPLE_ROWS)
    _long_table, long = _fitted(qtbot, 2000)
    assert long.calls <= short.calls * 1.5  # not 50 times the rows
    assert long.calls < 2000 * 3  # never one call per cell


def test_widths_still_fit_the_heading_and_the_first_rows(qtbot: QtBot) -> None:
    table, _model = _fitted(qtbot, 2000)
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    for column in range(3):
        assert header.sectionSize(column) >= metrics.horizontalAdvance(f"Rubrik nummer {column}")
        assert header.sectionSize(column) >= metrics.horizontalAdvance("Ramavtal lokalvård")
