"""The avsteg register page (``--view avsteg``): filters, list, handling and the reports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from inkop_desktop.domain.permissions import Act
from inkop_desktop.gui.avsteg.columns import LEGEND, columns, row_state, tr
from inkop_desktop.gui.avsteg.dialogs import HandleDialog, ManualDialog
from inkop_desktop.gui.avsteg.filters import FilterRow
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.export import export_to_file
from inkop_desktop.gui.internal_control import take_report
from inkop_desktop.gui.list_page import page_heading, style_table
from inkop_desktop.gui.row_state import Legend
from inkop_desktop.gui.table_model import RowTableModel
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.access import Actor
from inkop_desktop.services.avsteg import AvstegEntry, AvstegService, NamndChoice
from inkop_desktop.services.internal_control import InternalControlService


class AvstegPage(QWidget):
    """Every recorded deviation; the inköpsverksamhet handles them and reports to the nämnd."""

    loaded = Signal()
    failed = Signal(str)
    changed = Signal()

    def __init__(
        self,
        service: AvstegService,
        tasks: TaskRunner,
        me: Actor,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
        internal_control: InternalControlService | None = None,
    ) -> None:
        super().__init__(parent)
        self._service, self._tasks, self._me, self._today = service, tasks, me, today
        self._internal_control = internal_control
        self._generation = 0
        self.has_loaded = False
        self.namnder: list[NamndChoice] = []
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(tr("Avsteg"), self))
        self.filters = FilterRow(today(), self)
        self.filters.changed.connect(self.reload)
        layout.addWidget(self.filters)
        self.status = QLabel(tr("Läser in…"), self)
        layout.addWidget(self.status)
        self.model = RowTableModel(
            columns(), self, row_state=row_state(today), marked=("reported_on", "status")
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Avstegsregistret"))
        style_table(self.table)
        self.table.doubleClicked.connect(lambda _i: self.handle_selected())
        layout.addWidget(self.table, 1)
        layout.addWidget(Legend(*LEGEND, parent=self))
        layout.addLayout(self._buttons())

    def _buttons(self) -> QHBoxLayout:
        """Hantera…, Nytt avsteg…, Excel and PDF."""
        row = QHBoxLayout()
        self.handle_button = QPushButton(tr("Hantera…"), self)
        self.handle_button.clicked.connect(self.handle_selected)
        self.manual_button = QPushButton(tr("Nytt avsteg…"), self)
        self.manual_button.clicked.connect(self.report_manual)
        self.excel_button = QPushButton(tr("Exportera till Excel…"), self)
        self.excel_button.clicked.connect(self.export_excel)
        self.pdf_button = QPushButton(tr("Avstegsrapport (PDF)…"), self)
        self.pdf_button.clicked.connect(self.export_pdf)
        for act, button in ((Act.AVSTEG_HANDLE, self.handle_button),
                            (Act.AVSTEG_REPORT, self.manual_button)):  # fmt: skip
            if not self._me.may(act):
                button.setEnabled(False)
                button.setToolTip(self._me.refusal(act))
        for button in (self.handle_button, self.manual_button, self.excel_button, self.pdf_button):
            row.addWidget(button)
        if self._internal_control is not None:
            self.control_button = QPushButton(tr("Internkontrollrapport…"), self)
            self.control_button.clicked.connect(self.internal_control_report)
            row.addWidget(self.control_button)
        row.addStretch(1)
        return row

    def reload(self) -> None:
        """Find what the rules say holds today, then read the entries the filters select."""
        self._generation += 1
        generation, wanted, service = self._generation, self.filters.value(), self._service

        def read() -> tuple[list[AvstegEntry], list[NamndChoice]]:
            service.detect()
            return service.entries(wanted), service.namnder()

        self.status.setText(tr("Läser in…"))
        self._tasks.run(
            read,
            lambda got: self._loaded(generation, *got),
            lambda exc: self._failed(generation, exc),
            owner=self,
        )

    def _loaded(
        self, generation: int, entries: list[AvstegEntry], namnder: list[NamndChoice]
    ) -> None:
        """Show the entries and the count."""
        if generation != self._generation:
            return
        self.namnder = namnder
        self.filters.set_namnder(namnder)
        self.model.set_rows(entries)
        self.table.resizeColumnsToContents()
        waiting = sum(1 for e in entries if e.open)
        self.status.setText(
            tr("%1 avsteg, varav %2 öppna.")
            .replace("%1", str(len(entries)))
            .replace("%2", str(waiting))
        )
        self.has_loaded = True
        self.loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        """Explain in Swedish; keep what was shown."""
        if generation == self._generation:
            self.status.setText(user_text(exc))
            self.failed.emit(user_text(exc))

    def selected(self) -> AvstegEntry | None:
        """The entry of the current row."""
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def handle_selected(self) -> None:
        """Open the handling dialog on the chosen entry."""
        entry = self.selected()
        if entry is None or not self._me.may(Act.AVSTEG_HANDLE):
            return
        self._after(HandleDialog(self._service, self._tasks, entry, self))

    def report_manual(self) -> None:
        """Open the dialog for a deviation found by a person."""
        self._after(ManualDialog(self._service, self._tasks, self.namnder, self._today(), self))

    def _after(self, dialog: Any) -> None:
        """Run *dialog*; read the list again when it saved."""
        if dialog.exec():
            self.changed.emit()
            self.reload()

    def export_excel(self) -> None:
        """The entries the filters select as .xlsx."""
        wanted, service = self.filters.value(), self._service
        export_to_file(
            self, self._tasks, lambda: service.report_xlsx(wanted),
            title=tr("Exportera avsteg"), suggested=f"Avsteg {self._today().isoformat()}.xlsx",
            file_filter="Excel (*.xlsx)",
        )  # fmt: skip

    def internal_control_report(self) -> None:
        """Internkontrollrapport…: nämnd and period, then the PDF."""
        if self._internal_control is not None:
            take_report(self, self._internal_control, self._tasks, self._today())

    def export_pdf(self) -> None:
        """The avstegsrapport for the inköpsnämnd as PDF."""
        wanted, service = self.filters.value(), self._service
        export_to_file(
            self, self._tasks, lambda: service.report_pdf(wanted),
            title=tr("Avstegsrapport"),
            suggested=f"Avstegsrapport {self._today().isoformat()}.pdf", file_filter="PDF (*.pdf)",
        )  # fmt: skip
