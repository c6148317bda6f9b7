"""The timeline picture: bars, milestones, month grid, region headings, today line, legend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import PlanStatus

if TYPE_CHECKING:
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
TOP, GAP, LEGEND_H = 34.0, 8.0, 48.0
MIN_ROW, MAX_ROW, MIN_MONTH, HEADING_H = 22.0, 40.0, 36.0, 24.0
LABEL_SHARE = 0.4
"""The labels take at most this share of the width; a longer one is elided (tooltip: all)."""
MARK_KEY = 0
"""QGraphicsItem data key of a bar's "began before" / "goes on after" marker."""
BEFORE, AFTER = "före", "efter"


def tr(text: str) -> str:
    """Translate a timeline text (context "Tidslinje")."""
    return QCoreApplication.translate("Tidslinje", text)


@dataclass(frozen=True)
class Span:
    """The shown period (a year or one of its quarters) and the picture's size."""

    first: date
    last: date
    width: float
    height: float

    @property
    def months(self) -> int:
        """Number of months shown."""
        return self.last.month - self.first.month + 1


def span_of(year: int, quarter: int, width: float, height: float) -> Span:
    """The whole *year* (quarter 0) or its *quarter* (1–4), drawn into width × height."""
    if quarter == 0:
        return Span(date(year, 1, 1), date(year, 12, 31), width, height)
    first = date(year, 3 * quarter - 2, 1)
    last = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return Span(first, date.fromordinal(last.toordinal() - 1), width, height)


def _font(*, bold: bool = False, size: int = 9) -> QFont:
    """The application font at *size*."""
    font = QFont()
    font.setPointSize(size)
    font.setBold(bold)
    return font


