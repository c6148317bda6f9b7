"""Uppföljningsrapporter: the chart on top, one table per report below, each exportable to Excel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.export import export_to_file
from inkop_desktop.gui.followup.chart import FollowupChart, month_label
from inkop_desktop.gui.list_page import page_heading
from inkop_desktop.gui.report_parts import TotalsModel, report_table, status_line
from inkop_desktop.gui.table_model import Column, RowTableModel
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.followup.report_export import ReportKind
from inkop_desktop.services.followup.report_service import FollowupReportService
from inkop_desktop.services.followup.reports import FollowupReports


def tr(text: str) -> str:
    """Translate (context "Uppföljningsrapporter")."""
    return QCoreApplication.translate("Uppföljningsrapporter", text)


def _counts(*columns: tuple[str, str]) -> list[Column]:
    """Right-aligned counts from (key, title) pairs."""
    return [Column(key, tr(title), numeric=True) for key, title in columns]


OPEN = (("open", "Öppna"), ("serious", "Varav allvarliga"), ("open_actions", "Öppna åtgärder"))
"""The counts of open deviations both deviation reports show."""


@dataclass(frozen=True)
class ReportTab:
    """One report: its tab title, its columns and where its rows are in the reports."""

    title: str
    columns: list[Column]
    rows: Callable[[FollowupReports], Sequence[Any]]


Rows = Callable[[FollowupReports], Sequence[Any]]


def _status_tab(title: str, first: str, rows: Rows) -> ReportTab:
    """A status report (per nämnd, per region) with its total line."""
    done = (("plans", "Avtal med plan"), ("done", "Genomförda i år"), ("due", "Kvar att göra i år"))
    late = (("overdue", "Försenade"), ("without_plan", "Avtal utan plan"))
    columns = [Column("label", tr(first)), *_counts(*done, *late)]
    return ReportTab(tr(title), columns, lambda r: [*rows(r), r.totals])


def report_tabs() -> dict[ReportKind, ReportTab]:
    """Every report's tab, in the order of the tabs."""
    supplier = Column("supplier", tr("Leverantör"))
    category, oldest = Column("category", tr("Kategori")), Column("oldest", tr("Äldsta från"))
    last_done = Column("last_done", tr("Senast genomförd"))
    month = Column("month", tr("Månad"), month_label)
    left = Column(
        "open_deviations",
        tr("Öppna avvikelser vid månadens slut"),
        lambda v: "" if v is None else str(v),
        numeric=True,
    )
    found = [supplier, category, *_counts(*OPEN), oldest]
    suppliers = [
        supplier,
        *_counts(("contracts", "Avtal"), ("done", "Genomförda")),
        last_done,
        *_counts(("deviations", "Avvikelser"), *OPEN, ("sanctions", "Sanktioner")),
    ]
    months = [month, *_counts(("due", "Att genomföra"), ("done", "Genomförda")), left]
    return {
        ReportKind.NAMND: _status_tab("Per nämnd", "Nämnd", lambda r: r.per_namnd),
        ReportKind.REGION: _status_tab("Per region", "Region", lambda r: r.per_region),
        ReportKind.AVVIKELSER: ReportTab(tr("Öppna avvikelser"), found, lambda r: r.deviations),
        ReportKind.LEVERANTORER: ReportTab(tr("Leverantörer"), suppliers, lambda r: r.suppliers),
        ReportKind.MANADER: ReportTab(tr("Per månad"), months, lambda r: r.months),
    }


