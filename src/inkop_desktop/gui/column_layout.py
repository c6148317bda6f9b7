"""Columns the user reorders, hides and widens, remembered per view and login (QSettings)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QObject,
    QPoint,
    QSettings,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import QHeaderView, QMenu, QStyle, QTableView

from inkop_desktop.folders import config_dir
from inkop_desktop.gui.table_model import RowTableModel

CAP = 280
"""Widest first width of a column sized from its contents (long text is elided)."""
SAMPLE_ROWS = 40
"""Rows whose texts size a column (those on screen first, then the next): a long page costs
no more than a short one."""
SHRINK_FLOOR = 96
"""Narrowest width a long-text column is shrunk to so that the list fits its window."""


def tr(text: str) -> str:
    """Translate a column-menu string (context "Listor")."""
    return QCoreApplication.translate("Listor", text)


def layout_settings(path: Path | None = None) -> QSettings:
    """The user's column layouts: an ini file beside settings.json (or at *path*)."""
    file = path if path is not None else config_dir() / "kolumner.ini"
    return QSettings(str(file), QSettings.Format.IniFormat)


def header_floor(header: QHeaderView, logical: int) -> int:
    """The width the heading of *logical* needs: its text, the margins and the sort arrow."""
    model = header.model()
    text = str(model.headerData(logical, Qt.Orientation.Horizontal) or "") if model else ""
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    mark = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    return header.fontMetrics().horizontalAdvance(text) + 4 * margin + mark


def _caps(table: QTableView) -> list[int | None]:
    """Each column's own cap (None: no cap, a short value)."""
    model = table.model()
    return [c.cap for c in model.columns] if isinstance(model, RowTableModel) else []


def fit_columns(table: QTableView, cap: int = CAP) -> None:
    """Size columns to their contents, no wider than *cap* pixels or the column's own cap,
    never narrower than the heading; the widths come from the heading and a sample of rows."""
    for ruler in (table.horizontalHeader(), table.verticalHeader()):  # Qt versions differ
        ruler.setResizeContentsPrecision(SAMPLE_ROWS)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    model = table.model()
    caps = _caps(table)
    for i in range(model.columnCount() if model else 0):
        own = caps[i] if i < len(caps) else None
        width = min(header.sectionSize(i) + 12, own or cap)
        header.resizeSection(i, max(width, header_floor(header, i)))


def fit_width(table: QTableView, floor: int = SHRINK_FLOOR) -> None:
    """Narrow the long-text columns (those with a cap) until the shown ones fit the table."""
    header = table.horizontalHeader()
    extent = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, table)
    room = table.width() - 2 * table.frameWidth() - extent - 2
    shown = [i for i in range(header.count()) if not header.isSectionHidden(i)]
    excess = sum(header.sectionSize(i) for i in shown) - room
    caps = _caps(table)
    slack = {
        i: header.sectionSize(i) - max(floor, header_floor(header, i))
        for i in shown
        if i < len(caps) and caps[i] is not None
    }
    slack = {i: s for i, s in slack.items() if s > 0}
    total = sum(slack.values())
    if excess <= 0 or total <= 0:
        return
    share = min(1.0, excess / total)
    for i, s in slack.items():
        header.resizeSection(i, header.sectionSize(i) - round(s * share + 0.49))


class AutoFit(QObject):
    """Widths from the contents that follow the table's width until the user sets one."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.active = False
        self._fitting = False
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.fit)
        table.horizontalHeader().sectionResized.connect(self._resized)
        table.installEventFilter(self)

    def fit(self) -> None:
        """Size every column from its contents, then narrow long texts to the table's width."""
        self._fitting = True
        try:
            fit_columns(self.table)
            fit_width(self.table)
        finally:
            self._fitting = False
        self.active = True

    def _resized(self, logical: int, _old: int, _new: int) -> None:
        """A width the user set (not the stretched last column) is kept from now on."""
        header = self.table.horizontalHeader()
        last = max((i for i in range(header.count()) if not header.isSectionHidden(i)),
                   key=header.visualIndex, default=-1)  # fmt: skip
        if not self._fitting and logical != last:
            self.active = False
            self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A new table width: fit again shortly (once the resizing has settled)."""
        if event.type() == QEvent.Type.Resize and self.active:
            self._timer.start()
        return False


class ColumnLayout:
    """The header's context menu (show/hide, reset) and the layout saved on every change."""

    def __init__(self, table: QTableView, view: str, hidden: Iterable[int] = ()) -> None:
        self.table = table
        self.view = view
        self.hidden = frozenset(hidden)
        """The columns hidden until the user chooses them (and again after a reset)."""
        self._settings: QSettings | None = None
        self._key = ""
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._menu)
        header.sectionMoved.connect(lambda *_a: self.save())
        header.sectionResized.connect(lambda *_a: self.save())
        for logical in self.hidden:
            header.setSectionHidden(logical, True)

    @property
    def header(self) -> QHeaderView:
        """The table's column header."""
        return self.table.horizontalHeader()

    def remember_as(self, login: str, settings: QSettings) -> bool:
        """Keep this view's layout for *login* in *settings*; True if a stored one was restored."""
        self._settings = settings
        self._key = f"kolumner/{self.view}/{login or 'okand'}"
        stored = settings.value(self._key)
        if isinstance(stored, QByteArray) and not stored.isEmpty():
            return bool(self.header.restoreState(stored))
        return False

    @property
    def restored(self) -> bool:
        """True when a stored layout exists for this view and login."""
        return self._settings is not None and self._settings.contains(self._key)

    def save(self) -> None:
        """Store the current order, widths and hidden columns."""
        if self._settings is not None:
            self._settings.setValue(self._key, self.header.saveState())
            self._settings.sync()

    def set_hidden(self, logical: int, hidden: bool) -> None:
        """Hide or show a column (never the last visible one)."""
        header = self.header
        visible = header.count() - header.hiddenSectionCount()
        if hidden and visible <= 1:
            return
        header.setSectionHidden(logical, hidden)
        self.save()

    def reset(self) -> None:
        """Back to the program's order, widths and shown columns."""
        header = self.header
        for logical in range(header.count()):
            header.setSectionHidden(logical, logical in self.hidden)
            header.moveSection(header.visualIndex(logical), logical)
        fit_columns(self.table)
        fit_width(self.table)
        self.save()

    def menu(self) -> QMenu:
        """One tick per column (in screen order) and "Återställ kolumner"."""
        header = self.header
        model = self.table.model()
        menu = QMenu(self.table)
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            title = str(model.headerData(logical, Qt.Orientation.Horizontal) or "")
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(logical))
            action.toggled.connect(lambda on, i=logical: self.set_hidden(i, not on))
        menu.addSeparator()
        menu.addAction(tr("Återställ kolumner"), self.reset)
        return menu

    def _menu(self, pos: QPoint) -> None:
        """Show the column menu where the header was right-clicked."""
        self.menu().popup(self.header.mapToGlobal(pos))


def remember_layouts(
    pages: Iterable[object], login: str, settings: QSettings | None = None
) -> None:
    """Every list page keeps its column layout for *login* (one settings file for all)."""
    store = settings if settings is not None else layout_settings()
    for page in pages:
        remember = getattr(page, "remember_layout", None)
        if callable(remember):
            remember(login, store)
