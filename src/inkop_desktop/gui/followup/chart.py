"""A QPainter picture of follow-ups due and done per month, with the open deviations as a line."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from inkop_desktop.gui.charts import nice_max
from inkop_desktop.services.followup.report_months import MonthRow

MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
DUE = QColor("#93c5fd")
DONE = QColor("#15803d")
OPEN = QColor("#b91c1c")
GRID = QColor("#e5e7eb")
NOW = QColor("#fef9c3")
LEFT, RIGHT, TOP, BOTTOM = 44.0, 48.0, 34.0, 40.0


def month_label(key: str) -> str:
    """ "2026-05" → "maj 26"."""
    year, month = key.split("-")
    return f"{MONTHS[int(month) - 1]} {year[2:]}"


class FollowupChart(QWidget):
    """Bars: due and done per month (left axis); line: open deviations at month end (right axis)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months: tuple[MonthRow, ...] = ()
        self.current = ""
        self.setMinimumHeight(230)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Uppföljningar per månad"))

    def sizeHint(self) -> QSize:
        """Wide and not too tall."""
        return QSize(900, 260)

    def set_months(self, months: Sequence[MonthRow], current: str) -> None:
        """Show *months*; *current* ("2026-11") is highlighted."""
        self.months = tuple(months)
        self.current = current
        described = "; ".join(
            f"{month_label(m.month)}: {m.due} att göra, {m.done} genomförda"
            + (f", {m.open_deviations} öppna avvikelser" if m.open_deviations is not None else "")
            for m in self.months
        )
        self.setAccessibleDescription(described)
        self.setToolTip(described.replace("; ", "\n"))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw grid, bars, line, axes and legend."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        plot = QRectF(LEFT, TOP, self.width() - LEFT - RIGHT, self.height() - TOP - BOTTOM)
        if not self.months or plot.width() <= 0 or plot.height() <= 0:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Inga uppgifter"))
            return
        bars = nice_max(max(max(m.due, m.done) for m in self.months))
        line = nice_max(max((m.open_deviations or 0) for m in self.months))
        self._grid(painter, plot, bars, line)
        self._bars(painter, plot, bars)
        self._line(painter, plot, line)
        self._legend(painter)
        painter.end()

    def _slot(self, plot: QRectF) -> float:
        """The width of one month."""
        return plot.width() / len(self.months)

    def _grid(self, painter: QPainter, plot: QRectF, bars: int, line: int) -> None:
        """Horizontal lines with both axes' numbers, the current month shaded, month names."""
        slot = self._slot(plot)
        for i, m in enumerate(self.months):
            x = plot.left() + i * slot
            if m.month == self.current:
                painter.fillRect(QRectF(x, plot.top(), slot, plot.height()), NOW)
            painter.setPen(QColor("#374151"))
            label = QRectF(x, plot.bottom() + 4, slot, 18)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, month_label(m.month))
        for tick in range(5):
            y = plot.bottom() - plot.height() * tick / 4
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor("#374151"))
            left = QRectF(0, y - 9, LEFT - 6, 18)
            painter.drawText(
                left,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(bars * tick // 4),
            )
            painter.setPen(OPEN)
            right = QRectF(plot.right() + 6, y - 9, RIGHT - 6, 18)
            painter.drawText(
                right,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(line * tick // 4),
            )

    def _bars(self, painter: QPainter, plot: QRectF, top: int) -> None:
        """Two bars per month: due (light) and done (green)."""
        slot = self._slot(plot)
        width = max(2.0, slot * 0.32)
        painter.setPen(Qt.PenStyle.NoPen)
        for i, m in enumerate(self.months):
            middle = plot.left() + (i + 0.5) * slot
            for offset, value, colour in ((-width, m.due, DUE), (0.0, m.done, DONE)):
                height = plot.height() * value / top
                painter.setBrush(colour)
                painter.drawRect(QRectF(middle + offset, plot.bottom() - height, width, height))

    def _line(self, painter: QPainter, plot: QRectF, top: int) -> None:
        """The open deviations at each month's end, up to the current month."""
        slot = self._slot(plot)
        points = [
            QPointF(
                plot.left() + (i + 0.5) * slot,
                plot.bottom() - plot.height() * m.open_deviations / top,
            )
            for i, m in enumerate(self.months)
            if m.open_deviations is not None
        ]
        painter.setPen(QPen(OPEN, 2))
        for a, b in pairwise(points):
            painter.drawLine(a, b)
        painter.setBrush(OPEN)
        for p in points:
            painter.drawEllipse(p, 3.5, 3.5)

    def _legend(self, painter: QPainter) -> None:
        """What the colours mean, along the top."""
        x = LEFT
        entries = (
            (DUE, self.tr("Att genomföra")),
            (DONE, self.tr("Genomförda")),
            (OPEN, self.tr("Öppna avvikelser (höger axel)")),
        )
        metrics = painter.fontMetrics()
        for colour, text in entries:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRect(QRectF(x, 10, 14, 12))
            painter.setPen(QColor("#111827"))
            painter.drawText(QPointF(x + 20, 21), text)
            x += 20 + metrics.horizontalAdvance(text) + 24
