"""Direct awards per same-kind key, authority and year against the limit; Excel export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.gui.direct_award.check_panel import tr
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.table_model import Column, RowTableModel, money_column
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.direct_award.dto import ReportRow
from inkop_desktop.services.direct_award.service import DirectAwardService


def _share(value: float) -> str:
    """``70 %``."""
    return f"{round(100 * value)} %"


COLUMNS = [
    Column("authority", tr("Region")),
    Column("key", tr("Samma slag")),
    Column("count", tr("Antal"), numeric=True),
    money_column("total_ore", tr("Summa exkl. moms")),
    money_column("limit_ore", tr("Gräns")),
    Column("share", tr("Andel av gränsen"), _share, numeric=True, sortable=False),
    Column("diarienummer", tr("Direktupphandlingar"), lambda d: ", ".join(d), sortable=False),
]


class ReportDialog(QDialog):
    """The inköpsnämnd's overview of direct awards per kind (built in code: a simple list)."""

    def __init__(
        self, service: DirectAwardService, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Direktupphandlingar per slag"))
        self.resize(1000, 560)
        self._service, self._tasks = service, tasks
        self.year = QSpinBox(self)
        self.year.setRange(2018, 2100)
        self.year.setValue(date.today().year)
        self.year.valueChanged.connect(lambda _y: self.reload())
        self.model = RowTableModel(COLUMNS, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.status = QLabel("", self)
        self.export_button = QPushButton(tr("Exportera till Excel…"), self)
        self.export_button.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Räkenskapsår"), self))
        top.addWidget(self.year)
        top.addWidget(self.status, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        """Read the year's report in the background; an answer for another year is dropped."""
        year = self.year.value()
        self.status.setText(tr("Läser in…"))
        self._tasks.run(
            lambda: self._service.report(year), lambda rows: self._show(year, rows), self._failed
        )

    def _show(self, year: int, rows: list[ReportRow]) -> None:
        """Show the rows, those at the limit first."""
        if year != self.year.value():
            return
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        reached = sum(r.total_ore >= r.limit_ore for r in rows)
        self.status.setText(
            tr("%1 slag, varav %2 når direktupphandlingsgränsen")
            .replace("%1", str(len(rows)))
            .replace("%2", str(reached))
        )

    def _failed(self, exc: BaseException) -> None:
        """Explain in Swedish."""
        self.status.setText(user_text(exc))

    def export(self) -> None:
        """Write the report as .xlsx (made and written in the background)."""
        year = self.year.value()
        name, _filter = QFileDialog.getSaveFileName(
            self, tr("Exportera"), f"Direktupphandlingar per slag {year}.xlsx", "Excel (*.xlsx)"
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        """Make the workbook and write it to *path*."""
        year = self.year.value()
        self._tasks.run(
            lambda: path.write_bytes(self._service.report_xlsx(year)),
            lambda _n: self.status.setText(tr("Exporterad: %1").replace("%1", str(path))),
            self._failed,
        )

    @classmethod
    def ask(cls, parent: QWidget | None, service: DirectAwardService, tasks: TaskRunner) -> None:
        """Show the report until closed."""
        cls(service, tasks, parent).exec()
