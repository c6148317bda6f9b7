"""Columns the user reorders, hides and widens, remembered per view and login (QSettings)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QPoint, QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from inkop_desktop.gui.table_model import RowTableModel
from inkop_desktop.settings import config_dir

CAP = 280
"""Widest first width of a column sized from its contents (long text is elided)."""


def tr(text: str) -> str:
    """Translate a column-menu string (context "Listor")."""
    return QCoreApplication.translate("Listor", text)


def layout_settings(path: Path | None = None) -> QSettings:
    """The user's column layouts: an ini file beside settings.json (or at *path*)."""
    file = path if path is not None else config_dir() / "kolumner.ini"
    return QSettings(str(file), QSettings.Format.IniFormat)


def fit_columns(table: QTableView, cap: int = CAP) -> None:
    """Size columns to their contents, no wider than *cap* pixels or the column's own cap."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    model = table.model()
    columns = model.columns if isinstance(model, RowTableModel) else []
    for i in range(model.columnCount() if model else 0):
        own = columns[i].cap if i < len(columns) else None
        header.resizeSection(i, min(header.sectionSize(i) + 12, own or cap))


class ColumnLayout:
    """The header's context menu (show/hide, reset) and the layout saved on every change."""

    def __init__(self, table: QTableView, view: str) -> None:
        self.table = table
        self.view = view
        self._settings: QSettings | None = None
        self._key = ""
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._menu)
        header.sectionMoved.connect(lambda *_a: self.save())
        header.sectionResized.connect(lambda *_a: self.save())

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
        """Back to the program's order and widths with every column shown."""
        header = self.header
        for logical in range(header.count()):
            header.setSectionHidden(logical, False)
            header.moveSection(header.visualIndex(logical), logical)
        fit_columns(self.table)
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
