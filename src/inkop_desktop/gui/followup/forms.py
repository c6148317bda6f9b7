"""Small forms of the follow-up: create and close an action, add a contact log entry."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.followup.model import ContactChannel, Sanction
from inkop_desktop.gui.followup.common import date_edit, date_of, tr
from inkop_desktop.gui.form_helpers import current_enum, fill_enum, fill_items, select_data
from inkop_desktop.gui.form_submit import submit
from inkop_desktop.gui.tasks import TaskRunner

Store = Callable[[dict[str, Any]], Any]
ACTION_DAYS = 30
"""An action is due a month after the follow-up unless the user says otherwise."""


class FormDialog(QDialog):
    """Fields in a form, a Swedish error line, Spara/Avbryt; stored in the background."""

    def __init__(
        self, title: str, tasks: TaskRunner, store: Store, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._tasks, self._store = tasks, store
        self.stored: Any = None
        self.form = QFormLayout()
        self.error = QLabel("", self)
        self.error.setObjectName("errorLabel")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b91c1c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Spara"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Avbryt"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def values(self) -> dict[str, Any]:
        """The fields as the service's input."""
        raise NotImplementedError

    def save(self) -> None:
        """Store off the GUI thread; close when stored, explain otherwise."""
        submit(
            self._tasks, self.error, self.buttons, self.values, self._store, self._stored,
            self.store_failed,
        )  # fmt: skip

    def store_failed(self, exc: BaseException) -> None:
        """After the error is shown: nothing more (an editor offers its conflict dialog)."""

    def _stored(self, value: Any) -> None:
        """Stored: keep the result and close."""
        self.stored = value
        self.accept()


def text_box(parent: QWidget, name: str, height: int = 80) -> QPlainTextEdit:
    """A multi-line text field that Tab leaves (keyboard navigation)."""
    box = QPlainTextEdit(parent)
    box.setObjectName(name)
    box.setTabChangesFocus(True)
    box.setMaximumHeight(height)
    return box


class ActionDialog(FormDialog):
    """Skapa åtgärd: what is to be done, by whom, by when, and the sanction if any."""

    def __init__(
        self,
        tasks: TaskRunner,
        store: Store,
        deviation: str,
        people: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
        owner: uuid.UUID | None = None,
    ) -> None:
        super().__init__(tr("Skapa åtgärd"), tasks, store, parent)
        about = QLabel(tr("Avvikelse: %1").replace("%1", deviation), self)
        about.setWordWrap(True)
        self.description = text_box(self, "descriptionEdit")
        self.owner = QComboBox(self)
        self.owner.setObjectName("ownerCombo")
        fill_items(self.owner, people, empty=tr("(välj ansvarig)"))
        select_data(self.owner, None if owner is None else str(owner))
        self.due = date_edit(self, date.today() + timedelta(days=ACTION_DAYS))
        self.due.setObjectName("dueEdit")
        self.sanction = QComboBox(self)
        self.sanction.setObjectName("sanctionCombo")
        fill_enum(self.sanction, Sanction)
        self.form.addRow(about)
        self.form.addRow(tr("&Åtgärd:"), self.description)
        self.form.addRow(tr("A&nsvarig:"), self.owner)
        self.form.addRow(tr("&Klar senast:"), self.due)
        self.form.addRow(tr("&Sanktion:"), self.sanction)
        self.resize(520, 320)

    def values(self) -> dict[str, Any]:
        """Description, owner id, due date and sanction."""
        return {
            "description": self.description.toPlainText().strip(),
            "owner_id": uuid.UUID(owner) if (owner := self.owner.currentData()) else None,
            "due_on": date_of(self.due),
            "sanction": current_enum(self.sanction, Sanction) or Sanction.INGEN,
        }


class ChangeActionDialog(ActionDialog):
    """Ändra åtgärd: the open action's description, owner, due date and sanction."""

    def __init__(
        self,
        tasks: TaskRunner,
        store: Store,
        action: Any,
        people: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tasks, store, action.item_text, people, parent, owner=action.owner_id)
        self.setWindowTitle(tr("Ändra åtgärd"))
        self.description.setPlainText(action.description)
        day = action.due_on
        self.due.setDate(QDate(day.year, day.month, day.day))
        select_data(self.sanction, action.sanction)


class CloseActionDialog(FormDialog):
    """Stäng åtgärd: how the deviation was remedied (the note is kept with the action)."""

    def __init__(
        self, tasks: TaskRunner, store: Store, action: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(tr("Stäng åtgärd"), tasks, store, parent)
        about = QLabel(tr("Åtgärd: %1").replace("%1", action), self)
        about.setWordWrap(True)
        self.note = text_box(self, "noteEdit")
        self.form.addRow(about)
        self.form.addRow(tr("&Anteckning:"), self.note)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Stäng åtgärd"))
        self.resize(480, 220)

    def values(self) -> dict[str, Any]:
        """The closing note."""
        return {"note": self.note.toPlainText().strip()}


class ContactDialog(FormDialog):
    """Ny kontakt: a dated entry in the contract's supplier contact log."""

    def __init__(self, tasks: TaskRunner, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(tr("Ny kontakt med leverantören"), tasks, store, parent)
        self.day = date_edit(self)
        self.day.setObjectName("contactDateEdit")
        self.kind = QComboBox(self)
        self.kind.setObjectName("contactKindCombo")
        fill_enum(self.kind, ContactChannel)
        self.person = QLineEdit(self)
        self.person.setObjectName("contactPersonEdit")
        self.person.setPlaceholderText(tr("Vem hos leverantören"))
        self.note = text_box(self, "contactNoteEdit", 120)
        self.form.addRow(tr("&Datum:"), self.day)
        self.form.addRow(tr("&Typ:"), self.kind)
        self.form.addRow(tr("&Kontaktperson:"), self.person)
        self.form.addRow(tr("&Vad gällde det:"), self.note)
        self.resize(480, 300)

    def values(self) -> dict[str, Any]:
        """Day, channel, the supplier's contact person and what was said."""
        return {
            "contacted_on": date_of(self.day),
            "channel": current_enum(self.kind, ContactChannel),
            "supplier_person": self.person.text().strip(),
            "note": self.note.toPlainText().strip(),
        }
