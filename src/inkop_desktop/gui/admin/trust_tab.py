"""Betrodda utfärdare: the CA certificates an e-signature must chain to, kept by administrators."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget

from inkop_desktop.gui.admin import common
from inkop_desktop.gui.admin.common import (
    AdminData,
    button_row,
    buttons_line,
    error_label,
    record_table,
)
from inkop_desktop.gui.errors import show_error, user_text
from inkop_desktop.gui.list_page import fit_columns
from inkop_desktop.gui.table_model import Column
from inkop_desktop.gui.tasks import TaskRunner

COLUMNS = [
    Column("name", "Utfärdare", sortable=False),
    Column("subject", "Innehavare (subject)", sortable=False),
    Column("not_after", "Giltigt till", lambda v: v.date().isoformat(), sortable=False),
    Column("fingerprint_text", "Fingeravtryck (SHA-256)", sortable=False),
    Column("added_by", "Tillagd av", sortable=False),
]
EXPLAINED = (
    "En e-signatur visas som giltig bara när certifikatets kedja når en av dessa utfärdare "
    "(regionens CA, utfärdare av e-legitimation). När utfärdare finns inlagda vägras signering "
    "med certifikat från andra utfärdare."
)
FILTER = "Certifikat (*.pem *.cer *.crt *.der);;Alla filer (*)"


class TrustTab(QWidget):
    """The trusted issuers with Lägg till / Ta bort; read-only for non-administrators."""

    changed = Signal()
    loaded = Signal()

    def __init__(self, service: Any, tasks: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._service, self._tasks = service, tasks
        self.may_edit = False
        self.model, self.table = record_table(self, "trustTable", COLUMNS, lambda: None)
        self.intro = QLabel(self.tr(EXPLAINED), self)
        self.intro.setWordWrap(True)
        self.error = error_label(self)
        self.buttons = button_row(
            self,
            (self.tr("&Lägg till från fil…"), self.add_from_file),
            (self.tr("&Ta bort…"), self.remove),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons_line(self.buttons))

    def show_data(self, data: AdminData) -> None:
        """Whether the user may change the list; read it in the background."""
        self.may_edit = data.may_edit
        for button in self.buttons:
            button.setEnabled(data.may_edit)
        self.reload()

    def reload(self) -> None:
        """Read the list."""
        self._tasks.run(self._service.list, self._listed, self._failed, owner=self)

    def _listed(self, rows: Any) -> None:
        """Fill the table."""
        self.model.set_rows(list(rows))
        fit_columns(self.table, cap=360)
        self.loaded.emit()

    def add_from_file(self) -> None:
        """Choose a certificate file, show what it says, and trust it only when confirmed."""
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Välj utfärdarens certifikat"), "", self.tr(FILTER)
        )
        if path:
            self.add_path(Path(path))

    def add_path(self, path: Path) -> None:
        """Read *path* and its preview in the background, then ask."""
        service = self._service

        def read() -> tuple[bytes, Any]:
            data = path.read_bytes()
            return data, service.preview(data)

        self._tasks.run(read, self._ask, lambda e: show_error(self, e), owner=self)

    def _ask(self, found: tuple[bytes, Any]) -> None:
        """Show subject, issuer, validity and fingerprint; add when the administrator agrees."""
        data, preview = found
        lines = [f"{label}: {value}" for label, value in preview.lines]
        text = self.tr("Lita på utfärdaren ”%1”?").replace("%1", preview.name)
        details = "\n".join([*lines, *preview.warnings])
        if not common.confirm(self, self.tr("Lägg till betrodd utfärdare"), f"{text}\n\n{details}"):
            return
        self._tasks.run(
            lambda: self._service.add(data, preview.name),
            lambda _r: self._changed(),
            lambda e: show_error(self, e),
            owner=self,
        )

    def remove(self) -> None:
        """Stop trusting the selected issuer after a confirmation."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        question = self.tr(
            "Ta bort ”%1” från de betrodda utfärdarna? Signaturer under den visas sedan som "
            "inte betrodda."
        ).replace("%1", row.name)
        if not common.confirm(self, self.tr("Ta bort betrodd utfärdare"), question):
            return
        self._tasks.run(
            lambda: self._service.remove(row.id, row.version),
            lambda _r: self._changed(),
            lambda e: show_error(self, e),
            owner=self,
        )

    def _changed(self) -> None:
        """Re-read after a change."""
        self.error.setText("")
        self.reload()
        self.changed.emit()

    def _failed(self, exc: BaseException) -> None:
        """Explain."""
        self.error.setText(user_text(exc))
