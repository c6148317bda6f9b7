"""Tidslinje: the plan for one year (or quarter) as bars from start to contract start."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPainter, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.plan.timeline_scene import TimelineScene, span_of
from inkop_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from inkop_desktop.services.plan.service import PlanService

__all__ = ["TimelinePage", "TimelineScene", "TimelineView"]

PERIODS = ("Helår", "Kvartal 1", "Kvartal 2", "Kvartal 3", "Kvartal 4")


class TimelineView(QGraphicsView):
    """The picture's view: tells when its size changes (the picture is drawn to fit)."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Announce the new size after the usual handling."""
        super().resizeEvent(event)
        self.resized.emit()


class TimelinePage(QWidget):
    """The timeline view with a year chooser; loads in the background."""

    loaded = Signal()
    failed = Signal(str)

    def __init__(self, plan: PlanService, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._plan = plan
        self._tasks = tasks
        self.has_loaded = False
        self.bars: list[Any] = []
        self._year = 0
        heading = QLabel(self.tr("Tidslinje för upphandlingsplanen"), self)
        font = heading.font()
        font.setPointSize(font.pointSize() + 5)
        font.setBold(True)
        heading.setFont(font)
        self.status = QLabel("", self)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.status)
        top.addWidget(self._make_period())
        top.addWidget(self._make_year())
        self.scene = TimelineScene(self)
        self.view = TimelineView(self.scene, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrow keys scroll
        self.view.setAccessibleName(self.tr("Tidslinje"))
        self._redraw = QTimer(self, singleShot=True, interval=0)
        self._redraw.timeout.connect(self._draw)
        self.view.resized.connect(self._redraw.start)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self._keys()

    def _make_year(self) -> QSpinBox:
        """The year chooser (a change reads the year's bars)."""
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.setPrefix(self.tr("År: "))
        self.year.setAccessibleName(self.tr("År"))
        self.year.setToolTip(self.tr("Föregående/nästa år: Alt+Vänster / Alt+Höger"))
        self.year.valueChanged.connect(lambda _v: self.reload())
        return self.year

    def _make_period(self) -> QComboBox:
        """Whole year or one quarter (the picture is drawn again, nothing is read)."""
        self.period = QComboBox(self)
        for text in PERIODS:
            self.period.addItem(self.tr(text))
        self.period.setAccessibleName(self.tr("Period"))
        self.period.setToolTip(self.tr("Zooma: Ctrl++ kvartal, Ctrl+- helår"))
        self.period.currentIndexChanged.connect(lambda _i: self._draw())
        return self.period

    def _keys(self) -> None:
        """Zoom with Ctrl++ / Ctrl+-, step the period with Alt+Left / Alt+Right."""
        keys = (
            (QKeySequence.StandardKey.ZoomIn, lambda: self._zoom(+1)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self._zoom(-1)),
            (QKeySequence("Alt+Left"), lambda: self.step(-1)),
            (QKeySequence("Alt+Right"), lambda: self.step(+1)),
        )
        for key, run in keys:
            shortcut = QShortcut(key, self, run)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _zoom(self, way: int) -> None:
        """Into the current (or first) quarter, or out to the whole year."""
        if way < 0:
            self.period.setCurrentIndex(0)
        elif self.period.currentIndex() == 0:
            today = date.today()
            quarter = (today.month + 2) // 3 if today.year == self.year.value() else 1
            self.period.setCurrentIndex(quarter)

    def step(self, way: int) -> None:
        """The previous or next period: a quarter (across the year's end) or a year."""
        quarter = self.period.currentIndex()
        if quarter == 0:
            self.year.setValue(self.year.value() + way)
            return
        moved = quarter + way
        if 1 <= moved <= 4:
            self.period.setCurrentIndex(moved)
            return
        self.period.blockSignals(True)
        self.period.setCurrentIndex(4 if moved < 1 else 1)
        self.period.blockSignals(False)
        self.year.setValue(self.year.value() + way)

    def reload(self) -> None:
        """Fetch the chosen year's bars."""
        year = self.year.value()
        self.status.setText(self.tr("Läser in…"))
        self._tasks.run(
            lambda: self._plan.timeline(year),
            lambda b: self._show(year, b),
            self._failed,
            owner=self,
        )

    def _show(self, year: int, bars: list[Any]) -> None:
        """Draw the picture."""
        if year != self.year.value():
            return
        self.bars, self._year = bars, year
        self._draw()
        self.status.setText(self.tr("%1 planposter").replace("%1", str(len(bars))))
        self.view.setAccessibleDescription(
            self.tr("%1 planposter %2").replace("%1", str(len(bars))).replace("%2", str(year))
        )
        self.has_loaded = True
        self.loaded.emit()

    def _draw(self) -> None:
        """Draw the loaded bars to fill the view (no scroll bars unless it is too small)."""
        if not self._year:
            return
        port = self.view.viewport().size()
        span = span_of(self._year, self.period.currentIndex(), port.width(), port.height())
        self.scene.draw(self.bars, span, date.today())

    def _failed(self, exc: BaseException) -> None:
        """Say what went wrong."""
        self.status.setText(user_text(exc))
        self.failed.emit(user_text(exc))
