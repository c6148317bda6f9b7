"""Delegationsordning: every unit's dated rules, and the "Vem får besluta?" panel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from inkop_desktop.domain.direct_award.delegation import DecisionKind
from inkop_desktop.gui.admin import common
from inkop_desktop.gui.admin.common import AdminData, button_row, buttons_line, record_table
from inkop_desktop.gui.admin.decide_panel import DecidePanel
from inkop_desktop.gui.admin.delegation_form import DelegationForm
from inkop_desktop.gui.errors import show_error
from inkop_desktop.gui.list_page import fit_columns
from inkop_desktop.gui.table_model import Column, money_column
from inkop_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from inkop_desktop.services.admin import DecisionRights, DelegationAdmin

COLUMNS = [
    Column("organisation", "Organisation", sortable=False),
    Column("region", "Region", lambda v: v or "gemensam", sortable=False),
    Column("holder", "Roll eller person", sortable=False),
    Column("decision_kind", "Beslutstyp", lambda v: DecisionKind(v).label, sortable=False),
    money_column("max_amount_ore", "Högsta belopp"),
    Column("valid_from", "Från", sortable=False),
    Column("valid_to", "Till och med", sortable=False),
    Column("reference", "Punkt i delegationsordningen", sortable=False),
]


class DelegationTab(QWidget):
    """The rules table with its buttons beside the question panel."""

    changed = Signal()

    def __init__(
        self,
        service: DelegationAdmin,
        rights: DecisionRights,
        tasks: TaskRunner,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self._data = AdminData(may_edit=False)
        self.form: DelegationForm | None = None
        self.model, self.table = record_table(self, "delegationTable", COLUMNS, self.edit)
        self.buttons = button_row(
            self,
            (self.tr("&Ny regel…"), self.new),
            (self.tr("Ä&ndra…"), self.edit),
            (self.tr("&Ta bort…"), self.remove),
        )
        self.panel = DecidePanel(rights, tasks, self)
        left = QWidget(self)
        row = buttons_line(self.buttons)
        inner = QVBoxLayout(left)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.table, 1)
        inner.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def show_data(self, data: AdminData) -> None:
        """Fill the table and the panel's organisations."""
        self._data = data
        self.model.set_rows(list(data.rules))
        fit_columns(self.table, cap=320)
        self.panel.set_organisations(data.organisations)
        for button in self.buttons:
            button.setEnabled(data.may_edit)

    def current(self) -> Any:
        """The rule selected, if any."""
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def new(self) -> None:
        """Open an empty form."""
        self._show(None)

    def edit(self) -> None:
        """Open the current rule."""
        row = self.current()
        if row is not None and self._data.may_edit:
            self._show(row)

    def _show(self, opened: Any) -> None:
        """Show the form window-modal; re-read everything after a save."""
        self.form = DelegationForm(
            self._service, self._tasks, self._data.organisations, self._data.people, opened, self
        )
        self.form.accepted.connect(self.changed.emit)
        self.form.open()

    def remove(self) -> None:
        """Remove the current rule after a confirmation (a used rule is refused)."""
        row = self.current()
        if row is None:
            return
        question = self.tr("Ta bort regeln ”%1”?").replace("%1", row.reference)
        if not common.confirm(self, self.tr("Ta bort delegationsregel"), question):
            return
        self._tasks.run(
            lambda: self._service.remove(row.id, row.version),
            lambda _r: self.changed.emit(),
            lambda e: show_error(self, e),
            owner=self,
        )
