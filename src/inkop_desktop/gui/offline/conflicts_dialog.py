"""Konflikter att lösa: both versions field by field; the user keeps the server's or their own.

Where the record as a whole is in question (deleted on the server, a duplicate, refused) the
dialog offers the whole-record choices of ``services.offline.choices`` as buttons; dropping
the user's version is confirmed first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.gui.errors import show_error
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.history_format import field_label, record_label
from inkop_desktop.services.offline import Conflict
from inkop_desktop.services.offline.conflicts import (
    ASIDE,
    DISCARD,
    DROP,
    MINE,
    NEW_KEY,
    RECREATE,
    THEIRS,
    USE_SERVER,
    WHOLE,
)

HEADERS = ("Fält", "Före", "Ditt värde", "Serverns värde", "Behåll")
LABELS = {
    RECREATE: "Återskapa mitt utkast",
    DROP: "Släpp mitt",
    USE_SERVER: "Använd serverns post",
    NEW_KEY: "Behåll mitt med ändrad nyckel…",
    DISCARD: "Kasta mitt",
    ASIDE: "Lägg åt sidan",
}
"""The button text of each whole-record choice."""
CONFIRM = {
    DROP: "Din version skickas inte och tas bort ur listan. Vill du släppa den?",
    DISCARD: "Ändringen som servern inte godtog kastas och skickas aldrig. Vill du kasta den?",
}
"""The question asked before a choice that drops the user's version."""


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
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(self.tr("Stäng"))
        self.save = buttons.addButton(self.tr("Spara valen"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.save.setEnabled(False)
        buttons.rejected.connect(self.reject)
        self.save.clicked.connect(self.save_choices)
        self.list.currentRowChanged.connect(self._show)
        self.whole: dict[str, QPushButton] = {}
        self.whole_row = QHBoxLayout()
        for choice, label in LABELS.items():
            button = QPushButton(self.tr(label), self)
            button.clicked.connect(lambda _c=False, chosen=choice: self.choose(chosen))
            self.whole[choice] = button
            self.whole_row.addWidget(button)
        self.whole_row.addStretch(1)
        layout = QVBoxLayout(self)
        for widget in (self.list, self.reason, self.table):
            layout.addWidget(widget)
        layout.addLayout(self.whole_row)
        layout.addWidget(buttons)
        self.resize(900, 520)

    def reload(self) -> None:
        """Read the open conflicts in the background."""
        self.tasks.run(self._load, self._loaded, lambda exc: show_error(self, exc), owner=self)

    def _loaded(self, conflicts: list[Conflict]) -> None:
        """Fill the list; the first conflict is shown."""
        self.conflicts = conflicts
        self.list.clear()
        self.list.addItems([f"{record_label(c.entity)}: {c.text}" for c in conflicts])
        if conflicts:
            self.list.setCurrentRow(0)
        else:
            self._show(-1)

    def _show(self, row: int) -> None:
        """The chosen conflict's fields, the server's version chosen by default."""
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        offered = conflict.offered if conflict else ()
        self.save.setEnabled(conflict is not None and not offered)
        for name, button in self.whole.items():
            button.setVisible(name in offered)
        self.table.setColumnHidden(len(HEADERS) - 1, bool(offered))  # no per-field choice
        self.reason.setText(_reason(conflict) if conflict else self.tr("Inga konflikter att lösa."))
        fields = conflict.fields if conflict else ()
        self.table.setRowCount(len(fields))
        for i, field in enumerate(fields):
            shown = field_label(conflict.entity, field.table, field.field) if conflict else ""
            values = (shown, field.base, field.mine, field.theirs)
            both = conflict is not None and field.key in conflict.conflicting
            for column, value in enumerate(values):
                cell = QTableWidgetItem(_shown(value))
                cell.setData(Qt.ItemDataRole.UserRole, field.key)  # the name a choice is given by
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
                out[str(name.data(Qt.ItemDataRole.UserRole))] = MINE
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

    def current(self) -> Conflict | None:
        """The conflict shown."""
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def confirm(self, question: str) -> bool:
        """Ask before dropping the user's version (Nej is the default)."""
        answer = QMessageBox.question(
            self, self.tr("Släpp din version?"), question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def ask_key(self, field: str, value: str) -> str | None:
        """The new value of the clashing key field (None: cancelled)."""
        text, ok = QInputDialog.getText(
            self, self.tr("Ändra nyckel"),
            self.tr("Servern har redan en post med {0} {1}. Nytt värde:").format(field, value),
            text=value,
        )  # fmt: skip
        return text if ok else None

    def choose(self, choice: str) -> None:
        """Resolve the shown conflict by a whole-record choice (asked first where needed)."""
        conflict = self.current()
        if conflict is None or choice not in conflict.offered:
            return
        if choice in CONFIRM and not self.confirm(self.tr(CONFIRM[choice])):
            return
        chosen = {WHOLE: choice}
        if choice == NEW_KEY:
            field, value = conflict.key[0]
            answer = self.ask_key(field, str(value))
            if answer is None:
                return
            chosen[field] = answer
        self.tasks.run(
            lambda: self._resolve(conflict, chosen),
            lambda _r: self.reload(),
            lambda exc: show_error(self, exc),
            owner=self,
        )
