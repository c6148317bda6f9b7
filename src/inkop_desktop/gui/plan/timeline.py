"""Tidslinje: the plan for one year as bars from start to contract start, grouped by region."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import PlanStatus
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from inkop_desktop.services.plan.service import PlanService
    from inkop_desktop.services.plan.timeline import TimelineBar

MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
STATUS_COLOURS = {
    PlanStatus.BEHOV_ANMALT: "#9e9e9e",
    PlanStatus.PLANERAD: "#90caf9",
    PlanStatus.FORBEREDELSE: "#1e88e5",
    PlanStatus.ANNONSERAD: "#fb8c00",
    PlanStatus.UTVARDERING: "#8e24aa",
    PlanStatus.TILLDELAD: "#43a047",
    PlanStatus.AVTAL_TECKNAT: "#1b5e20",
    PlanStatus.AVBRUTEN: "#e57373",
}
LABEL_W, MONTH_W, ROW_H, TOP = 260.0, 66.0, 22.0, 34.0


def x_of(day: date, year: int) -> float:
    """Horizontal position of *day* (clamped to the year)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    day = min(max(day, first), last)
    return LABEL_W + (day - first).days / ((last - first).days + 1) * 12 * MONTH_W


class TimelineScene(QGraphicsScene):
    """Draws bars, milestones, month grid, region headings, today line and a legend."""

    def draw(self, bars: list[TimelineBar], year: int, today: date) -> None:
        """Replace the picture with *bars* for *year*."""
        self.clear()
        y = TOP
        for parties in Parties:
            group = [b for b in bars if b.parties == parties.value]
            if not group:
                continue
            y = self._heading(parties.label, y)
            for bar in group:
                self._bar(bar, year, y)
                y += ROW_H
            y += 8
        self._grid(year, y)
        if today.year == year:
            x = x_of(today, year)
            self.addLine(x, TOP - 6, x, y, QPen(QColor("#d32f2f"), 1.5, Qt.PenStyle.DashLine))
        self._legend(y + 12)

    def _heading(self, text: str, y: float) -> float:
        """A bold region heading; returns the next row's y."""
        item = self.addText(text, _font(bold=True, size=10))
        item.setPos(4, y)
        return y + ROW_H + 2

    def _bar(self, bar: TimelineBar, year: int, y: float) -> None:
        """One item: label, bar coloured by status, milestones as diamonds."""
        label = self.addText(_short(f"{bar.reference} {bar.title}", 40), _font(size=8))
        label.setPos(10, y - 2)
        label.setToolTip(f"{bar.reference} {bar.title}")
        x0, x1 = x_of(bar.start, year), x_of(bar.end, year)
        colour = QColor(STATUS_COLOURS.get(PlanStatus(bar.status), "#757575"))
        rect = self.addRect(
            QRectF(x0, y + 3, max(x1 - x0, 4.0), ROW_H - 8),
            QPen(colour.darker(130)),
            QBrush(colour),
        )
        rect.setToolTip(f"{bar.reference}: {PlanStatus(bar.status).label}, {bar.start} – {bar.end}")
        for name, day in bar.milestones:
            if day.year == year:
                self._diamond(x_of(day, year), y + ROW_H / 2 - 1, f"{name} {day.isoformat()}")

    def _diamond(self, x: float, y: float, tip: str) -> None:
        """A milestone marker."""
        shape = QPolygonF(
            [QPointF(x, y - 6), QPointF(x + 5, y), QPointF(x, y + 6), QPointF(x - 5, y)]
        )
        item = self.addPolygon(shape, QPen(QColor("#212121")), QBrush(QColor("#ffeb3b")))
        item.setToolTip(tip)

    def _grid(self, year: int, bottom: float) -> None:
        """Month lines and names along the top."""
        pen = QPen(QColor("#cfd8dc"))
        for month in range(13):
            x = LABEL_W + month * MONTH_W
            self.addLine(x, TOP - 6, x, bottom, pen)
            if month < 12:
                text = self.addText(MONTHS[month], _font(size=8))
                text.setPos(x + MONTH_W / 2 - 12, 4)
        title = self.addText(str(year), _font(bold=True, size=11))
        title.setPos(4, 2)

    def _legend(self, y: float) -> None:
        """Status colours and the milestone marker explained."""
        x = 10.0
        for status, colour in STATUS_COLOURS.items():
            self.addRect(QRectF(x, y + 4, 14, 10), QPen(Qt.PenStyle.NoPen), QBrush(QColor(colour)))
            text = self.addText(status.label, _font(size=8))
            text.setPos(x + 16, y - 2)
            x += 22 + text.boundingRect().width()
        self._diamond(x + 6, y + 9, "")
        self.addText("Milstolpe", _font(size=8)).setPos(x + 14, y - 2)


def _font(*, bold: bool = False, size: int = 9) -> QFont:
    """The application font at *size*."""
    font = QFont()
    font.setPointSize(size)
    font.setBold(bold)
    return font


def _short(text: str, length: int) -> str:
    """Shorten with an ellipsis."""
    return text if len(text) <= length else text[: length - 1] + "…"


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
        heading = QLabel(self.tr("Tidslinje för upphandlingsplanen"), self)
        font = heading.font()
        font.setPointSize(font.pointSize() + 5)
        font.setBold(True)
        heading.setFont(font)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.setPrefix(self.tr("År: "))
        self.year.valueChanged.connect(lambda _v: self.reload())
        self.status = QLabel("", self)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.status)
        top.addWidget(self.year)
        self.scene = TimelineScene(self)
        self.view = QGraphicsView(self.scene, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)

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
        self.bars = bars
        self.scene.draw(bars, year, date.today())
        self.status.setText(self.tr("%1 planposter").replace("%1", str(len(bars))))
        self.has_loaded = True
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        """Say what went wrong."""
        self.status.setText(user_text(exc))
        self.failed.emit(user_text(exc))
