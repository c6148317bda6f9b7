"""Personer: everyone who can be named in the app, with their roles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from inkop_desktop.gui.admin import common
from inkop_desktop.gui.admin.common import AdminData, button_row, buttons_line, record_table
from inkop_desktop.gui.admin.person_form import PersonForm
from inkop_desktop.gui.errors import show_error
from inkop_desktop.gui.list_page import fit_columns
from inkop_desktop.gui.table_model import Column
from inkop_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from inkop_desktop.services.admin import PersonAdmin

COLUMNS = [
    Column("name", "Namn", sortable=False),
    Column("login", "Inloggning", sortable=False),
    Column("email", "E-post", sortable=False),
    Column("organisation", "Organisation", sortable=False),
    Column("active", "Aktiv", lambda v: "Ja" if v else "Nej", sortable=False),
    Column("roles", "Roller", sortable=False),
]


class PeopleTab(QWidget):
    """The people table; Enter or double-click opens the person, buttons add and deactivate."""

    changed = Signal()

    def __init__(self, service: PersonAdmin, tasks: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self._data = AdminData(may_edit=False)
        self.form: PersonForm | None = None
        self.model, self.table = record_table(self, "peopleTable", COLUMNS, self.edit)
        self.buttons = button_row(
            self,
            (self.tr("&Ny person…"), self.new),
            (self.tr("Ä&ndra…"), self.edit),
            (self.tr("&Avaktivera…"), self.deactivate),
        )
        row = buttons_line(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def show_data(self, data: AdminData) -> None:
        """Fill the table; only administrators get working buttons."""
        self._data = data
        self.model.set_rows(list(data.people))
        fit_columns(self.table, cap=360)
        for button in self.buttons:
            button.setEnabled(data.may_edit)

    def current(self) -> Any:
        """The person row selected, if any."""
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def new(self) -> None:
        """Open an empty form."""
        self._show(None)

    def edit(self) -> None:
        """Read the current person with their roles (background), then open the form."""
        row = self.current()
        if row is None or not self._data.may_edit:
            return
        self._tasks.run(
            lambda: self._service.get(row.id), self._show, lambda e: show_error(self, e), owner=self
        )

    def _show(self, opened: Any) -> None:
        """Show the form window-modal; re-read everything after a save."""
        self.form = PersonForm(self._service, self._tasks, self._data.organisations, opened, self)
        self.form.accepted.connect(self.changed.emit)
        self.form.open()

    def deactivate(self) -> None:
        """Mark the current person inactive after a confirmation."""
        row = self.current()
        if row is None or not row.active:
            return
        question = self.tr(
            "Avaktivera %1? Personen finns kvar i alla poster men kan inte längre väljas "
            "eller logga in."
        ).replace("%1", row.name)
        if not common.confirm(self, self.tr("Avaktivera person"), question):
            return
        self._tasks.run(
            lambda: self._service.deactivate(row.id, row.version),
            lambda _r: self.changed.emit(),
            lambda e: show_error(self, e),
            owner=self,
        )