class TimelineScene(QGraphicsScene):
    """Fills the given size: label column as wide as the labels need, rows as tall as there
    is room for; bars cut by the shown period carry a ◀ or ▶ marker."""

    def draw(self, bars: list[TimelineBar], span: Span, today: date) -> None:
        """Replace the picture with *bars* for *span*."""
        self.clear()
        self._span = span
        font = _font(size=8)
        metrics = QFontMetricsF(font)
        texts = [f"{b.reference} {b.title}" for b in bars]
        widest = max((metrics.horizontalAdvance(t) for t in texts), default=80.0) + 24
        roomy = span.width - 16 - span.months * MIN_MONTH
        self._label_w = max(160.0, min(widest, span.width * LABEL_SHARE, roomy))
        self._month_w = max(MIN_MONTH, (span.width - self._label_w - 16) / span.months)
        groups = [(p, [b for b in bars if b.parties == p.value]) for p in Parties]
        groups = [(p, g) for p, g in groups if g]
        room = span.height - TOP - LEGEND_H - (GAP + HEADING_H) * len(groups) - 8
        self._row = min(MAX_ROW, max(MIN_ROW, room / max(len(bars), 1)))
        y = TOP
        for parties, group in groups:
            y = self._heading(parties.label, y)
            for bar in group:
                self._bar(bar, y, metrics, font)
                y += self._row
            y += GAP
        self._grid(y)
        if span.first <= today <= span.last:
            x = self.x_of(today)
            self.addLine(x, TOP - 6, x, y, QPen(QColor("#d32f2f"), 1.5, Qt.PenStyle.DashLine))
        self._legend(y + 8)
        right = self._label_w + span.months * self._month_w + 8
        self.setSceneRect(0, 0, max(right, span.width), max(y + LEGEND_H + 8, span.height))

    def x_of(self, day: date) -> float:
        """Horizontal position of *day* (clamped to the shown period)."""
        first, last = self._span.first, self._span.last
        day = min(max(day, first), last)
        share = (day - first).days / ((last - first).days + 1)
        return self._label_w + share * self._span.months * self._month_w

    def _heading(self, text: str, y: float) -> float:
        """A bold region heading; returns the next row's y."""
        self.addText(text, _font(bold=True, size=10)).setPos(4, y)
        return y + HEADING_H

    def _bar(self, bar: TimelineBar, y: float, metrics: QFontMetricsF, font: QFont) -> None:
        """One item: label, bar coloured by status, markers where it is cut, milestones."""
        full = f"{bar.reference} {bar.title}"
        room = self._label_w - 24
        shown = full
        if metrics.horizontalAdvance(full) > room:
            shown = metrics.elidedText(full, Qt.TextElideMode.ElideRight, room)
        label = self.addText(shown, font)
        label.setPos(10, y + (self._row - 22) / 2 - 2)
        label.setToolTip(full)
        span = self._span
        if bar.end < span.first or bar.start > span.last:
            return
        x0, x1 = self.x_of(bar.start), self.x_of(bar.end)
        colour = QColor(STATUS_COLOURS.get(PlanStatus(bar.status), "#757575"))
        top, height = y + 3, self._row - 8
        rect = self.addRect(
            QRectF(x0, top, max(x1 - x0, 4.0), height), QPen(colour.darker(130)), QBrush(colour)
        )
        rect.setToolTip(f"{bar.reference}: {PlanStatus(bar.status).label}, {bar.start} – {bar.end}")
        ink = QColor("black" if colour.lightness() > 150 else "white")
        if bar.start < span.first:
            tip = tr("Började %1, före perioden").replace("%1", str(bar.start))
            self._marker(("◀", BEFORE, tip), QPointF(x0 + 2, top), height, ink)
        if bar.end > span.last:
            tip = tr("Slutar %1, efter perioden").replace("%1", str(bar.end))
            self._marker(("▶", AFTER, tip), QPointF(x1 - 14, top), height, ink)
        for name, day in bar.milestones:
            if span.first <= day <= span.last:
                self._diamond(self.x_of(day), y + self._row / 2 - 1, f"{name}\n{day.isoformat()}")

    def _marker(self, mark: tuple[str, str, str], at: QPointF, height: float, ink: QColor) -> None:
        """The ◀/▶ sign (sign, kind, tooltip) on a bar that runs on beyond the shown period."""
        sign, kind, tip = mark
        item = self.addSimpleText(sign, _font(bold=True, size=8))
        item.setBrush(QBrush(ink))
        item.setPos(at.x(), at.y() + (height - item.boundingRect().height()) / 2)
        item.setData(MARK_KEY, kind)
        item.setToolTip(tip)

    def _diamond(self, x: float, y: float, tip: str) -> QGraphicsItem:
        """A milestone marker; *tip* (its name, then the date) shows on hover."""
        shape = QPolygonF(
            [QPointF(x, y - 6), QPointF(x + 5, y), QPointF(x, y + 6), QPointF(x - 5, y)]
        )
        item = self.addPolygon(shape, QPen(QColor("#212121")), QBrush(QColor("#ffeb3b")))
        item.setToolTip(tip)
        return item

    def _grid(self, bottom: float) -> None:
        """Month lines and names along the top, the period's title at the left."""
        pen = QPen(QColor("#cfd8dc"))
        span = self._span
        for offset in range(span.months + 1):
            x = self._label_w + offset * self._month_w
            self.addLine(x, TOP - 6, x, bottom, pen)
            if offset < span.months:
                text = self.addText(MONTHS[span.first.month - 1 + offset], _font(size=8))
                text.setPos(x + self._month_w / 2 - text.boundingRect().width() / 2, 4)
        title = str(span.first.year)
        if span.months < 12:
            title += tr(" kvartal %1").replace("%1", str((span.first.month + 2) // 3))
        self.addText(title, _font(bold=True, size=11)).setPos(4, 2)

    def _legend(self, y: float) -> None:
        """Status colours, the milestone and the cut-bar markers explained (two lines at most)."""
        x, right, font = 10.0, self._span.width - 10, _font(size=8)
        for status, colour in STATUS_COLOURS.items():
            text = self.addText(status.label, font)
            if x + 22 + text.boundingRect().width() > right:
                x, y = 10.0, y + 20
            self.addRect(QRectF(x, y + 4, 14, 10), QPen(Qt.PenStyle.NoPen), QBrush(QColor(colour)))
            text.setPos(x + 16, y - 2)
            x += 22 + text.boundingRect().width()
        text = self.addText(tr("Milstolpe   ◀ ▶ fortsätter utanför perioden"), font)
        if x + 20 + text.boundingRect().width() > right:
            x, y = 10.0, y + 20
        self._diamond(x + 6, y + 9, "")
        text.setPos(x + 14, y - 2)
