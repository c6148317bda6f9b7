"""Avtalstrohet: import a reskontra; shares per nämnd, region, supplier; off-contract; warnings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.compliance import OffContract, PlanPrefill, plan_prefill
from inkop_desktop.domain.money import format_kronor
from inkop_desktop.domain.permissions import Act
from inkop_desktop.gui.compliance.chart import ShareBars
from inkop_desktop.gui.compliance.importer import ReskontraImporter
from inkop_desktop.gui.compliance.mapping_dialog import tr
from inkop_desktop.gui.compliance.tabs import Tab, tabs
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.export import export_to_file
from inkop_desktop.gui.list_page import page_heading
from inkop_desktop.gui.read_only import offer
from inkop_desktop.gui.report_parts import TotalsModel, report_table, status_line
from inkop_desktop.gui.table_model import RowTableModel
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.access import Actor
from inkop_desktop.services.compliance import ComplianceReport, ComplianceService, ReportKind


class CompliancePage(QWidget):
    """The avtalstrohet report of one fiscal year, read in one background call."""

    loaded = Signal()
    failed = Signal(str)

    def __init__(
        self,
        service: ComplianceService,
        tasks: TaskRunner,
        me: Actor | None = None,
        on_plan: Callable[[PlanPrefill], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service, self._tasks, self._on_plan = service, tasks, on_plan
        self._me = me
        self._generation = 0
        self.has_loaded = False
        self.report: ComplianceReport | None = None
        self.models: dict[ReportKind, RowTableModel] = {}
        self.views: dict[ReportKind, QTableView] = {}
        self.importer = ReskontraImporter(self, service, tasks, self.reload)
        self._build()

    def _may(self, act: Act) -> bool:
        """True when the person may (no actor known: offered, the service decides)."""
        return self._me is None or self._me.may(act)

    def _build(self) -> None:
        """Heading, commands, summary, chart, tabs."""
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading(tr("Avtalstrohet"), self))
        layout.addLayout(self._commands())
        self.status = status_line(tr("Läser in…"), self)
        layout.addWidget(self.status)
        self.chart = ShareBars(self)
        layout.addWidget(self.chart)
        self.tabs = QTabWidget(self)
        self.tab_specs = tabs()
        for kind, tab in self.tab_specs.items():
            self.tabs.addTab(self._table(kind, tab), kind.label)
        self.tabs.currentChanged.connect(lambda _i: self._show_chart())
        layout.addWidget(self.tabs, 3)

    def _commands(self) -> QHBoxLayout:
        """Year, import, export and Skapa planpost."""
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Räkenskapsår:"), self))
        self.year = QComboBox(self)
        self.year.setAccessibleName(tr("Räkenskapsår"))
        self.year.activated.connect(lambda _i: self.reload())
        row.addWidget(self.year)
        self.import_button = QPushButton(tr("Importera leverantörsreskontra…"), self)
        self.import_button.setToolTip(
            tr("Läser in en Excel- eller CSV-fil ur leverantörsreskontran")
        )
        self.import_button.clicked.connect(self.importer.choose_file)
        if not self._may(Act.COMPLIANCE_IMPORT) and self._me is not None:
            offer(self.import_button, True, self._me.refusal(Act.COMPLIANCE_IMPORT))
        row.addWidget(self.import_button)
        self.export_button = QPushButton(tr("Exportera till Excel…"), self)
        self.export_button.setToolTip(tr("Sparar tabellen på den valda fliken som Excel-fil"))
        self.export_button.clicked.connect(self.export_current)
        self.export_button.setEnabled(False)
        row.addWidget(self.export_button)
        self.plan_button = QPushButton(tr("Skapa planpost…"), self)
        self.plan_button.setToolTip(
            tr("Öppnar en ny post i upphandlingsplanen för den valda leverantörens köp utan avtal")
        )
        self.plan_button.clicked.connect(self.create_plan_item)
        self.plan_button.setVisible(self._on_plan is not None and self._may(Act.PLAN_CREATE))
        self.plan_button.setEnabled(False)
        row.addWidget(self.plan_button)
        row.addStretch(1)
        return row

    def _table(self, kind: ReportKind, tab: Tab) -> QTableView:
        """A read-only table; the first column takes the room left."""
        model = TotalsModel(tab.columns, self)
        view = report_table(model, kind.label, self)
        if kind is ReportKind.UTAN_AVTAL:
            view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
            view.doubleClicked.connect(lambda _i: self.create_plan_item())
        self.models[kind], self.views[kind] = model, view
        return view

    def current_kind(self) -> ReportKind:
        """The table on the chosen tab."""
        return list(self.models)[max(0, self.tabs.currentIndex())]

    def reload(self) -> None:
        """Read the report of the chosen year in the background; stale answers are dropped."""
        self._generation += 1
        generation, year, service = self._generation, self.year.currentData(), self._service
        self.status.setText(tr("Läser in…"))
        self._tasks.run(
            lambda: service.report(year),
            lambda report: self._loaded(generation, report),
            lambda exc: self._failed(generation, exc),
            owner=self,
        )

    def _loaded(self, generation: int, report: ComplianceReport) -> None:
        """Fill the year choice, the tables, the chart and the summary."""
        if generation != self._generation:
            return
        self.report = report
        self.year.clear()
        for year in reversed(report.years):
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(0, self.year.findData(report.year)))
        for kind, tab in self.tab_specs.items():
            self.models[kind].set_rows(list(tab.rows(report)))
        self._show_chart()
        self.status.setText(self._summary(report))
        self.export_button.setEnabled(report.year is not None)
        self._selection_changed()
        self.has_loaded = True
        self.loaded.emit()

    def _show_chart(self) -> None:
        """Bars for the chosen share table (per nämnd when another tab is chosen)."""
        if self.report is None:
            return
        kind = self.current_kind()
        shown = kind if self.tab_specs[kind].chart else ReportKind.NAMND
        self.chart.set_shares(self.tab_specs[shown].rows(self.report)[:-1])

    @staticmethod
    def _summary(report: ComplianceReport) -> str:
        """One line: the year, the share on contract, warnings, unmapped units."""
        if report.year is None:
            return tr(
                "Ingen leverantörsreskontra är inläst. Importera en för att se avtalstroheten."
            )
        total = report.total
        return (
            tr("%1: %2 av inköpen gjordes inom avtal i kraft på fakturadagen (%3 av %4). "
               "%5 varningar om köp av samma slag över direktupphandlingsgränsen; "
               "%6 nämnd/ansvar i filen kunde inte kopplas.")
            .replace("%1", str(report.year))
            .replace("%2", total.percent)
            .replace("%3", format_kronor(total.on_contract_ore))
            .replace("%4", format_kronor(total.total_ore))
            .replace("%5", str(len(report.warnings)))
            .replace("%6", str(len(report.unmapped)))
        )  # fmt: skip

    def _failed(self, generation: int, exc: BaseException) -> None:
        """Explain in Swedish; keep what was shown."""
        if generation == self._generation:
            self.status.setText(user_text(exc))
            self.failed.emit(user_text(exc))

    def selected_supplier(self) -> OffContract | None:
        """The off-contract supplier chosen in its table."""
        view = self.views[ReportKind.UTAN_AVTAL]
        rows = view.selectionModel().selectedRows()
        if not rows:
            return None
        found: OffContract = self.models[ReportKind.UTAN_AVTAL].row_at(rows[0].row())
        return found

    def _selection_changed(self) -> None:
        """Skapa planpost needs a chosen supplier."""
        self.plan_button.setEnabled(self.selected_supplier() is not None)

    def create_plan_item(self) -> None:
        """Open a new plan item prefilled for the chosen supplier (saved by the plan service)."""
        supplier, report = self.selected_supplier(), self.report
        if supplier is None or report is None or report.year is None or self._on_plan is None:
            return
        self._on_plan(plan_prefill(supplier, report.year))

    def export_current(self) -> None:
        """Save the chosen table as .xlsx (made in the background)."""
        kind, service = self.current_kind(), self._service
        year = self.report.year if self.report else None
        export_to_file(
            self,
            self._tasks,
            lambda: service.report_xlsx(kind, year),
            title=tr("Exportera %1").replace("%1", kind.label.lower()),
            suggested=kind.filename(year),
            file_filter="Excel (*.xlsx)",
        )
