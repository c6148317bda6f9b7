"""What the administration tabs share: the data they show, confirmations, pick lists."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.gui.field_errors import FieldErrors
from inkop_desktop.gui.form_submit import submit
from inkop_desktop.gui.list_page import style_table
from inkop_desktop.gui.table_model import Column, RowTableModel
from inkop_desktop.gui.tasks import TaskRunner


@dataclass(frozen=True)
class AdminData:
    """Everything the administration shows, read in one background call."""

    may_edit: bool
    organisations: Sequence[Any] = ()
    people: Sequence[Any] = ()
    rules: Sequence[Any] = ()
    names: dict[uuid.UUID, str] = field(default_factory=dict)


def error_label(parent: QWidget) -> QLabel:
    """The red, wrapping line where a tab or form explains a refusal in Swedish."""
    label = QLabel("", parent)
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b91c1c;")
    return label


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask before something is removed or deactivated (No is the default)."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def tree_choices(organisations: Sequence[Any]) -> list[tuple[str, uuid.UUID]]:
    """(indented name, id) in tree order, for an organisation drop-down."""
    children: dict[uuid.UUID | None, list[Any]] = {}
    known = {o.id for o in organisations}
    for o in organisations:
        parent = o.parent_id if o.parent_id in known else None
        children.setdefault(parent, []).append(o)
    out: list[tuple[str, uuid.UUID]] = []

    def walk(parent: uuid.UUID | None, depth: int) -> None:
        for o in children.get(parent, []):
            out.append(("\u2003" * depth + o.name, o.id))
            walk(o.id, depth + 1)

    walk(None, 0)
    return out


def buttons_line(buttons: Sequence[QPushButton]) -> QHBoxLayout:
    """The buttons side by side, left-aligned, as the line under a list."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def record_table(
    parent: QWidget, name: str, columns: Sequence[Column], on_open: Callable[[], None]
) -> tuple[RowTableModel, QTableView]:
    """A styled table of records; Enter or double-click opens the current one."""
    model = RowTableModel(list(columns), parent)
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    style_table(table)
    table.activated.connect(lambda _i: on_open())
    return model, table


def button_row(parent: QWidget, *items: tuple[str, Callable[[], None]]) -> list[QPushButton]:
    """A row of buttons under a list; returns them in order."""
    buttons = []
    for text, slot in items:
        button = QPushButton(text, parent)
        button.clicked.connect(slot)
        buttons.append(button)
    return buttons


class EditDialog(QDialog):
    """A form dialog: fields in a QFormLayout, a Swedish error line, Spara/Avbryt."""

    def __init__(self, title: str, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._tasks = tasks
        self.saved: Any = None
        self._fields: FieldErrors | None = None
        self.form = QFormLayout()
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Spara"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Avbryt"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)
        self.extra = QHBoxLayout()
        self.body.addLayout(self.extra)
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)

    def values(self) -> dict[str, Any]:
        """The fields as the service's input dict (typing errors raise a ValidationError)."""
        raise NotImplementedError

    def field_widgets(self) -> dict[str, QWidget]:
        """The widget of each input field, where its problems are marked."""
        return {}

    def store(self, data: dict[str, Any]) -> Any:
        """Create or update in the service (runs off the GUI thread)."""
        raise NotImplementedError

    def save(self) -> None:
        """Store in the background; close when stored, explain otherwise."""
        if self._fields is None:  # the fields exist once the subclass has built them
            self._fields = FieldErrors(self.field_widgets(), self.error)
        submit(self._tasks, self._fields, self.buttons, self.values, self.store, self._saved)

    def _saved(self, value: Any) -> None:
        """Stored: close."""
        self.saved = value
        self.accept()