class FollowupReportPage(QWidget):
    """The reports of the follow-up tables, read in one background call."""

    loaded = Signal()
    failed = Signal(str)

    def __init__(
        self,
        service: FollowupReportService,
        tasks: TaskRunner,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service, self._tasks, self._today = service, tasks, today
        self._generation = 0
        self.has_loaded = False
        self.reports: FollowupReports | None = None
        self.models: dict[ReportKind, RowTableModel] = {}
        self.views: dict[ReportKind, QTableView] = {}
        self._build()

    def _build(self) -> None:
        """Heading, summary line, chart, tabs and the export button."""
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(tr("Uppföljningsrapporter"), self))
        self.status = status_line(tr("Läser in…"), self)
        layout.addWidget(self.status)
        self.chart = FollowupChart(self)
        layout.addWidget(self.chart, 2)
        self.tabs = QTabWidget(self)
        self.tab_specs = report_tabs()
        for kind, tab in self.tab_specs.items():
            self.tabs.addTab(self._table(kind, tab), tab.title)
        layout.addWidget(self.tabs, 3)
        row = QHBoxLayout()
        self.export_button = QPushButton(tr("Exportera till Excel…"), self)
        self.export_button.setToolTip(tr("Sparar rapporten på den valda fliken som Excel-fil"))
        self.export_button.clicked.connect(self.export_current)
        self.export_button.setEnabled(False)
        row.addWidget(self.export_button)
        row.addStretch(1)
        layout.addLayout(row)

    def _table(self, kind: ReportKind, tab: ReportTab) -> QTableView:
        """A read-only table for one report; the first column takes the room left."""
        model = TotalsModel(tab.columns, self)
        view = report_table(model, tab.title, self)
        self.models[kind], self.views[kind] = model, view
        return view

    def current_kind(self) -> ReportKind:
        """The report on the chosen tab."""
        return list(self.models)[max(0, self.tabs.currentIndex())]

    def reload(self) -> None:
        """Read every report in the background; stale answers are dropped."""
        self._generation += 1
        generation, today = self._generation, self._today
        self.status.setText(tr("Läser in…"))
        self._tasks.run(
            lambda: self._service.reports(today),
            lambda reports: self._loaded(generation, reports),
            lambda exc: self._failed(generation, exc),
            owner=self,
        )

    def _loaded(self, generation: int, reports: FollowupReports) -> None:
        """Fill the chart and every tab."""
        if generation != self._generation:
            return
        self.reports = reports
        for kind, tab in self.tab_specs.items():
            self.models[kind].set_rows(list(tab.rows(reports)))
        self.chart.set_months(reports.months, reports.today.strftime("%Y-%m"))
        self.status.setText(self._summary(reports))
        self.export_button.setEnabled(True)
        self.has_loaded = True
        self.loaded.emit()

    @staticmethod
    def _summary(reports: FollowupReports) -> str:
        """One line: the date, overdue, due this year, open (serious) deviations."""
        total = reports.totals
        return (
            tr(
                "Läget den %1: %2 avtal med plan, %3 försenade, %4 kvar att göra i år, "
                "%5 genomförda i år, %6 avtal utan plan. Öppna avvikelser: %7 (%8 allvarliga)."
            )
            .replace("%1", reports.today.isoformat())
            .replace("%2", str(total.plans))
            .replace("%3", str(total.overdue))
            .replace("%4", str(total.due))
            .replace("%5", str(total.done))
            .replace("%6", str(total.without_plan))
            .replace("%7", str(reports.open_deviations))
            .replace("%8", str(reports.serious_open))
        )

    def _failed(self, generation: int, exc: BaseException) -> None:
        """Explain in Swedish; keep what was shown."""
        if generation == self._generation:
            self.status.setText(user_text(exc))
            self.failed.emit(user_text(exc))

    def export_current(self) -> None:
        """Save the report on the chosen tab as .xlsx (made in the background)."""
        kind, today, service = self.current_kind(), self._today, self._service
        day = self.reports.today if self.reports else (today or date.today())
        export_to_file(
            self,
            self._tasks,
            lambda: service.report_xlsx(kind, today),
            title=tr("Exportera %1").replace("%1", kind.label.lower()),
            suggested=kind.filename(day),
            file_filter="Excel (*.xlsx)",
        )
