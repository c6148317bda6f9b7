"""Bilagor: add, open and save a contract's attachments; file work runs in the background."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from inkop_desktop.domain.attachments import check_size, format_size
from inkop_desktop.gui.table_model import Column, RowTableModel
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child
from inkop_desktop.services.contracts.attachments import AttachmentRow
from inkop_desktop.services.contracts.service import ContractDetail, ContractService


def tr(text: str) -> str:
    """Translate (context "Bilagor")."""
    return QCoreApplication.translate("Bilagor", text)


def _stamp(value: datetime) -> str:
    """``2026-11-24 08:15`` in local time."""
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def attachment_columns() -> list[Column]:
    """File name, size, when and by whom, checksum."""
    return [
        Column("filename", tr("Fil")),
        Column("size", tr("Storlek"), format_size, numeric=True),
        Column("created_at", tr("Tillagd"), _stamp),
        Column("created_by", tr("Av")),
        Column("sha256", tr("SHA-256 (början)"), lambda v: f"{v[:16]}…"),
    ]


def store_file(
    service: ContractService, contract_id: uuid.UUID, version: int, path: Path
) -> ContractDetail:
    """Refuse files over 50 MB before reading them, then store (runs in the background)."""
    check_size(path.stat().st_size)
    return service.add_attachment(contract_id, version, path.name, path.read_bytes())


def open_copy(service: ContractService, attachment_id: uuid.UUID) -> Path:
    """Write a verified copy to a private temporary folder (runs in the background)."""
    found = service.attachment(attachment_id)
    target = Path(tempfile.mkdtemp(prefix="inkop-bilaga-")) / found.filename
    target.write_bytes(found.content)
    return target


def save_copy(service: ContractService, attachment_id: uuid.UUID, target: Path) -> Path:
    """Write a verified copy where the user chose (runs in the background)."""
    target.write_bytes(service.attachment(attachment_id).content)
    return target


class AttachmentPanel:
    """The Bilagor tab's table and buttons; a stored file gives the contract a new version."""

    def __init__(
        self,
        form: QWidget,
        service: ContractService,
        tasks: TaskRunner,
        on_error: Callable[[BaseException], None],
        opened: Callable[[], int],
        on_stored: Callable[[ContractDetail], None],
    ) -> None:
        self._form, self._service, self._tasks, self._on_error = form, service, tasks, on_error
        self._opened, self._on_stored = opened, on_stored
        self._contract_id: uuid.UUID | None = None
        self.model = RowTableModel(attachment_columns(), form)
        self.view = child(form, QTableView, "attachmentsView")
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.hint = child(form, QLabel, "attachmentHint")
        self._hint_text = self.hint.text()
        self.add_button = child(form, QPushButton, "addAttachmentButton")
        self.open_button = child(form, QPushButton, "openAttachmentButton")
        self.save_button = child(form, QPushButton, "saveAttachmentButton")
        self.add_button.clicked.connect(self.choose_and_add)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.opened: Path | None = None
        self.display(None, ())

    def display(self, contract_id: uuid.UUID | None, rows: Sequence[AttachmentRow]) -> None:
        """Show a contract's files (a new contract must be saved first)."""
        self._contract_id = contract_id
        self.add_button.setEnabled(contract_id is not None)
        self.hint.setText(
            self._hint_text
            if contract_id is not None
            else tr("Spara avtalet först; öppna det sedan för att lägga till bilagor.")
        )
        self._set_rows(tuple(rows))

    def _set_rows(self, rows: tuple[AttachmentRow, ...]) -> None:
        """Fill the table; open/save only with something to open."""
        self.model.set_rows(rows)
        self.open_button.setEnabled(bool(rows))
        self.save_button.setEnabled(bool(rows))

    def _selected(self) -> AttachmentRow | None:
        """The highlighted attachment (the only one if there is just one)."""
        index = self.view.currentIndex()
        if index.isValid():
            return self.model.row_at(index.row())  # type: ignore[no-any-return]
        return self.model.row_at(0) if self.model.rowCount() == 1 else None

    def choose_and_add(self) -> None:
        """Pick a file and store it."""
        name, _filter = QFileDialog.getOpenFileName(self._form, tr("Lägg till bilaga"))
        if name:
            self.add_file(Path(name))

    def add_file(self, path: Path) -> None:
        """Store *path* in the background (refused above 50 MB)."""
        if self._contract_id is None:
            return
        contract_id, service, version = self._contract_id, self._service, self._opened()
        self.add_button.setEnabled(False)
        self._tasks.run(
            lambda: store_file(service, contract_id, version, path),
            self._added,
            self._failed,
            owner=self._form,
        )

    def _added(self, detail: ContractDetail) -> None:
        """Stored: show the new list and hand the contract's new version to the editor."""
        self.add_button.setEnabled(True)
        self._set_rows(detail.attachments)
        self._on_stored(detail)

    def _failed(self, exc: BaseException) -> None:
        """Hand the error to the editor."""
        self.add_button.setEnabled(self._contract_id is not None)
        self._on_error(exc)

    def open_selected(self) -> None:
        """Open a verified copy with the system's program for the file type."""
        row = self._selected()
        if row is not None:
            service = self._service
            self._tasks.run(
                lambda: open_copy(service, row.id), self._open_path, self._failed, owner=self._form
            )

    def _open_path(self, path: Path) -> None:
        """Hand the copy to the desktop."""
        self.opened = path
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def save_selected(self) -> None:
        """Save a verified copy where the user chooses."""
        row = self._selected()
        if row is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self._form, tr("Spara bilaga som"), row.filename
        )
        if name:
            service, target = self._service, Path(name)
            self._tasks.run(
                lambda: save_copy(service, row.id, target),
                self._saved,
                self._failed,
                owner=self._form,
            )

    def _saved(self, path: Path) -> None:
        """Tell where the copy went."""
        self.hint.setText(tr("Sparad: %1").replace("%1", str(path)))
