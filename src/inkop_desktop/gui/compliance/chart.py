"""A simple bar per row: the share of spend on contract (QPainter, the palette's colours)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from inkop_desktop.domain.compliance import Share

MAX_BARS = 6
ROW = 22


class ShareBars(QWidget):
    """The largest rows' shares on contract as horizontal bars with the percentage."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shares: list[Share] = []
        self.setMinimumHeight(ROW * 3)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Avtalstrohet per rad")

    def set_shares(self, shares: Sequence[Share]) -> None:
        """Show the first rows (largest spend first) and repaint."""
        self._shares = [s for s in shares if s.total_ore > 0][:MAX_BARS]
        self.setMinimumHeight(ROW * max(3, len(self._shares)) + 8)
        self.update()

    @property
    def shares(self) -> list[Share]:
        """The rows drawn."""
        return list(self._shares)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Label, track, filled part on contract, percentage."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text, track = (
            palette.color(QPalette.ColorRole.WindowText),
            palette.color(QPalette.ColorRole.Midlight),
        )
        fill = palette.color(QPalette.ColorRole.Highlight)
        label_width = min(260, self.width() // 3)
        bar_left, bar_width = label_width + 8, max(40, self.width() - label_width - 80)
        metrics = painter.fontMetrics()
        for i, share in enumerate(self._shares):
            top = 4 + i * ROW
            painter.setPen(text)
            name = metrics.elidedText(share.label, Qt.TextElideMode.ElideRight, label_width)
            painter.drawText(
                QRectF(0, top, label_width, ROW - 4), Qt.AlignmentFlag.AlignVCenter, name
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(QRectF(bar_left, top + 3, bar_width, ROW - 10), 3, 3)
            painter.setBrush(fill)
            painter.drawRoundedRect(
                QRectF(bar_left, top + 3, bar_width * (share.share or 0.0), ROW - 10), 3, 3
            )
            painter.setPen(text)
            painter.drawText(
                QRectF(bar_left + bar_width + 6, top, 70, ROW - 4),
                Qt.AlignmentFlag.AlignVCenter,
                share.percent,
            )
        painter.end()
