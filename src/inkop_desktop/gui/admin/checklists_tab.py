"""Checklistor: the follow-up checklist templates; saving creates a new version."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.gui.admin.common import (
    AdminData,
    button_row,
    buttons_line,
    error_label,
    record_table,
)
from inkop_desktop.gui.admin.template_items import TemplateItemsTable
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.table_model import Column
from inkop_desktop.gui.tasks import TaskRunner

COLUMNS = [
    Column("name", "Checklista", sortable=False),
    Column("current_version", "Version", numeric=True, sortable=False),
    Column("items", "Punkter", numeric=True, sortable=False),
]
VERSION_NOTE = (
    "Att spara skapar version %1 av checklistan. Uppföljningar som redan är påbörjade eller "
    "slutförda behåller den version de använde; nya uppföljningar får den nya."
)


class ChecklistsTab(QWidget):
    """Templates on the left, the chosen one's items on the right; only administrators save."""

    changed = Signal()
    loaded = Signal()

    def __init__(self, service: Any, tasks: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._service, self._tasks = service, tasks
        self.may_edit = False
        self.opened: Any = None
        self.model, self.table = record_table(self, "templatesTable", COLUMNS, self.open_current)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.open_current())
        self.name = QLineEdit(self)
        self.name.setObjectName("templateName")
        self.description = QLineEdit(self)
        self.description.setObjectName("templateDescription")
        self.items = TemplateItemsTable(self)
        self.note = QLabel("", self)
        self.note.setObjectName("versionNote")
        self.note.setWordWrap(True)
        self.error = error_label(self)
        self.item_buttons = button_row(
            self,
            (self.tr("Ny &punkt"), lambda: self._add_row()),
            (self.tr("Ta &bort punkt"), self.items.remove_current),
            (self.tr("Flytta &upp"), lambda: self.items.move_current(-1)),
            (self.tr("Flytta &ned"), lambda: self.items.move_current(1)),
        )
        self.save_buttons = button_row(
            self,
            (self.tr("&Spara ny version"), self.save),
            (self.tr("N&y checklista"), self.new),
        )
        self._layout()
        self._set_editable(False)

    def _layout(self) -> None:
        """The list beside the form."""
        form_box = QGroupBox(self.tr("Checklista"), self)
        form = QFormLayout()
        form.addRow(self.tr("&Namn:"), self.name)
        form.addRow(self.tr("Besk&rivning:"), self.description)
        inner = QVBoxLayout(form_box)
        inner.addLayout(form)
        inner.addWidget(self.items, 1)
        inner.addLayout(buttons_line(self.item_buttons))
        inner.addWidget(self.note)
        inner.addWidget(self.error)
        inner.addLayout(buttons_line(self.save_buttons))
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addWidget(form_box, 5)

    def show_data(self, data: AdminData) -> None:
        """Whether the user may edit; read the templates in the background."""
        self.may_edit = data.may_edit
        self.reload()

    def reload(self) -> None:
        """Read the template list."""
        self._tasks.run(self._service.list_templates, self._listed, self._failed, owner=self)

    def _listed(self, rows: Any) -> None:
        """Fill the list; keep the template that is open, else open the first."""
        self.model.set_rows(list(rows))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        keep = self.opened.id if self.opened is not None else None
        index = next((i for i, r in enumerate(rows) if r.id == keep), None)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if rows:
            self.table.selectRow(index or 0)
        selection.blockSignals(False)
        if rows and index is None:
            self.open_current()
        self.loaded.emit()

    def names(self) -> list[str]:
        """The template names shown (for tests and keyboard users' orientation)."""
        return [self.model.row_at(i).name for i in range(self.model.rowCount())]

    def select(self, name: str) -> None:
        """Highlight the template called *name*."""
        for i in range(self.model.rowCount()):
            if self.model.row_at(i).name == name:
                self.table.selectRow(i)

    def open_current(self) -> None:
        """Read the highlighted template's current version in the background."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        self._tasks.run(
            lambda: self._service.get_template(row.id), self._read, self._failed, owner=self
        )

    def _highlighted_id(self) -> Any:
        """The id of the highlighted template (None when nothing is highlighted)."""
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() else None

    def _read(self, detail: Any) -> None:
        """A background read came back: show it unless another template was highlighted
        meanwhile (two reads can finish in either order: the last choice wins)."""
        if detail.id == self._highlighted_id():
            self._show(detail)

    def _show(self, detail: Any) -> None:
        """Show the template's current version."""
        self.opened = detail
        self.name.setText(detail.name)
        self.description.setText(detail.description)
        self.items.set_items(detail.items)
        self.error.setText("")
        self._set_editable(self.may_edit)

    def new(self) -> None:
        """An empty template with one point to fill in."""
        self.opened = None
        self.name.setText("")
        self.description.setText("")
        self.items.set_items(())
        self._add_row()
        self._set_editable(self.may_edit)
        self.name.setFocus()

    def _add_row(self) -> None:
        """A new point at the end, ready to be typed."""
        row = self.items.add_item()
        self.items.set_editable(self.may_edit)
        self.items.setCurrentCell(row, 1)

    def _set_editable(self, editable: bool) -> None:
        """Only administrators change checklists; the version note tells what saving does."""
        for widget in (self.name, self.description):
            widget.setReadOnly(not editable)
        self.items.set_editable(editable)
        for button in (*self.item_buttons, *self.save_buttons):
            button.setEnabled(editable)
        version = (self.opened.current_version + 1) if self.opened is not None else 1
        self.note.setText(self.tr(VERSION_NOTE).replace("%1", str(version)) if editable else "")

    def values(self) -> dict[str, Any]:
        """Name, description and the points in order."""
        items = self.items.points()
        empty = next((i for i, item in enumerate(items, start=1) if not item["text"]), None)
        if empty is not None:
            raise ValidationError(f"Punkt {empty} saknar text.", field="items")
        return {
            "name": self.name.text().strip(),
            "description": self.description.text().strip(),
            "items": tuple(items),
            "active": True,
        }

    def save(self) -> None:
        """Store a new version (or a new template) in the background."""
        try:
            data = self.values()
        except ValidationError as exc:
            self.error.setText(exc.text)
            return
        service, opened = self._service, self.opened
        tid, version = (opened.id, opened.version) if opened is not None else (None, None)
        for button in self.save_buttons:
            button.setEnabled(False)
        self.error.setText("")
        self._tasks.run(
            lambda: service.save_template(tid, data, version),
            self._saved,
            self._save_failed,
            owner=self,
        )

    def _saved(self, detail: Any) -> None:
        """Stored: say which version now applies and re-read the list."""
        self._show(detail)
        self.error.setText(
            self.tr("Sparad som version %1.").replace("%1", str(detail.current_version))
        )
        self.reload()
        self.changed.emit()

    def _save_failed(self, exc: BaseException) -> None:
        """Keep the input; explain."""
        self._set_editable(self.may_edit)
        self.error.setText(user_text(exc))

    def _failed(self, exc: BaseException) -> None:
        """Explain."""
        self.error.setText(user_text(exc))
