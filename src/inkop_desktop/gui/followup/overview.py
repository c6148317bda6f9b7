"""The follow-up list page: overdue in red with "N dagar sen", due-soon marked, nämnd filter."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QTableView, QWidget

from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.list_page import ListPage, Position, ViewSpec
from inkop_desktop.gui.table_model import Index, RowTableModel
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.dto import Page
from inkop_desktop.services.followup.overview import DueState

OVERDUE = QColor("#b91c1c")
SOON = QColor("#fef3c7")
NO_PLAN = QColor("#6b7280")
NARROW = {"contract_title": 200, "suppliers": 240, "namnd": 260, "responsible": 160}
"""Widest first width of the columns with long texts (the user may widen them)."""
FILTER_WIDTH = 7
"""Characters a filter drop-down keeps room for (the list default is 12)."""
MARKED = ("next_due", "due")
"""The columns that carry the due state's colour."""
RowCommand = tuple[str, Callable[[Any], object], Callable[[Any], str]]
"""A context-menu entry: text, what it does with the row, why not for this row ("" if it may)."""


class FollowupTableModel(RowTableModel):
    """Rows coloured by their due state; serious open deviations in red."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The base model's data plus colour and weight for the state columns."""
        if index.isValid() and index.row() < self.rowCount() and role in _STYLE_ROLES:
            return self._style(self.row_at(index.row()), self.columns[index.column()].key, role)
        return super().data(index, role)

    @staticmethod
    def _style(row: Any, key: str, role: int) -> Any:
        """Foreground, background or font of one cell."""
        state = row.state
        if key == "deviations" and row.serious_deviations and role == _FG:
            return QBrush(OVERDUE)
        if key not in MARKED:
            return None
        if role == _FG and state is DueState.FORSENAD:
            return QBrush(OVERDUE)
        if role == _FG and state is DueState.UTAN_PLAN:
            return QBrush(NO_PLAN)
        if role == _BG and state is DueState.SNART:
            return QBrush(SOON)
        if role == _FONT and state in (DueState.FORSENAD, DueState.SNART):
            font = QFont()
            font.setBold(True)
            return font
        return None


_FG = Qt.ItemDataRole.ForegroundRole
_BG = Qt.ItemDataRole.BackgroundRole
_FONT = Qt.ItemDataRole.FontRole
_STYLE_ROLES = (_FG, _BG, _FONT)


class FollowupListPage(ListPage):
    """The list page of the follow-up view; the nämnd filter is filled from the database."""

    def __init__(
        self,
        spec: ViewSpec,
        tasks: TaskRunner,
        namnd_options: Any = None,
        parent: QWidget | None = None,
        row_commands: Sequence[RowCommand] = (),
    ) -> None:
        self._namnd_options = namnd_options
        self._row_commands = row_commands
        self.menu: QMenu | None = None
        super().__init__(spec, tasks, parent)
        for box in self.filter_boxes.values():  # five filters still fit a 1024-pixel window
            box.setMinimumContentsLength(FILTER_WIDTH)
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, self._into_table)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        if namnd_options is not None and "namnd" in self.filter_boxes:
            tasks.run(namnd_options, self._fill_namnd, self._namnd_failed, owner=self)

    def _make_table(self) -> QTableView:
        """The list's table over the colouring model."""
        self.model = FollowupTableModel(self.spec.columns, self, self.spec.row_state)
        self.model.sort_requested.connect(self._on_sort)
        table = super()._make_table()
        table.setAccessibleName(self.tr("Avtalsuppföljning"))
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_menu)
        return table

    def current_row(self) -> Any:
        """The row under the cursor, or None."""
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def menu_for(self, row: Any) -> QMenu:
        """The row's context menu; an entry the row does not allow is disabled with the reason."""
        menu = QMenu(self)
        for text, run, refusal in self._row_commands:
            action = menu.addAction(text)
            why = refusal(row)
            action.setEnabled(not why)
            action.setToolTip(why)
            action.setStatusTip(why)
            action.triggered.connect(lambda _c=False, act=run: act(row))
        menu.setToolTipsVisible(True)
        return menu

    def _show_menu(self, pos: QPoint) -> None:
        """Right-click (or the menu key) on a row: its commands."""
        index = self.table.indexAt(pos)
        if not index.isValid():
            index = self.table.currentIndex()
        if not index.isValid() or not self._row_commands:
            return
        self.table.setCurrentIndex(index)
        self.menu = self.menu_for(self.model.row_at(index.row()))
        self.menu.popup(self.table.viewport().mapToGlobal(pos))

    def _show(self, generation: int, page: Page[Any], keep: Position | None = None) -> None:
        """Show a page; after the first, long texts get narrower columns than the default."""
        first = not self.has_loaded
        super()._show(generation, page, keep)
        if first and self.has_loaded:
            keys = [c.key for c in self.spec.columns]
            header = self.table.horizontalHeader()
            for key, cap in NARROW.items():
                if key in keys:
                    index = keys.index(key)
                    header.resizeSection(index, min(header.sectionSize(index), cap))

    def _into_table(self) -> None:
        """Down arrow in the search field moves to the first row."""
        self.table.setFocus()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _fill_namnd(self, options: list[tuple[str, str]]) -> None:
        """Add the nämnder to their filter (keeps the current choice)."""
        box = self.filter_boxes["namnd"]
        box.blockSignals(True)
        for value, text in options:
            box.addItem(text, value)
        box.blockSignals(False)

    def _namnd_failed(self, exc: BaseException) -> None:
        """The list still works; say why the nämnd filter is empty."""
        self.filter_boxes["namnd"].setToolTip(user_text(exc))
