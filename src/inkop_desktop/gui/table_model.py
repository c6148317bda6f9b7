"""One table model for every list: immutable rows, typed columns, sorting asked of the service."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from inkop_desktop.domain.money import format_kronor

Index = QModelIndex | QPersistentModelIndex


def _plain(value: Any) -> str:
    """Default cell text: ISO dates, enum labels, plain text."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    return str(value)


@dataclass(frozen=True)
class Column:
    """A column: DTO attribute, Swedish heading, formatter and alignment."""

    key: str
    title: str
    format: Callable[[Any], str] = _plain
    numeric: bool = False
    sortable: bool = True


def money_column(key: str, title: str) -> Column:
    """A right-aligned amount column (``1 234 567 kr``)."""
    return Column(key, title, format_kronor, numeric=True)


def label_column(key: str, title: str, labels: Callable[[str], str]) -> Column:
    """A column whose stored code is shown through *labels*."""
    return Column(key, title, lambda v: "" if v is None else labels(v))


class RowTableModel(QAbstractTableModel):
    """Rows are frozen DTOs; the model never edits them."""

    sort_requested = Signal(str, bool)

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = []

    @property
    def columns(self) -> list[Column]:
        """The column definitions."""
        return list(self._columns)

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Replace all rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        """The DTO shown in *row*."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        """Number of rows (flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        """Number of columns (flat table)."""
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Formatted text, alignment, and the raw value in UserRole."""
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self._columns[index.column()]
        value = getattr(self._rows[index.row()], column.key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.format(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return (
                value
                if isinstance(value, int | str | float | bool) or value is None
                else str(value)
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Swedish column headings."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].title
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the owner to re-query sorted in SQL (large lists are never sorted in memory)."""
        if 0 <= column < len(self._columns) and self._columns[column].sortable:
            descending = order == Qt.SortOrder.DescendingOrder
            self.sort_requested.emit(self._columns[column].key, descending)

    def as_tsv(self, rows: Sequence[int]) -> str:
        """Tab-separated text of *rows* with a heading line, for pasting into Excel."""
        lines = ["\t".join(c.title for c in self._columns)]
        for r in rows:
            cells = (c.format(getattr(self._rows[r], c.key)) for c in self._columns)
            lines.append("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in cells))
        return "\n".join(lines) + "\n"
