"""The shipped SVG icons, drawn in the palette's colours (light and dark themes alike)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from inkop_desktop.paths import resource

NAV_SIZE = QSize(20, 20)
TOOL_SIZE = QSize(18, 18)


@cache
def _svg(name: str) -> str:
    """The SVG text of ``resources/icons/<name>.svg``."""
    return resource("icons", f"{name}.svg").read_text(encoding="utf-8")


def exists(name: str) -> bool:
    """True when an icon *name* is shipped."""
    return resource("icons", f"{name}.svg").is_file()


def render(name: str, color: QColor, size: int) -> QPixmap:
    """The icon *name* as a *size*×*size* pixmap, its strokes in *color*."""
    text = _svg(name).replace("currentColor", color.name())
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


class _SvgIcon(QIconEngine):
    """Draws a shipped icon at the size and in the mode asked for, once each (not in advance)."""

    def __init__(self, name: str, colours: dict[QIcon.Mode, QColor]) -> None:
        super().__init__()
        self._name = name
        self._colours = colours
        self._drawn: dict[tuple[int, int, QIcon.Mode], QPixmap] = {}

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        """The icon at *size* logical pixels for a screen with *scale* device pixels each."""
        side = max(1, round(min(size.width(), size.height()) * scale))
        key = (side, round(scale * 100), mode)
        found = self._drawn.get(key)
        if found is None:
            colour = self._colours.get(mode, self._colours[QIcon.Mode.Normal])
            found = self._drawn[key] = render(self._name, colour, side)
            found.setDevicePixelRatio(scale)
        return found

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        """The icon at *size* device pixels."""
        return self.scaledPixmap(size, mode, state, 1.0)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        """Draw the icon into *rect*, sharp on the painter's screen."""
        scale = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        """Square, as the SVGs are."""
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        """A copy with the same colours (drawn again when asked)."""
        return _SvgIcon(self._name, self._colours)


def icon(name: str, palette: QPalette | None = None) -> QIcon:
    """A themed icon: text colour normally, the disabled text colour when disabled."""
    colours = palette or QGuiApplication.palette()
    active, disabled = QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled
    by_mode = {
        QIcon.Mode.Normal: colours.color(active, QPalette.ColorRole.ButtonText),
        QIcon.Mode.Disabled: colours.color(disabled, QPalette.ColorRole.ButtonText),
        QIcon.Mode.Selected: colours.color(active, QPalette.ColorRole.HighlightedText),
    }
    return QIcon(_SvgIcon(name, by_mode))
