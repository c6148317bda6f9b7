"""Leverantör: create or edit a supplier; saving runs in the background."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.identifiers import vat_number
from inkop_desktop.gui.conflict_dialog import resolve
from inkop_desktop.gui.errors import show_error, user_text
from inkop_desktop.gui.suppliers.conflict import supplier_side, supplier_values
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, embed_form
from inkop_desktop.services.suppliers.service import SupplierDetail, SupplierService

_FIELDS = ("name", "orgnr", "address", "city", "email", "phone")


class SupplierEditor(QDialog):
    """The supplier form; keeps the opened version to detect concurrent edits."""

    saved = Signal(object)

    def __init__(
        self, service: SupplierService, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self._detail: SupplierDetail | None = None
        self._sent: dict[str, Any] = {}
        self._form = embed_form("supplier_editor", self)
        self.edits = {name: child(self._form, QLineEdit, f"{name}Edit") for name in _FIELDS}
        self.notes = child(self._form, QPlainTextEdit, "notesEdit")
        self.vat = child(self._form, QLabel, "vatLabel")
        self.error = child(self._form, QLabel, "errorLabel")
        self.buttons = child(self._form, QDialogButtonBox, "buttonBox")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.edits["orgnr"].textChanged.connect(self._show_vat)
        self.contacts = child(self._form, QTableWidget, "contactsTable")
        self.contacts.horizontalHeader().setStretchLastSection(True)
        self.links = child(self._form, QTreeWidget, "linksTree")
        child(self._form, QPushButton, "addContactButton").clicked.connect(self.add_contact)
        child(self._form, QPushButton, "removeContactButton").clicked.connect(self.remove_contact)

    def add_contact(self) -> None:
        """A new empty contact row, ready for typing."""
        row = self.contacts.rowCount()
        self.contacts.insertRow(row)
        items = [QTableWidgetItem("") for _ in range(self.contacts.columnCount())]
        for column, item in enumerate(items):
            self.contacts.setItem(row, column, item)
        self.contacts.setCurrentCell(row, 0)
        self.contacts.editItem(items[0])

    def remove_contact(self) -> None:
        """Remove the selected contact row."""
        row = self.contacts.currentRow()
        if row >= 0:
            self.contacts.removeRow(row)

    def _contact_rows(self) -> tuple[dict[str, str], ...]:
        """The contact table as input rows (empty rows skipped)."""
        keys = ("name", "role", "email", "phone")
        rows = []
        for r in range(self.contacts.rowCount()):
            cells = [self.contacts.item(r, c) for c in range(len(keys))]
            values = {
                k: (cell.text().strip() if cell else "")
                for k, cell in zip(keys, cells, strict=True)
            }
            if any(values.values()):
                rows.append(values)
        return tuple(rows)

    def _show_contacts(self, detail: SupplierDetail) -> None:
        """Fill the contact table."""
        self.contacts.setRowCount(0)
        for contact in detail.contacts:
            row = self.contacts.rowCount()
            self.contacts.insertRow(row)
            for column, value in enumerate(
                (contact.name, contact.role, contact.email, contact.phone)
            ):
                self.contacts.setItem(row, column, QTableWidgetItem(value))

    def _show_links(self, found: list[Any]) -> None:
        """Contracts, plan items and direct awards, grouped by kind."""
        self.links.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for link in found:
            top = groups.get(link.kind)
            if top is None:
                top = groups[link.kind] = QTreeWidgetItem(self.links, [link.kind])
                top.setExpanded(True)
            day = link.day.isoformat() if link.day else ""
            QTreeWidgetItem(top, [link.reference, link.title, day, link.status])
        for column in range(self.links.columnCount()):
            self.links.resizeColumnToContents(column)

    def open_supplier(self, supplier_id: uuid.UUID) -> None:
        """Load a supplier in the background and show it."""
        self._set_busy(True)
        self._tasks.run(lambda: self._service.get(supplier_id), self._loaded, self._load_failed)

    def _loaded(self, detail: SupplierDetail) -> None:
        """Fill the form from *detail*."""
        self._detail = detail
        for name, edit in self.edits.items():
            edit.setText(getattr(detail, name))
        self.notes.setPlainText(detail.notes)
        self._show_contacts(detail)
        service, supplier_id = self._service, detail.id
        self._tasks.run(
            lambda: service.involvement(supplier_id), self._show_links, self._load_failed
        )
        self.setWindowTitle(self.tr("Leverantör – %1").replace("%1", detail.name))
        self._set_busy(False)

    def show_version(self, detail: SupplierDetail) -> None:
        """Edit on top of *detail*'s version with its values in the form."""
        self._loaded(detail)

    @property
    def service(self) -> SupplierService:
        """The supplier use cases this editor saves through."""
        return self._service

    def _load_failed(self, exc: BaseException) -> None:
        """Could not load: tell the user and close."""
        show_error(self, exc)
        self.reject()

    def _show_vat(self, text: str) -> None:
        """Derive the VAT number as the user types."""
        try:
            self.vat.setText(vat_number(text))
        except DomainError:
            self.vat.setText("–")

    def values(self) -> dict[str, Any]:
        """The form's values for the service."""
        data: dict[str, Any] = {name: edit.text() for name, edit in self.edits.items()}
        data["notes"] = self.notes.toPlainText()
        data["contacts"] = self._contact_rows()
        return data

    def save(self) -> None:
        """Validate and store in the background; errors are shown, nothing is lost."""
        data = self.values()
        detail, self._sent = self._detail, dict(data)
        if detail is None:
            job = lambda: self._service.create(data)  # noqa: E731
        else:
            job = lambda: self._service.update(detail.id, detail.version, data)  # noqa: E731
        self._set_busy(True)
        self.error.setText("")
        self._tasks.run(job, self._saved, self._save_failed)

    def _saved(self, detail: SupplierDetail) -> None:
        """Stored: close with the new version."""
        self._detail = detail
        self._set_busy(False)
        self.saved.emit(detail)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        """Keep the user's input; explain; offer a reload on a concurrent edit."""
        self._set_busy(False)
        self.error.setText(user_text(exc))
        if self._detail is not None:
            keys, opened = self._sent.keys(), self._detail
            side = supplier_side(self, opened.id, keys)
            resolve(self, self._tasks, exc, side, self._sent, supplier_values(opened, keys))

    def _set_busy(self, busy: bool) -> None:
        """Disable the buttons while work is under way."""
        self.buttons.setEnabled(not busy)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        service: SupplierService,
        tasks: TaskRunner,
        supplier_id: uuid.UUID | None = None,
    ) -> SupplierDetail | None:
        """Show the editor (empty for a new supplier); the saved supplier or None."""
        editor = cls(service, tasks, parent)
        if supplier_id is not None:
            editor.open_supplier(supplier_id)
        return editor._detail if editor.exec() == QDialog.DialogCode.Accepted else None
