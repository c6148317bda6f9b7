"""Översikt: the inköpschef's pictures, filtered by region and nämnd; a click opens the list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.organisation import Region
from inkop_desktop.gui.charts import BarChart, ChartBar
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.export import export_to_file
from inkop_desktop.gui.internal_control import take_report
from inkop_desktop.gui.overview.targets import Target, target
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.internal_control import InternalControlService
from inkop_desktop.services.overview import OverviewPictures, OverviewPictureService, Picture

ORDER = (
    "upphandlingar",
    "bevakningar",
    "uppfoljningar",
    "direktupphandlingar",
    "avtalstrohet",
    "jav",
    "avsteg",
)
HORIZONTAL = frozenset({"uppfoljningar", "direktupphandlingar", "avtalstrohet", "avsteg", "jav"})
"""Pictures of named things (nämnder, keys): bars lie down so the names fit."""


def tr(text: str) -> str:
    """Translate (context "Översikt")."""
    return QCoreApplication.translate("Översikt", text)


class OverviewPage(QWidget):
    """Seven pictures in two columns under the region and nämnd filters."""

    loaded = Signal()
    failed = Signal(str)
    open_records = Signal(object)
    """A segment was clicked: the Target (view and filters) to open."""

    def __init__(
        self,
        service: OverviewPictureService,
        tasks: TaskRunner,
        export_ocds: Callable[[], bytes] | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
        internal_control: InternalControlService | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._service, self._tasks, self._export_ocds = service, tasks, export_ocds
        self._internal_control = internal_control
        self._generation = 0
        self.has_loaded = False
        self.pictures: OverviewPictures | None = None
        self.charts: dict[str, BarChart] = {}
        self._build()

    def _build(self) -> None:
        """Heading, filters, status line and the grid of charts in a scroll area."""
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        heading = QLabel(tr("Översikt"), self)
        heading.setObjectName("pageHeading")
        font = heading.font()
        font.setPointSize(font.pointSize() + 5)
        font.setBold(True)
        heading.setFont(font)
        top.addWidget(heading)
        top.addStretch(1)
        self.region = QComboBox(self)
        self.region.setAccessibleName(tr("Region"))
        self.region.addItem(tr("Region: båda"), "")
        for r in Region:
            self.region.addItem(r.label, r.value)
        self.namnd = QComboBox(self)
        self.namnd.setAccessibleName(tr("Nämnd"))
        self.namnd.addItem(tr("Nämnd: alla"), "")
        self.namnd.setMinimumContentsLength(24)
        for box in (self.region, self.namnd):
            box.currentIndexChanged.connect(lambda _i: self.reload())
            top.addWidget(box)
        layout.addLayout(top)
        layout.addLayout(self._commands())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        grid = QGridLayout(body)
        for index, name in enumerate(ORDER):
            chart = BarChart("", body)
            chart.base_height = 230
            chart.setMinimumHeight(chart.base_height)
            chart.horizontal = name in HORIZONTAL
            chart.segment_clicked.connect(lambda key, series, n=name: self._clicked(n, key, series))
            self.charts[name] = chart
            grid.addWidget(chart, index // 2, index % 2)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)

    def _commands(self) -> QHBoxLayout:
        """The status line, Exportera OCDS… and Internkontrollrapport…"""
        commands = QHBoxLayout()
        self.status = QLabel(tr("Läser in…"), self)
        commands.addWidget(self.status, 1)
        if self._export_ocds is not None:
            self.ocds_button = QPushButton(tr("Exportera OCDS…"), self)
            self.ocds_button.setToolTip(
                tr("Planen och avtalen som OCDS 1.1-data (JSON); bara offentliga uppgifter")
            )
            self.ocds_button.clicked.connect(self.export_ocds)
            commands.addWidget(self.ocds_button)
        if self._internal_control is not None:
            self.control_button = QPushButton(tr("Internkontrollrapport…"), self)
            self.control_button.setToolTip(
                tr("En nämnds direktupphandlingar, avtal, uppföljning, avtalstrohet och avsteg")
            )
            self.control_button.clicked.connect(self.internal_control_report)
            commands.addWidget(self.control_button)
        return commands

    def reload(self) -> None:
        """Read every picture for the chosen region and nämnd in one background call."""
        self._generation += 1
        generation = self._generation
        region = str(self.region.currentData() or "")
        namnd = str(self.namnd.currentData() or "")
        self.status.setText(tr("Läser in…"))
        self._tasks.run(
            lambda: self._service.pictures(region, namnd, self._today),
            lambda found: self._loaded(generation, found),
            lambda exc: self._failed(generation, exc),
            owner=self,
        )

    def _loaded(self, generation: int, found: OverviewPictures) -> None:
        """Draw the pictures; offer the nämnder the first time."""
        if generation != self._generation:
            return
        self.pictures = found
        if self.namnd.count() == 1:
            self.namnd.blockSignals(True)
            for value, text in found.namnder:
                self.namnd.addItem(text, value)
            self.namnd.blockSignals(False)
        for picture in found.pictures:
            self._show(picture)
        self.status.setText(tr("Klicka på en stapel för att öppna posterna i listan."))
        self.has_loaded = True
        self.loaded.emit()

    def _show(self, picture: Picture) -> None:
        """One picture into its chart."""
        chart = self.charts[picture.name]
        chart.title = tr(picture.title)
        chart.setAccessibleName(chart.title)
        chart.clickable = bool(picture.opens)
        bars = [ChartBar(b.key, b.label, b.values) for b in picture.bars]
        chart.set_data(
            [tr(s) for s in picture.series],
            bars,
            unit=picture.unit,
            limit=picture.limit,
            limit_label=tr(picture.limit_label),
            empty_text=tr(picture.empty_text),
        )

    def _failed(self, generation: int, exc: BaseException) -> None:
        """Say why in Swedish; the pictures keep what they showed."""
        if generation != self._generation:
            return
        text = user_text(exc)
        self.status.setText(text)
        self.failed.emit(text)

    def export_ocds(self) -> None:
        """Ask for a file and write the OCDS release package in the background."""
        if self._export_ocds is not None:
            export_to_file(
                self,
                self._tasks,
                self._export_ocds,
                title=tr("Exportera OCDS"),
                suggested=f"ocds-{date.today().isoformat()}.json",
                file_filter="JSON (*.json)",
            )

    def internal_control_report(self) -> None:
        """Internkontrollrapport…: nämnd and period, then the PDF."""
        if self._internal_control is not None:
            take_report(self, self._internal_control, self._tasks, self._today or date.today())

    def _clicked(self, name: str, key: str, series: int) -> None:
        """Open the records behind the segment."""
        if self.pictures is None:
            return
        opens = self.pictures.picture(name).opens
        region = str(self.region.currentData() or "")
        found: Target = target(name, opens, key, series, region)
        self.open_records.emit(found)
