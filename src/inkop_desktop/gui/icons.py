"""The shipped SVG icons, drawn in the palette's colours (light and dark themes alike)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from inkop_desktop.paths import resource

SIZES = (16, 20, 24, 32, 48)
"""The pixmap sizes an icon carries (toolbar, navigation, high-DPI)."""
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


def icon(name: str, palette: QPalette | None = None) -> QIcon:
    """A themed icon: text colour normally, the disabled text colour when disabled."""
    colours = palette or QGuiApplication.palette()
    normal = colours.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    off = colours.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    selected = colours.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
    result = QIcon()
    for size in SIZES:
        result.addPixmap(render(name, normal, size), QIcon.Mode.Normal)
        result.addPixmap(render(name, off, size), QIcon.Mode.Disabled)
        result.addPixmap(render(name, selected, size), QIcon.Mode.Selected)
    return result
