"""This year's avsteg from the policy, read-only (opened from the navigation's "Avsteg")."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.list_page import fit_columns, style_table
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.overview_counts import AvstegRow, OverviewCountService

HEADERS = ("Datum", "Avsteg", "Gäller", "Anmält av", "Motivering")


def tr(text: str) -> str:
    """Translate (context "Avsteg")."""
    return QCoreApplication.translate("Avsteg", text)


class AvstegDialog(QDialog):
    """The avsteg reported this year, newest first; Esc closes."""

    def __init__(
        self, service: OverviewCountService, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        year = date.today().year
        self.setWindowTitle(tr("Avsteg %1").replace("%1", str(year)))
        self.resize(900, 420)
        self.status = QLabel(tr("Läser in…"), self)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.setAccessibleName(tr("Avsteg i år"))
        style_table(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        tasks.run(lambda: service.avsteg(year), self._show, self._failed, owner=self)

    def _show(self, rows: list[AvstegRow]) -> None:
        """Fill the table; the full reason is in each cell's tooltip."""
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = (row.reported_on.isoformat(), row.kind, row.record, row.reported_by or "")
            for c, value in enumerate((*values, row.reason)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
        fit_columns(self.table, cap=320)
        self.status.setText(
            tr("Inga avsteg har registrerats i år.")
            if not rows
            else tr("%1 avsteg registrerade i år.").replace("%1", str(len(rows)))
        )

    def _failed(self, exc: BaseException) -> None:
        """Say why the list is empty."""
        self.status.setText(user_text(exc))
