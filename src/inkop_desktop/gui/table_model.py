"""One table model for every list: immutable rows, typed columns, sorting asked of the service."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from inkop_desktop.domain.money import format_kronor
from inkop_desktop.gui.row_state import (
    STATE_ROLE,
    RowState,
    RowStateFn,
    background,
    foreground,
)

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
    cap: int | None = None
    """Widest first width in pixels (long text is elided, the full text is in the tooltip)."""


def money_column(key: str, title: str) -> Column:
    """A right-aligned amount column (``1 234 567 kr``)."""
    return Column(key, title, format_kronor, numeric=True)


def label_column(
    key: str, title: str, labels: Callable[[str], str], cap: int | None = None
) -> Column:
    """A column whose stored code is shown through *labels*."""
    return Column(key, title, lambda v: "" if v is None else labels(v), cap=cap)


_STATE_ROLES = (
    STATE_ROLE,
    int(Qt.ItemDataRole.ForegroundRole),
    int(Qt.ItemDataRole.BackgroundRole),
)


class RowTableModel(QAbstractTableModel):
    """Rows are frozen DTOs; the model never edits them."""

    sort_requested = Signal(str, bool)

    def __init__(
        self,
        columns: Sequence[Column],
        parent: Any = None,
        row_state: RowStateFn | None = None,
        marked: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Any] = []
        self._row_state = row_state
        self._marked = frozenset(marked)

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
        """Formatted text, alignment, the raw value in UserRole, the row's state and colours."""
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self._columns[index.column()]
        if role in _STATE_ROLES:
            return self._state_data(self._rows[index.row()], column.key, role)
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

    def _state_data(self, row: Any, key: str, role: int) -> Any:
        """The row's state (STATE_ROLE, every cell) or its colour: a closed row is dimmed
        throughout, the other states colour the marked (date, status) columns."""
        state = self._row_state(row) if self._row_state is not None else None
        if role == STATE_ROLE:
            return None if state is None else state.value
        if state is not RowState.AVSLUTAD and self._marked and key not in self._marked:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return foreground(state)
        return background(state)

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
