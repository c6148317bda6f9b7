"""One person: name, login, e-post, organisation, active, and the roles with their dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QWidget,
)

from inkop_desktop.domain.organisation import Role
from inkop_desktop.gui.admin.common import EditDialog, tree_choices
from inkop_desktop.gui.form_helpers import (
    OptionalDate,
    current_enum,
    fill_enum,
    fill_items,
    select_data,
)
from inkop_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from inkop_desktop.services.admin import OrganisationNode, PersonAdmin, PersonDetail

ROLE_HEADERS = ("Roll", "Organisation", "Från", "Till och med")
EVERYWHERE = "(alla organisationer)"


class DateCell(QWidget):
    """A role's date in its table cell: a tick box for "a date is given" and a date picker."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        given = QCheckBox(self)
        edit = QDateEdit(self)
        edit.setAccessibleName(name)
        layout.addWidget(given)
        layout.addWidget(edit, 1)
        self.date = OptionalDate(given, edit)

    def value(self) -> date | None:
        """The chosen day, or None (from/until further notice)."""
        return self.date.value()

    def set_value(self, value: date | None) -> None:
        """Show *value* (None: no date)."""
        self.date.set_value(value)


class PersonForm(EditDialog):
    """New or changed person; roles are rows of role, organisation and dates."""

    def __init__(
        self,
        service: PersonAdmin,
        tasks: TaskRunner,
        organisations: Sequence[OrganisationNode],
        opened: PersonDetail | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Ändra person") if opened else self.tr("Ny person"), tasks, parent)
        self._service = service
        self._opened = opened
        self._choices = tree_choices(organisations)
        self.name = QLineEdit(self)
        self.login = QLineEdit(self)
        self.email = QLineEdit(self)
        self.title_edit = QLineEdit(self)
        self.organisation = QComboBox(self)
        fill_items(self.organisation, self._choices, empty=self.tr("(ingen)"))
        self.active = QCheckBox(self.tr("Aktiv (kan väljas och logga in)"), self)
        self.active.setChecked(True)
        self.roles = QTableWidget(0, len(ROLE_HEADERS), self)
        self.roles.setObjectName("rolesTable")
        self.roles.setHorizontalHeaderLabels([self.tr(h) for h in ROLE_HEADERS])
        self.roles.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.roles.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.roles.verticalHeader().setVisible(False)
        for label, widget in (
            ("&Namn", self.name), ("&Inloggning", self.login), ("&E-post", self.email),
            ("&Titel", self.title_edit), ("&Organisation", self.organisation),
            ("", self.active), ("&Roller", self.roles),
        ):  # fmt: skip
            self.form.addRow(self.tr(label), widget)
        add = QPushButton(self.tr("&Lägg till roll"), self)
        add.clicked.connect(lambda: self.add_role(Role.MEDARBETARE))
        drop = QPushButton(self.tr("Ta &bort roll"), self)
        drop.clicked.connect(self.remove_role)
        self.extra.addWidget(add)
        self.extra.addWidget(drop)
        self.extra.addStretch(1)
        if opened is not None:
            self._fill(opened)
        self.resize(760, 560)

    def _fill(self, opened: PersonDetail) -> None:
        """Show the opened person."""
        self.name.setText(opened.name)
        self.login.setText(opened.login)
        self.email.setText(opened.email)
        self.title_edit.setText(opened.title)
        select_data(self.organisation, opened.organisation_id)
        self.active.setChecked(opened.active)
        for g in opened.roles:
            self.add_role(g.role, g.organisation_id, g.valid_from, g.valid_to)

    def add_role(
        self, role: Role, organisation: Any = None, start: Any = None, end: Any = None
    ) -> int:
        """Append a role row; returns its index."""
        row = self.roles.rowCount()
        self.roles.insertRow(row)
        role_box = QComboBox(self.roles)
        fill_enum(role_box, Role)
        select_data(role_box, role)
        org_box = QComboBox(self.roles)
        fill_items(org_box, self._choices, empty=self.tr(EVERYWHERE))
        select_data(org_box, organisation)
        self.roles.setCellWidget(row, 0, role_box)
        self.roles.setCellWidget(row, 1, org_box)
        for column, day in ((2, start), (3, end)):
            cell = DateCell(ROLE_HEADERS[column], self.roles)
            cell.set_value(day)
            self.roles.setCellWidget(row, column, cell)
        self.roles.resizeColumnsToContents()
        return row

    def remove_role(self) -> None:
        """Drop the current role row."""
        row = self.roles.currentRow()
        if row >= 0:
            self.roles.removeRow(row)

    def role_cell(self, row: int, column: int) -> Any:
        """The editor widget in a role cell."""
        return self.roles.cellWidget(row, column)

    def field_widgets(self) -> dict[str, QWidget]:
        """Each PersonEdit field's widget."""
        return {
            "name": self.name, "login": self.login, "email": self.email,
            "title": self.title_edit, "organisation_id": self.organisation, "roles": self.roles,
        }  # fmt: skip

    def values(self) -> dict[str, Any]:
        """The form as a PersonEdit dict."""
        grants = []
        for row in range(self.roles.rowCount()):
            grants.append({
                "role": current_enum(self.role_cell(row, 0), Role),
                "organisation_id": self.role_cell(row, 1).currentData(),
                "valid_from": self.role_cell(row, 2).value(),
                "valid_to": self.role_cell(row, 3).value(),
            })  # fmt: skip
        return {
            "name": self.name.text().strip(),
            "login": self.login.text().strip(),
            "email": self.email.text().strip(),
            "title": self.title_edit.text().strip(),
            "organisation_id": self.organisation.currentData(),
            "active": self.active.isChecked(),
            "roles": tuple(grants),
        }

    def store(self, data: dict[str, Any]) -> Any:
        """Create, or update the version that was opened."""
        if self._opened is None:
            return self._service.create(data)
        return self._service.update(self._opened.id, self._opened.version, data)
