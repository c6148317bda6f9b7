"""The declared-interests table of the declaration editor (one row per relationship)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)

from inkop_desktop.domain.jav.kinds import InterestKind
from inkop_desktop.gui.form_helpers import current_enum, fill_enum, select_data
from inkop_desktop.services.jav.dto import InterestRow

TEXT_COLUMNS = ("company_name", "company_orgnr", "person_name", "description")


class InterestsTable:
    """Reads and writes the rows of a QTableWidget from the Designer form."""

    def __init__(self, table: QTableWidget) -> None:
        self.table = table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((170, 190, 165, 140)):
            table.setColumnWidth(column, width)

    def clear(self) -> None:
        """Remove every row."""
        self.table.setRowCount(0)

    def add(self, row: InterestRow | None = None) -> None:
        """Append a row, empty or filled from *row*."""
        index = self.table.rowCount()
        self.table.insertRow(index)
        kind = QComboBox(self.table)
        fill_enum(kind, InterestKind)
        if row is not None:
            select_data(kind, row.kind)
        self.table.setCellWidget(index, 0, kind)
        for column, key in enumerate(TEXT_COLUMNS, start=1):
            value = getattr(row, key) if row is not None else ""
            self.table.setItem(index, column, QTableWidgetItem(value or ""))

    def remove_selected(self) -> None:
        """Delete the selected rows."""
        for index in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(index)

    def set_rows(self, rows: tuple[InterestRow, ...]) -> None:
        """Show *rows* (replacing the table's content)."""
        self.clear()
        for row in rows:
            self.add(row)

    def values(self) -> tuple[dict[str, Any], ...]:
        """The rows as input for ``DeclarationInput.interests`` (fully empty rows skipped)."""
        found = []
        for index in range(self.table.rowCount()):
            texts = {key: self._text(index, c) for c, key in enumerate(TEXT_COLUMNS, start=1)}
            if not any(texts.values()):
                continue
            combo = self.table.cellWidget(index, 0)
            kind = current_enum(combo, InterestKind) if isinstance(combo, QComboBox) else None
            found.append({"kind": kind, **texts})
        return tuple(found)

    def _text(self, row: int, column: int) -> str:
        """The stripped text of one cell."""
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def set_editable(self, editable: bool) -> None:
        """Allow or forbid changes."""
        triggers = (
            QAbstractItemView.EditTrigger.AllEditTriggers
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.table.setEditTriggers(triggers)
        for index in range(self.table.rowCount()):
            widget = self.table.cellWidget(index, 0)
            if widget is not None:
                widget.setEnabled(editable)
