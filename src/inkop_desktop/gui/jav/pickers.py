"""Small dialogs of the jäv area: pick from a searchable list, add a participant, pick a date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.jav.common import swedish_buttons, tr
from inkop_desktop.gui.tasks import TaskRunner

ROLES = (
    "Upphandlare",
    "Beställare",
    "Projektledare",
    "Sakkunnig i referensgruppen",
    "Extern sakkunnig",
    "Jurist",
    "IT-stöd",
    "Beslutsfattare",
)

Loader = Callable[[str], list[tuple[str, Any]]]


def py_date(day: QDate) -> date:
    """A QDate as a Python date."""
    return date(day.year(), day.month(), day.day())


class PickDialog(QDialog):
    """Search as you type (in the background) and choose one entry."""

    loaded = Signal()

    def __init__(
        self, title: str, load: Loader, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(560, 420)
        self._load = load
        self._tasks = tasks
        self._generation = 0
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Sök – skriv för att filtrera"))
        self.choices = QListWidget(self)
        self.status = QLabel("", self)
        self.buttons = swedish_buttons(
            QDialogButtonBox(
                QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
            )
        )
        layout = QVBoxLayout(self)
        for widget in (self.search, self.choices, self.status, self.buttons):
            layout.addWidget(widget)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.choices.itemDoubleClicked.connect(lambda _i: self.accept())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.refresh()

    def refresh(self) -> None:
        """Load the entries matching the search text."""
        self._generation += 1
        generation, text = self._generation, self.search.text().strip()
        self.status.setText(tr("Läser in…"))
        self._tasks.run(
            lambda: self._load(text),
            lambda rows: self._show(generation, rows),
            lambda exc: self.status.setText(user_text(exc)),
            owner=self,
        )

    def _show(self, generation: int, rows: list[tuple[str, Any]]) -> None:
        """Fill the list unless a newer search is under way."""
        if generation != self._generation:
            return
        self.choices.clear()
        for text, value in rows:
            item = QListWidgetItem(text, self.choices)
            item.setData(Qt.ItemDataRole.UserRole, value)
        if rows:
            self.choices.setCurrentRow(0)
        self.status.setText(tr("%1 träffar").replace("%1", str(len(rows))))
        self.loaded.emit()

    def value(self) -> Any | None:
        """The chosen entry's value."""
        item = self.choices.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, load: Loader, tasks: TaskRunner) -> Any | None:
        """Show the dialog; the chosen value or None."""
        dialog = cls(title, load, tasks, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ParticipantDialog(QDialog):
    """Choose a person, their role in the procurement and the date they joined."""

    def __init__(self, people: list[tuple[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Lägg till deltagare"))
        self.person = QComboBox(self)
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for text, value in people:
            self.person.addItem(text, value)
        self.role = QComboBox(self)
        self.role.setEditable(True)
        self.role.addItems(list(ROLES))
        self.added = QDateEdit(QDate.currentDate(), self)
        self.added.setCalendarPopup(True)
        self.added.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout()
        form.addRow(tr("Person (anställd eller extern)"), self.person)
        form.addRow(tr("Roll i upphandlingen"), self.role)
        form.addRow(tr("Deltar från"), self.added)
        buttons = swedish_buttons(
            QDialogButtonBox(
                QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
            )
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        """The input for ``JavService.add_participant``."""
        return {
            "person_id": self.person.currentData(),
            "role": self.role.currentText(),
            "added_on": py_date(self.added.date()),
        }

    @classmethod
    def ask(cls, parent: QWidget | None, people: list[tuple[str, Any]]) -> dict[str, Any] | None:
        """Show the dialog; the values or None."""
        dialog = cls(people, parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class RemovalDialog(QDialog):
    """When a participant left the procurement, and why (required when a declaration is due)."""

    def __init__(self, person: str, minimum: date, due: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Ta bort deltagare"))
        text = tr("Från vilket datum deltar %1 inte längre? Deklarationerna sparas.")
        label = QLabel(text.replace("%1", person), self)
        label.setWordWrap(True)
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMinimumDate(QDate(minimum.year, minimum.month, minimum.day))
        hint = QLabel(self)
        hint.setWordWrap(True)
        hint.setText(
            tr(
                "Personens jävsdeklaration eller bedömning saknas fortfarande. Ange varför "
                "personen tas bort: kravet finns kvar och spärrar beslutet tills det är uppfyllt."
            )
            if due
            else tr("Anledning (frivillig om personen inte har något kvar att göra):")
        )
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("removalReason")
        self.reason.setMaximumHeight(90)
        buttons = swedish_buttons(
            QDialogButtonBox(
                QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
            )
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (label, self.day, hint, self.reason, buttons):
            layout.addWidget(widget)

    @classmethod
    def ask(
        cls, parent: QWidget | None, person: str, minimum: date, due: bool
    ) -> tuple[date, str] | None:
        """Show the dialog; (date, reason) or None."""
        dialog = cls(person, minimum, due, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return py_date(dialog.day.date()), dialog.reason.toPlainText()
