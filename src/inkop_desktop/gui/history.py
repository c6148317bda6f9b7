"""Historik: a read-only list of a record's changes (who, when, old → new) from the audit trail."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from inkop_desktop.services.history import HistoryEntry

Loader = Callable[[], "Sequence[HistoryEntry]"]
HEADERS = ("Tidpunkt", "Vem", "Händelse", "Vad ändrades")


class HistoryDialog(QDialog):
    """The history of one record, loaded in the background; nothing here can be changed."""

    def __init__(self, load: Loader, tasks: TaskRunner, title: str, parent: QWidget | None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Historik – %1").replace("%1", title))
        self.resize(760, 420)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel(self.tr("Hämtar historiken…"), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.table, self.status, buttons):
            layout.addWidget(widget)
        tasks.run(load, self._loaded, self._failed)

    def _loaded(self, entries: Sequence[HistoryEntry]) -> None:
        """One row per change, oldest first, times in local time; one line per changed field."""
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            what = "\n".join(e.lines())
            cells = (e.at.astimezone().strftime("%Y-%m-%d %H:%M"), e.who, e.action, what)
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()
        self.status.setText(self.tr("%1 ändringar").replace("%1", str(len(entries))))

    def _failed(self, exc: BaseException) -> None:
        """Say why in Swedish."""
        self.status.setText(user_text(exc))


def history_button(buttons: QDialogButtonBox, open_history: Callable[[], Any]) -> QPushButton:
    """A small "Historik…" button in an editor's button box (disabled until a record is shown)."""
    button = buttons.addButton(buttons.tr("Historik…"), QDialogButtonBox.ButtonRole.ActionRole)
    button.setObjectName("historyButton")
    button.setEnabled(False)
    button.clicked.connect(open_history)
    return button
