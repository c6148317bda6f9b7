"""A list view: search as you type, filters, SQL-side sorting and paging, copy to Excel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.gui.column_layout import AutoFit, ColumnLayout, fit_columns
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.row_state import Legend, RowState, RowStateFn
from inkop_desktop.gui.table_model import Column, RowTableModel
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.toolbar import command_bar
from inkop_desktop.services.dto import ListQuery, Page

__all__ = ["FilterSpec", "ListPage", "Position", "ViewSpec", "fit_columns", "style_table"]

PAGE_SIZE = 200


@dataclass(frozen=True)
class FilterSpec:
    """A drop-down filter: query key, label and (value, text) options; "" means all."""

    key: str
    label: str
    options: Sequence[tuple[str, str]]
    default: str = ""


@dataclass(frozen=True)
class ViewSpec:
    """Everything a list page needs to know about one area."""

    name: str
    title: str
    columns: Sequence[Column]
    load: Callable[[ListQuery], Page[Any]]
    filters: Sequence[FilterSpec] = field(default_factory=tuple)
    default_sort: str | None = None
    descending: bool = False
    on_activate: Callable[[Any], None] | None = None
    commands: Sequence[tuple[str, Callable[[], None]]] = field(default_factory=tuple)
    row_state: RowStateFn | None = None
    legend: tuple[str, Sequence[tuple[RowState, str]]] | None = None
    """What the colours follow ("Färg efter Slut:") and each state's rule."""
    marked: Sequence[str] = ()
    """The columns that carry the state's colour (none: the whole row)."""
    closed_filter: str | None = None
    """Filter key sent as "1" while "Visa avslutade" is off (closed rows hidden by default)."""
    hidden: Sequence[str] = ()
    """Columns hidden until chosen in the header's menu (the deciding ones stay on screen)."""


@dataclass(frozen=True)
class Position:
    """Where the user was in a list: selected records, the current one, the scroll bars."""

    selected: frozenset[Any]
    current: Any
    column: int
    scroll: tuple[int, int]


def page_heading(title: str, parent: QWidget) -> QLabel:
    """The large bold heading every page starts with."""
    heading = QLabel(title, parent)
    heading.setObjectName("pageHeading")
    font = heading.font()
    font.setPointSize(font.pointSize() + 5)
    font.setBold(True)
    heading.setFont(font)
    return heading


