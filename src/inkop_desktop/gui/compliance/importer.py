"""The reskontra import: file → column mapping → confirm a replacement → background run."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from inkop_desktop.domain.compliance import Field
from inkop_desktop.gui.compliance.mapping_dialog import MappingDialog, tr
from inkop_desktop.gui.errors import show_error
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.compliance import (
    ComplianceService,
    ImportCancelledError,
    ImportResult,
    Preview,
)


class ReskontraImporter(QObject):
    """Runs one import at a time off the GUI thread, with progress and Avbryt."""

    progressed = Signal(int, int)
    finished = Signal(object)
    """The ImportResult, or the error that stopped the import."""

    def __init__(
        self,
        parent: QWidget,
        service: ComplianceService,
        tasks: TaskRunner,
        on_imported: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self._parent, self._service, self._tasks = parent, service, tasks
        self._on_imported = on_imported
        self._cancel = threading.Event()
        self.progress: QProgressDialog | None = None
        self.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)

    def choose_file(self) -> None:
        """Ask for the file, then read its headings in the background."""
        chosen, _ = QFileDialog.getOpenFileName(
            self._parent, tr("Importera leverantörsreskontra"), "", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if chosen:
            self.open_file(Path(chosen))

    def open_file(self, path: Path) -> None:
        """Read *path* and its preview in the background, then ask for the mapping."""
        service = self._service

        def job() -> tuple[bytes, Preview]:
            data = path.read_bytes()
            return data, service.preview(data, path.name)

        self._tasks.run(
            job,
            lambda found: self._ask(found[0], path.name, found[1]),
            lambda exc: show_error(self._parent, exc, tr("Filen kunde inte läsas")),
            owner=self,
        )

    def _ask(self, data: bytes, name: str, preview: Preview) -> None:
        """The mapping dialog, and whether to replace an earlier import of the same file."""
        dialog = MappingDialog(preview, name, self._parent)
        if dialog.exec() != MappingDialog.DialogCode.Accepted:
            return
        replace = False
        if preview.already_imported:
            answer = QMessageBox.question(
                self._parent,
                tr("Filen är redan inläst"),
                tr("Samma fil lästes in %1. Vill du ersätta den inläsningen?").replace(
                    "%1", preview.already_imported
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            replace = True
        self.run(data, name, dialog.mapping(), replace=replace, rows=preview.rows)

    def run(
        self, data: bytes, name: str, mapping: dict[Field, str], *, replace: bool, rows: int
    ) -> None:
        """Import in the background; Avbryt stops it and nothing is stored."""
        self._cancel.clear()
        self.progress = QProgressDialog(
            tr("Läser in leverantörsreskontran…"), tr("Avbryt"), 0, max(rows, 1), self._parent
        )
        self.progress.setWindowTitle(tr("Avtalstrohet"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.canceled.connect(self._cancel.set)
        self.progress.show()
        service, cancel, progressed = self._service, self._cancel, self.progressed
        self._tasks.run(
            lambda: service.import_file(
                data, name, mapping, replace=replace,
                progress=lambda done, total: progressed.emit(done, total),
                cancelled=cancel.is_set,
            ),
            self._done,
            self._failed,
            owner=self,
        )  # fmt: skip

    def cancel(self) -> None:
        """Stop a running import (what Avbryt does)."""
        self._cancel.set()

    def _show_progress(self, done: int, total: int) -> None:
        """Move the progress bar (rows read, then rows stored)."""
        if self.progress is not None:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(min(done, total))

    def _close_progress(self) -> None:
        """Hide the progress dialog."""
        if self.progress is not None:
            self.progress.canceled.disconnect(self._cancel.set)
            self.progress.close()
            self.progress = None

    def _done(self, result: ImportResult) -> None:
        """Say what was stored and re-read the report."""
        self._close_progress()
        self.finished.emit(result)
        QMessageBox.information(self._parent, tr("Avtalstrohet"), result.summary)
        self._on_imported()

    def _failed(self, exc: BaseException) -> None:
        """Explain in Swedish (bad rows with their numbers); a cancel is no error."""
        self._close_progress()
        self.finished.emit(exc)
        if isinstance(exc, ImportCancelledError):
            QMessageBox.information(self._parent, tr("Avtalstrohet"), exc.text)
        else:
            show_error(self._parent, exc, tr("Leverantörsreskontran lästes inte in"))

    def busy(self) -> Any:
        """True while an import runs."""
        return self.progress is not None
