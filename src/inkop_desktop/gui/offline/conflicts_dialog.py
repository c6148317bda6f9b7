"""Konflikter att lösa: both versions field by field; the user keeps the server's or their own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.gui.errors import show_error
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.offline import Conflict
from inkop_desktop.services.offline.conflicts import MINE, THEIRS

HEADERS = ("Fält", "Före", "Ditt värde", "Serverns värde", "Behåll")


def _shown(value: Any) -> str:
    """A value as the table shows it."""
    return "–" if value is None or value == "" else str(value)


def _reason(conflict: Conflict) -> str:
    """Why the change was not applied, with the server's message if it gave one."""
    return conflict.text + (f" ({conflict.message})" if conflict.message else "")


class ConflictsDialog(QDialog):
    """Lists the open conflicts; for the chosen one every field with both versions and a choice."""

    def __init__(
        self,
        tasks: TaskRunner,
        load: Callable[[], list[Conflict]],
        resolve: Callable[[Conflict, dict[str, str]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Konflikter att lösa"))
        self.tasks, self._load, self._resolve = tasks, load, resolve
        self.conflicts: list[Conflict] = []
        self.list = QListWidget(self)
        self.list.setMaximumHeight(120)
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save = buttons.addButton(self.tr("Spara valen"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.save.setEnabled(False)
        buttons.rejected.connect(self.reject)
        self.save.clicked.connect(self.save_choices)
        self.list.currentRowChanged.connect(self._show)
        layout = QVBoxLayout(self)
        for widget in (self.list, self.reason, self.table, buttons):
            layout.addWidget(widget)
        self.resize(900, 520)

    def reload(self) -> None:
        """Read the open conflicts in the background."""
        self.tasks.run(self._load, self._loaded, lambda exc: show_error(self, exc), owner=self)

    def _loaded(self, conflicts: list[Conflict]) -> None:
        """Fill the list; the first conflict is shown."""
        self.conflicts = conflicts
        self.list.clear()
        self.list.addItems([f"{c.entity}: {c.text}" for c in conflicts])
        if conflicts:
            self.list.setCurrentRow(0)
        else:
            self._show(-1)

    def _show(self, row: int) -> None:
        """The chosen conflict's fields, the server's version chosen by default."""
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        self.save.setEnabled(conflict is not None)
        self.reason.setText(_reason(conflict) if conflict else self.tr("Inga konflikter att lösa."))
        fields = conflict.fields if conflict else ()
        self.table.setRowCount(len(fields))
        for i, field in enumerate(fields):
            values = (field.key, field.base, field.mine, field.theirs)
            both = conflict is not None and field.key in conflict.conflicting
            for column, value in enumerate(values):
                cell = QTableWidgetItem(_shown(value))
                font = cell.font()
                font.setBold(both)  # changed by both: the fields the user has to decide
                cell.setFont(font)
                self.table.setItem(i, column, cell)
            choice = QComboBox(self.table)
            choice.addItem(self.tr("Serverns"), THEIRS)
            choice.addItem(self.tr("Mitt"), MINE)
            self.table.setCellWidget(i, len(values), choice)
        self.table.resizeColumnsToContents()

    def choices(self) -> dict[str, str]:
        """The fields the user chose to keep their own value of."""
        out: dict[str, str] = {}
        for i in range(self.table.rowCount()):
            widget = self.table.cellWidget(i, len(HEADERS) - 1)
            name = self.table.item(i, 0)
            if isinstance(widget, QComboBox) and widget.currentData() == MINE and name:
                out[name.text()] = MINE
        return out

    def save_choices(self) -> None:
        """Resolve the shown conflict with the choices (background), then reload."""
        row = self.list.currentRow()
        if not 0 <= row < len(self.conflicts):
            return
        conflict, chosen = self.conflicts[row], self.choices()
        self.tasks.run(
            lambda: self._resolve(conflict, chosen),
            lambda _r: self.reload(),
            lambda exc: show_error(self, exc),
            owner=self,
        )
