"""A small QPainter bar chart: stacked bars, vertical or horizontal, an optional limit line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

PALETTE = (
    "#1d4ed8", "#93c5fd", "#15803d", "#f59e0b", "#b91c1c", "#7c3aed", "#0f766e", "#6b7280",
)  # fmt: skip
INK, GRID, LIMIT = QColor("#111827"), QColor("#e5e7eb"), QColor("#b91c1c")
TITLE_H, LEGEND_H, PAD = 22.0, 18.0, 8.0


def nice_max(value: int) -> int:
    """A round axis maximum at or above *value* (at least 4, so the ticks are whole numbers)."""
    top = max(value, 4)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top <= step * 4:
            return step * 4
    magnitude = 10 ** (len(str(top)) - 2)
    return int(-(-top // (4 * magnitude)) * 4 * magnitude)


def amount(value: int, unit: str) -> str:
    """ "1 250 000 kr", "12 st", "87 %" (space as thousands separator)."""
    return f"{value:,}".replace(",", " ") + (f" {unit}" if unit else "")


AXIS_TKR_FROM = 10**5
"""Display only (not a procurement amount): from six-digit kronor the axis reads in tkr."""


def axis_text(value: int, unit: str, top: int) -> str:
    """An axis number short enough to stand under a grid line: "180 tkr" for large kronor."""
    if unit == "kr" and top >= AXIS_TKR_FROM:
        return f"{value // 1000} tkr"
    return amount(value, "")


@dataclass(frozen=True)
class ChartBar:
    """One bar: what a click reports (key), its label and one value per series."""

    key: str
    label: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class Hit:
    """A segment on screen: its bar, series and rectangle."""

    bar: int
    series: int
    rect: QRectF


class BarChart(QWidget):
    """Stacked bars with legend, axis and limit line; a click on a segment emits its key."""

    segment_clicked = Signal(str, int)
    """(bar key, series index) of the segment clicked (or chosen with Enter)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.series: tuple[str, ...] = ()
        self.bars: tuple[ChartBar, ...] = ()
        self.unit = ""
        self.limit: int | None = None
        self.limit_label = ""
        self.empty_text = ""
        self.horizontal = False
        self.clickable = True
        self.hits: list[Hit] = []
        self.base_height = 200
        """The least height, whatever the data (more for many horizontal bars)."""
        self.setMinimumSize(300, self.base_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(title)

    def sizeHint(self) -> QSize:
        """Room for a dozen bars, or one text line per bar when they lie horizontally."""
        return QSize(520, max(250, self._wanted_height()))

    def _wanted_height(self) -> int:
        """Horizontal bars: every label on its own line (never overlapping); else the minimum."""
        if not self.horizontal:
            return self.base_height
        line = self.fontMetrics().height() + 4
        top = TITLE_H + LEGEND_H * len(self._legend_rows()) + PAD
        return int(top + 22 + line * len(self.bars))

    def set_data(
        self,
        series: Sequence[str],
        bars: Sequence[ChartBar],
        *,
        unit: str = "",
        limit: int | None = None,
        limit_label: str = "",
        empty_text: str = "",
    ) -> None:
        """Show *bars*; the accessible description reads every value."""
        self.series, self.bars, self.unit = tuple(series), tuple(bars), unit
        self.limit, self.limit_label, self.empty_text = limit, limit_label, empty_text
        lines = [self.describe(i) for i in range(len(self.bars))]
        if limit is not None:
            lines.append(f"{limit_label}: {amount(limit, unit)}")
        self.setAccessibleDescription("; ".join(lines) or empty_text)
        self.setMinimumHeight(max(self.base_height, self._wanted_height()))
        self.updateGeometry()
        self.update()

    def describe(self, index: int, series: int | None = None) -> str:
        """ "2026 K1: Planerad 3, Annonserad 1" (only the series *series* when given)."""
        bar = self.bars[index]
        parts = [
            f"{name} {amount(v, self.unit)}"
            for i, (name, v) in enumerate(zip(self.series, bar.values, strict=False))
            if (series is None and v) or i == series
        ]
        return f"{bar.label}: " + (", ".join(parts) or amount(0, self.unit))

    def _legend_rows(self) -> list[list[tuple[int, float]]]:
        """The legend's entries (series index, x) wrapped into rows that fit the width."""
        metrics = self.fontMetrics()
        rows: list[list[tuple[int, float]]] = [[]]
        x = PAD
        for i, name in enumerate(self.series):
            width = 18 + metrics.horizontalAdvance(name) + 12
            if rows[-1] and x + width > self.width() - PAD:
                rows.append([])
                x = PAD
            rows[-1].append((i, x))
            x += width
        return rows

    def _plot(self) -> QRectF:
        """The plot area (labels outside it)."""
        left = min(240.0, max(120.0, self.width() * 0.36)) if self.horizontal else 58.0
        right = 36.0 if self.horizontal else 16.0
        top = TITLE_H + LEGEND_H * len(self._legend_rows()) + PAD
        return QRectF(left, top, self.width() - left - right, self.height() - top - 22.0)

    def _top(self) -> int:
        """The axis maximum: the largest stack or the limit."""
        stacks = [sum(b.values) for b in self.bars] + [self.limit or 0]
        return nice_max(max(stacks, default=0))

    def _layout(self, plot: QRectF, top: int) -> list[Hit]:
        """The rectangle of every non-empty segment."""
        hits: list[Hit] = []
        slot = (plot.height() if self.horizontal else plot.width()) / max(1, len(self.bars))
        thick = min(28.0, max(3.0, slot * 0.62))
        for i, bar in enumerate(self.bars):
            start = 0
            across = (
                (plot.top() if self.horizontal else plot.left()) + i * slot + (slot - thick) / 2
            )
            for j, value in enumerate(bar.values):
                if value <= 0:
                    continue
                if self.horizontal:
                    x0 = plot.left() + plot.width() * start / top
                    rect = QRectF(x0, across, plot.width() * value / top, thick)
                else:
                    y1 = plot.bottom() - plot.height() * (start + value) / top
                    rect = QRectF(across, y1, thick, plot.height() * value / top)
                hits.append(Hit(i, j, rect))
                start += value
        return hits

    def paintEvent(self, event: QPaintEvent) -> None:
        """Title, legend, grid, bars, limit line."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(INK)
        title = painter.fontMetrics().elidedText(
            self.title, Qt.TextElideMode.ElideRight, int(self.width() - 2 * PAD)
        )
        painter.drawText(QRectF(PAD, 2, self.width() - 2 * PAD, TITLE_H), title)
        bold.setBold(False)
        painter.setFont(bold)
        plot = self._plot()
        if not self.bars or plot.width() <= 20 or plot.height() <= 20:
            self.hits = []
            painter.setPen(QColor("#6b7280"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        top = self._top()
        self._legend(painter)
        self._grid(painter, plot, top)
        self.hits = self._layout(plot, top)
        painter.setPen(Qt.PenStyle.NoPen)
        for hit in self.hits:
            painter.setBrush(QColor(PALETTE[hit.series % len(PALETTE)]))
            painter.drawRect(hit.rect)
        self._labels(painter, plot)
        if self.limit is not None:
            self._limit(painter, plot, top)
        painter.end()

    def _legend(self, painter: QPainter) -> None:
        """What the colours mean, under the title (wrapped when it does not fit one row)."""
        for row, entries in enumerate(self._legend_rows()):
            y = TITLE_H + 2 + row * LEGEND_H
            for i, x in entries:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(PALETTE[i % len(PALETTE)]))
                painter.drawRect(QRectF(x, y + 3, 12, 10))
                painter.setPen(INK)
                painter.drawText(QPointF(x + 16, y + 13), self.series[i])

    def _grid(self, painter: QPainter, plot: QRectF, top: int) -> None:
        """Four grid lines with their values along the value axis."""
        widest = painter.fontMetrics().horizontalAdvance(axis_text(top, self.unit, top)) + 8
        every = 2 if self.horizontal and widest * 4 > plot.width() else 1
        for tick in range(5):
            share = tick / 4
            text = axis_text(top * tick // 4, self.unit, top) if tick % every == 0 else ""
            painter.setPen(QPen(GRID, 1))
            if self.horizontal:
                x = plot.left() + plot.width() * share
                painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
                painter.setPen(INK)
                painter.drawText(
                    QRectF(x - 40, plot.bottom() + 2, 80, 18), Qt.AlignmentFlag.AlignCenter, text
                )
            else:
                y = plot.bottom() - plot.height() * share
                painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
                painter.setPen(INK)
                align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                painter.drawText(QRectF(0, y - 9, plot.left() - 6, 18), align, text)

    def _labels(self, painter: QPainter, plot: QRectF) -> None:
        """Each bar's label (elided), beside or under it; thinned when they would overlap."""
        painter.setPen(INK)
        metrics = painter.fontMetrics()
        slot = (plot.height() if self.horizontal else plot.width()) / len(self.bars)
        widest = max(metrics.horizontalAdvance(b.label) for b in self.bars) + 6
        every = 1 if self.horizontal else max(1, int(widest // slot) + 1)
        for i, bar in enumerate(self.bars):
            if i % every:
                continue
            if self.horizontal:
                rect = QRectF(2, plot.top() + i * slot, plot.left() - 8, slot)
                text = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, int(rect.width()))
                align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            else:
                wide = metrics.horizontalAdvance(bar.label) + 4
                x = min(max(0.0, plot.left() + (i + 0.5) * slot - wide / 2), self.width() - wide)
                rect = QRectF(x, plot.bottom() + 2, wide, 18)
                text, align = bar.label, Qt.AlignmentFlag.AlignCenter
            painter.drawText(rect, align, text)

    def _limit(self, painter: QPainter, plot: QRectF, top: int) -> None:
        """A dashed line at the limit, with its name."""
        assert self.limit is not None
        pen = QPen(LIMIT, 2, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        text = f"{self.limit_label} {amount(self.limit, self.unit)}".strip()
        if self.horizontal:
            x = plot.left() + plot.width() * self.limit / top
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            wide = painter.fontMetrics().horizontalAdvance(text)
            left = max(4.0, min(x - wide / 2, self.width() - wide - 4))
            painter.drawText(QPointF(left, plot.top() - 2), text)
        else:
            y = plot.bottom() - plot.height() * self.limit / top
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.drawText(QPointF(plot.left() + 4, y - 4), text)

    def hit_at(self, point: QPointF) -> Hit | None:
        """The segment under *point* (a bar's whole slot counts for its top segment)."""
        return next((h for h in self.hits if h.rect.adjusted(-2, -2, 2, 2).contains(point)), None)

    def event(self, event: QEvent) -> bool:
        """The tooltip names the segment under the pointer (or the whole chart's values)."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            hit = self.hit_at(QPointF(event.pos()))
            text = self.describe(hit.bar, hit.series) if hit else self.accessibleDescription()
            QToolTip.showText(event.globalPos(), text.replace("; ", "\n"), self)
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """A pointing hand over a segment that opens something."""
        over = self.clickable and self.hit_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click on a segment reports its bar key and series."""
        hit = self.hit_at(event.position())
        if hit is not None and self.clickable and event.button() == Qt.MouseButton.LeftButton:
            self.segment_clicked.emit(self.bars[hit.bar].key, hit.series)