def style_table(table: QTableView) -> None:
    """Read-only, whole-row selection, compact rows, no word wrap: every list looks the same."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)


class ListPage(QWidget):
    """Shows one area's rows; all database work goes through the TaskRunner."""

    loaded = Signal()
    failed = Signal(str)

    def __init__(
        self,
        spec: ViewSpec,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        before_data: bool = False,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self._tasks = tasks
        self._before_data = before_data
        """Made before its data can be read (the database is being opened): fetches wait."""
        self._wanted = False
        self._offset = 0
        self._total = 0
        self._sort = spec.default_sort
        self._descending = spec.descending
        self._generation = 0
        self.has_loaded = False
        self._layout_restored = False
        self.model = self._make_model()
        self.model.sort_requested.connect(self._on_sort)
        self.command_actions: list[QAction] = []
        self._build()

    def _make_model(self) -> RowTableModel:
        """The table model over the spec's columns and colour rule."""
        return RowTableModel(self.spec.columns, self, self.spec.row_state, self.spec.marked)

    def _build(self) -> None:
        """Lay out heading, search row, table and paging bar."""
        heading = page_heading(self.spec.title, self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(self._search_row())
        self._filter_row = QHBoxLayout()
        layout.addLayout(self._filter_row)
        self._commands_at = layout.count()
        if self.spec.commands:
            layout.addLayout(self._command_row(self.spec.commands))
        self.table = self._make_table()
        layout.addWidget(self.table, 1)
        layout.addLayout(self._legend_row())
        layout.addLayout(self._paging_row())
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self._restart)

    def _search_row(self) -> QHBoxLayout:
        """Search field and filter drop-downs."""
        row = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Sök – skriv för att filtrera"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        row.addWidget(self.search, 2)
        self._search_layout = row
        self.filter_boxes: dict[str, QComboBox] = {}
        for spec in self.spec.filters:
            box = QComboBox(self)
            box.addItem(spec.label + ": " + self.tr("alla"), "")
            for value, text in spec.options:
                box.addItem(text, value)
            box.setCurrentIndex(max(0, box.findData(spec.default)))
            box.currentIndexChanged.connect(lambda _i: self._restart())
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(12)
            box.setAccessibleName(spec.label)
            self.filter_boxes[spec.key] = box
            row.addWidget(box, 1)
        return row

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Filters beside the search field when there is room, else on a row of their own."""
        super().resizeEvent(event)
        boxes = list(self.filter_boxes.values())
        roomy = event.size().width() >= self._row_need()
        target = self._search_layout if roomy else self._filter_row
        other = self._filter_row if target is self._search_layout else self._search_layout
        for box in boxes:
            if target.indexOf(box) < 0:
                other.removeWidget(box)
                target.addWidget(box, 1)

    def _row_need(self) -> int:
        """The width the search field (its hint whole) and every filter need on one row."""
        metrics = self.search.fontMetrics()
        need = metrics.horizontalAdvance(self.search.placeholderText()) + 40
        for box in self.filter_boxes.values():
            text = metrics.horizontalAdvance(box.itemText(0)) + 48
            need += max(text, box.minimumSizeHint().width()) + 2 * self._search_layout.spacing()
        return need + 24

    def _command_row(self, commands: Sequence[tuple[str, Callable[[], None]]]) -> QHBoxLayout:
        """The area's toolbar (new record, reports, export …) on a row of their own."""
        row = QHBoxLayout()
        bar, self.command_actions = command_bar(commands, self)
        row.addWidget(bar, 1)
        return row

    def data_ready(self, commands: Sequence[tuple[str, Callable[[], None]]] = ()) -> None:
        """The database is open: add the area's toolbar and read what was asked meanwhile.

        For a page made before its data could be read; one not yet loaded is read when shown.
        """
        if commands and not self.command_actions:
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertLayout(self._commands_at, self._command_row(commands))
        self._before_data = False
        if self._wanted and self.has_loaded:
            self._fetch()
        self._wanted = False

    def show_first(self, page: Page[Any]) -> None:
        """Show a first page read before the database was open (``has_loaded`` from now)."""
        self._generation += 1
        self._show(self._generation, page)

    def _make_table(self) -> QTableView:
        """A read-only, row-selecting, sortable table over the model."""
        table = QTableView(self)
        table.setModel(self.model)
        style_table(table)
        header = table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        keys = [c.key for c in self.spec.columns]
        if self._sort in keys:
            order = (
                Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder
            )
            header.setSortIndicator(keys.index(self._sort), order)
        header.sortIndicatorChanged.connect(self.model.sort)
        hidden = [keys.index(k) for k in self.spec.hidden if k in keys]
        self.columns = ColumnLayout(table, self.spec.name, hidden)
        self.autofit = AutoFit(table)
        table.doubleClicked.connect(lambda idx: self._activate(idx.row()))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), table, lambda: self._activate_current())
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        copy = QShortcut(QKeySequence.StandardKey.Copy, table, self.copy_selection)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)
        table.setAccessibleName(self.spec.title)
        return table

    def _legend_row(self) -> QHBoxLayout:
        """The colour rule and the "Visa avslutade" toggle (closed rows hidden by default)."""
        row = QHBoxLayout()
        self.legend = Legend(*self.spec.legend, parent=self) if self.spec.legend else None
        if self.legend is not None:
            row.addWidget(self.legend, 1)
        self.show_closed: QCheckBox | None = None
        if self.spec.closed_filter:
            self.show_closed = QCheckBox(self.tr("Visa avslutade"), self)
            self.show_closed.toggled.connect(lambda _on: self._restart())
            row.addStretch(0 if self.legend is not None else 1)
            row.addWidget(self.show_closed)
        return row

    def _paging_row(self) -> QHBoxLayout:
        """Previous/next buttons and the "Visar 1–200 av 312" status."""
        row = QHBoxLayout()
        self.status = QLabel(self.tr("Läser in…"), self)
        self.prev_button = QPushButton(self.tr("◀ Föregående"), self)
        self.next_button = QPushButton(self.tr("Nästa ▶"), self)
        self.prev_button.clicked.connect(lambda: self._page(-1))
        self.next_button.clicked.connect(lambda: self._page(+1))
        row.addWidget(self.status, 1)
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        return row

    def query(self) -> ListQuery:
        """The query the current search, filters, sort and page describe."""
        filters = {k: str(b.currentData() or "") for k, b in self.filter_boxes.items()}
        if self.show_closed is not None and not self.show_closed.isChecked():
            filters[str(self.spec.closed_filter)] = "1"
        return ListQuery(
            text=self.search.text().strip(),
            filters={k: v for k, v in filters.items() if v},
            sort=self._sort,
            descending=self._descending,
            offset=self._offset,
            limit=PAGE_SIZE,
        )

    def describe_filters(self) -> str:
        """The current search and filters in Swedish, e.g. for a printout's heading."""
        parts = [
            f"{spec.label}: {box.currentText()}"
            for spec, box in zip(self.spec.filters, self.filter_boxes.values(), strict=True)
            if box.currentData()
        ]
        if self.search.text().strip():
            parts.append(self.tr("sökord ”%1”").replace("%1", self.search.text().strip()))
        if self.show_closed is not None and not self.show_closed.isChecked():
            parts.append(self.tr("utan avslutade"))
        return ", ".join(parts)

    def remember_layout(self, login: str, settings: QSettings) -> None:
        """Keep the column layout per view and *login*; a stored layout is shown at once."""
        self._layout_restored = self.columns.remember_as(login, settings)

    def reload(self) -> None:
        """Re-read the same page, keeping the selected rows (by record id) and the scroll."""
        self._fetch(self._position() if self.has_loaded else None)

    def _fetch(self, keep: Position | None = None) -> None:
        """Fetch the current page in the background; stale answers are dropped."""
        if self._before_data:  # read once the database is open (``data_ready``)
            self._wanted = True
            self.status.setText(self.tr("Läser in…"))
            return
        self._generation += 1
        generation = self._generation
        query = self.query()
        self.status.setText(self.tr("Läser in…"))
        self._tasks.run(
            lambda: self.spec.load(query),
            lambda page: self._show(generation, page, keep),
            lambda exc: self._failed(generation, exc),
            owner=self,
        )

    def _position(self) -> Position:
        """The selected records' ids, the current one's, and both scroll bars."""
        current = self.table.currentIndex()
        rows = [i.row() for i in self.table.selectionModel().selectedRows()]
        return Position(
            selected=frozenset(self._id_at(r) for r in rows) - {None},
            current=self._id_at(current.row()) if current.isValid() else None,
            column=max(current.column(), 0),
            scroll=(self.table.verticalScrollBar().value(),
                    self.table.horizontalScrollBar().value()),
        )  # fmt: skip

    def _id_at(self, row: int) -> Any:
        """The record id of *row* (None when the row has no id)."""
        return getattr(self.model.row_at(row), "id", None) if row < self.model.rowCount() else None

    def _restore(self, keep: Position) -> None:
        """Select the same records again and scroll back to where the user was."""
        flags = QItemSelectionModel.SelectionFlag
        selection = self.table.selectionModel()
        for row in range(self.model.rowCount()):
            ident = self._id_at(row)
            if ident is not None and ident == keep.current:
                index = self.model.index(row, keep.column)
                selection.setCurrentIndex(index, flags.NoUpdate)
            if ident is not None and ident in keep.selected:
                selection.select(self.model.index(row, 0), flags.Select | flags.Rows)
        self.table.doItemsLayout()  # the scroll ranges of the new rows, now
        self.table.verticalScrollBar().setValue(keep.scroll[0])
        self.table.horizontalScrollBar().setValue(keep.scroll[1])

    def _restart(self) -> None:
        """New search or filter: back to the first page."""
        self._offset = 0
        self._fetch()

    def _on_sort(self, key: str, descending: bool) -> None:
        """Header click: sort in SQL (a stored sort restored before the first read: just noted)."""
        self._sort, self._descending = key, descending
        if self._generation:
            self._restart()

    def _page(self, step: int) -> None:
        """Move one page back or forward."""
        self._offset = max(0, self._offset + step * PAGE_SIZE)
        self._fetch()

    def _show(self, generation: int, page: Page[Any], keep: Position | None = None) -> None:
        """Display a page unless a newer request is under way."""
        if generation != self._generation:
            return
        self.model.set_rows(page.rows)
        if keep is not None:
            self._restore(keep)
        self._total = page.total
        self._update_status(page)
        if page.estimated:
            self._refine_total(generation)
        if not self.has_loaded and not self._layout_restored:
            self.autofit.fit()
        self.has_loaded = True
        self.loaded.emit()

    def _refine_total(self, generation: int) -> None:
        """Count a large list exactly in the background; the estimate ("ca") shows meanwhile."""
        exact = self.query().model_copy(update={"exact_total": True})
        self._tasks.run(
            lambda: self.spec.load(exact),
            lambda page: self._exact_total(generation, page),
            lambda exc: self._failed(generation, exc),
            owner=self,
        )

    def _exact_total(self, generation: int, page: Page[Any]) -> None:
        """Show the exact total unless the user has moved on."""
        if generation == self._generation:
            self._total = page.total
            self._update_status(page)

    def _update_status(self, page: Page[Any]) -> None:
        """ "Visar 1–200 av 312" and the paging buttons' state."""
        shown = len(page.rows)
        if page.total == 0:
            self.status.setText(self.tr("Inga träffar"))
        else:
            first, last = page.offset + 1, page.offset + shown
            self.status.setText(
                self.tr("Visar %1–%2 av %3")
                .replace("%1", str(first))
                .replace("%2", str(last))
                .replace("%3", self._total_text(page))
            )
        self.prev_button.setEnabled(page.offset > 0)
        self.next_button.setEnabled(page.offset + shown < page.total)

    def _total_text(self, page: Page[Any]) -> str:
        """``100 000``, or ``ca 100 000`` while a large list is being counted."""
        number = f"{page.total:,}".replace(",", "\u00a0")
        return self.tr("ca %1").replace("%1", number) if page.estimated else number

    def _failed(self, generation: int, exc: BaseException) -> None:
        """Show the Swedish error in the status line; keep the old rows."""
        if generation == self._generation:
            self.status.setText(user_text(exc))
            self.failed.emit(user_text(exc))

    def _activate_current(self) -> None:
        """Enter on a row opens it."""
        index = self.table.currentIndex()
        if index.isValid():
            self._activate(index.row())

    def _activate(self, row: int) -> None:
        """Open the row's record if the area has an editor (once the database is open)."""
        if self._before_data:
            self.status.setText(self.tr("Databasen öppnas – posten kan öppnas om en stund."))
            return
        if self.spec.on_activate is not None and 0 <= row < self.model.rowCount():
            self.spec.on_activate(self.model.row_at(row))

    def copy_selection(self) -> None:
        """Copy the selected rows as tab-separated text (pastes into Excel)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if rows:
            QGuiApplication.clipboard().setText(self.model.as_tsv(rows))
