"""Organisationer: the tree of regions, nämnder, förvaltningar and bolag."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QVBoxLayout, QWidget

from inkop_desktop.domain.organisation import Region
from inkop_desktop.gui.admin import common
from inkop_desktop.gui.admin.common import AdminData, button_row, buttons_line
from inkop_desktop.gui.admin.organisation_form import OrganisationForm
from inkop_desktop.gui.errors import show_error
from inkop_desktop.gui.form_helpers import select_data
from inkop_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from inkop_desktop.services.admin import OrganisationAdmin, OrganisationNode

HEADERS = ("Namn", "Typ", "Region", "Organisationsnummer", "Kortnamn")
ID_ROLE = Qt.ItemDataRole.UserRole + 1
REGION_CODES = frozenset(r.value for r in Region)


class OrganisationsTab(QWidget):
    """The tree; Enter or double-click edits, buttons add and remove."""

    changed = Signal()

    def __init__(self, service: OrganisationAdmin, tasks: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self._nodes: dict[uuid.UUID, OrganisationNode] = {}
        self.form: OrganisationForm | None = None
        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.tree = QTreeView(self)
        self.tree.setObjectName("organisationTree")
        self.tree.setModel(self.model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.activated.connect(lambda _i: self.edit())
        self.buttons = button_row(
            self,
            (self.tr("&Ny organisation…"), self.new),
            (self.tr("Ä&ndra…"), self.edit),
            (self.tr("&Ta bort…"), self.remove),
        )
        row = buttons_line(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self._data = AdminData(may_edit=False)

    def show_data(self, data: AdminData) -> None:
        """Fill the tree (expanded) and enable the buttons for administrators."""
        self._data = data
        self._nodes = {o.id: o for o in data.organisations}
        self.model.removeRows(0, self.model.rowCount())
        items: dict[uuid.UUID, QStandardItem] = {}
        pending = list(data.organisations)
        while pending:
            later = []
            for o in pending:
                if o.parent_id is None or o.parent_id not in self._nodes:
                    parent = self.model.invisibleRootItem()
                elif o.parent_id in items:
                    parent = items[o.parent_id]
                else:
                    later.append(o)
                    continue
                row = _row(o)
                parent.appendRow(row)
                items[o.id] = row[0]
            if len(later) == len(pending):
                break
            pending = later
        self.tree.expandAll()
        for i in range(len(HEADERS)):
            self.tree.resizeColumnToContents(i)
        for button in self.buttons:
            button.setEnabled(data.may_edit)

    def names(self) -> list[str]:
        """Every name in the tree, depth first (what a user sees)."""
        found: list[str] = []

        def walk(parent: QModelIndex) -> None:
            for r in range(self.model.rowCount(parent)):
                index = self.model.index(r, 0, parent)
                found.append(str(index.data()))
                walk(index)

        walk(QModelIndex())
        return found

    def select(self, org_id: uuid.UUID) -> None:
        """Make *org_id* the current row."""
        matches = self.model.match(
            self.model.index(0, 0), ID_ROLE, org_id, 1, Qt.MatchFlag.MatchRecursive
        )
        if matches:
            self.tree.setCurrentIndex(matches[0])

    def current(self) -> OrganisationNode | None:
        """The organisation on the current row."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        org_id = index.siblingAtColumn(0).data(ID_ROLE)
        return self._nodes.get(org_id)

    def new(self) -> None:
        """Open an empty form under the current organisation."""
        self._open(None)
        current = self.current()
        if self.form is not None and current is not None:
            select_data(self.form.parent_org, current.id)

    def edit(self) -> None:
        """Open the current organisation (read-only users get nothing to save)."""
        current = self.current()
        if current is not None and self._data.may_edit:
            self._open(current)

    def _open(self, opened: OrganisationNode | None) -> None:
        """Show the form window-modal; re-read everything after a save."""
        self.form = OrganisationForm(
            self._service, self._tasks, self._data.organisations, opened, self
        )
        self.form.accepted.connect(self.changed.emit)
        self.form.open()

    def remove(self) -> None:
        """Remove the current organisation after a confirmation (refused while in use)."""
        current = self.current()
        if current is None:
            return
        question = self.tr("Ta bort ”%1”? Det går bara om ingenting använder organisationen.")
        if not common.confirm(
            self, self.tr("Ta bort organisation"), question.replace("%1", current.name)
        ):
            return
        self._tasks.run(
            lambda: self._service.remove(current.id, current.version),
            lambda _r: self.changed.emit(),
            lambda exc: show_error(self, exc),
            owner=self,
        )


def _row(o: Any) -> list[QStandardItem]:
    """The cells of one organisation."""
    region = Region(o.region).label if o.region in REGION_CODES else ""
    cells = [o.name, o.kind.label, region, o.orgnr or "", o.short_name]
    row = [QStandardItem(c) for c in cells]
    row[0].setData(o.id, ID_ROLE)
    return row
