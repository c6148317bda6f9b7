"""The extension options table: length and decision are edited, periods and deadlines derived."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from inkop_desktop.domain.contracts.consistency import exercise_order_problem, exercised_months
from inkop_desktop.domain.contracts.model import OptionDecision
from inkop_desktop.domain.contracts.terms import OptionInput, OptionTerm, option_schedule

Index = QModelIndex | QPersistentModelIndex
MONTHS, DECISION = 1, 3
_EDITABLE = Qt.ItemFlag.ItemIsEditable


def tr(text: str) -> str:
    """Translate (context "Optioner")."""
    return QCoreApplication.translate("Optioner", text)


class OptionsModel(QAbstractTableModel):
    """Options as immutable inputs; each edit replaces one and re-derives every deadline.

    Marking an option exercised (or no longer exercised) emits ``end_moved`` with the months
    the contract's end date moves; an edit that breaks the order is refused with ``refused``.
    """

    options_changed = Signal()
    end_moved = Signal(int)
    refused = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._options: list[OptionInput] = []
        self._terms: list[OptionTerm] = []
        self._end = date.today()
        self._notice = 0
        self._headers = [
            tr("Option"),
            tr("Längd (månader)"),
            tr("Period"),
            tr("Beslut"),
            tr("Beslutas senast"),
        ]

    def options(self) -> list[OptionInput]:
        """The options as entered."""
        return list(self._options)

    def terms(self) -> list[OptionTerm]:
        """The options placed in time."""
        return list(self._terms)

    def set_options(self, options: Sequence[OptionInput]) -> None:
        """Replace every option."""
        self.beginResetModel()
        self._options = list(options)
        self._terms = option_schedule(self._end, self._notice, self._options)
        self.endResetModel()
        self.options_changed.emit()

    def set_term(self, end: date, notice_months: int) -> None:
        """New end date or notice period: re-derive periods and deadlines."""
        self._end, self._notice = end, notice_months
        self._rederive()

    def add_option(self, months: int = 12) -> None:
        """Append an undecided option."""
        row = len(self._options)
        self.beginInsertRows(QModelIndex(), row, row)
        self._options.append(OptionInput(months=months))
        self._terms = option_schedule(self._end, self._notice, self._options)
        self.endInsertRows()
        self._rederive()

    def remove_last(self) -> None:
        """Drop the last option."""
        if not self._options:
            return
        row = len(self._options) - 1
        self.beginRemoveRows(QModelIndex(), row, row)
        self._options.pop()
        self._terms = option_schedule(self._end, self._notice, self._options)
        self.endRemoveRows()
        self._rederive()

    def _rederive(self) -> None:
        """Recompute the schedule and repaint every row."""
        self._terms = option_schedule(self._end, self._notice, self._options)
        if self._options:
            last = self.index(len(self._options) - 1, len(self._headers) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.options_changed.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        """One row per option."""
        return 0 if parent.isValid() else len(self._options)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        """Number, length, period, decision, deadline."""
        return 0 if parent.isValid() else len(self._headers)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Length and decision are editable."""
        base = super().flags(index)
        return base | _EDITABLE if index.column() in (MONTHS, DECISION) else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text of each cell; EditRole gives the raw length and decision."""
        if not index.isValid() or index.row() >= len(self._terms):
            return None
        term = self._terms[index.row()]
        if role == Qt.ItemDataRole.EditRole:
            return {MONTHS: term.months, DECISION: term.decision.value}.get(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(term, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == MONTHS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(term: OptionTerm, column: int) -> str:
        """Display text of one cell."""
        return [
            str(term.ordinal),
            str(term.months),
            f"{term.period_start.isoformat()} – {term.period_end.isoformat()}",
            term.decision.label,
            term.decision_deadline.isoformat(),
        ][column]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Replace the option's length (1–120 months) or decision."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        old = self._options[index.row()]
        try:
            if index.column() == MONTHS:
                new = OptionInput(months=int(value), decision=old.decision)
            elif index.column() == DECISION:
                new = OptionInput(months=old.months, decision=OptionDecision(str(value)))
            else:
                return False
        except ValueError:
            return False
        wanted = [*self._options[: index.row()], new, *self._options[index.row() + 1 :]]
        problem = exercise_order_problem(wanted)
        if problem is not None:
            self.refused.emit(problem)
            return False
        moved = exercised_months(wanted) - exercised_months(self._options)
        self._options = wanted
        self._rederive()
        if moved:
            self.end_moved.emit(moved)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Swedish column headings."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._options):
            return str(section + 1)
        return None


class OptionDelegate(QStyledItemDelegate):
    """A month spin box for the length and a drop-down for the decision."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        """The editor for the column."""
        if index.column() == DECISION:
            combo = QComboBox(parent)
            for decision in OptionDecision:
                combo.addItem(decision.label, decision.value)
            return combo
        if index.column() == MONTHS:
            spin = QSpinBox(parent)
            spin.setRange(1, 120)
            return spin
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        """Show the current value."""
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        """Write the chosen value back."""
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QSpinBox):
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)
