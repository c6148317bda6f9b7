"""The canvas every PDF is drawn on: "Sida N av M" on each page and PDF/A-2b on saving."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from inkop_desktop.documents.pdfa import Archival, make_archival

FOOTER_MM = 10
RIGHT_MM = 20


def page_label(number: int, total: int) -> str:
    """``Sida 2 av 5``."""
    return f"Sida {number} av {total}"


def archival_canvas(meta: Archival, font: str) -> Callable[..., Any]:
    """A reportlab canvas maker that counts the pages before numbering them."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    class ArchivalCanvas(Canvas):  # type: ignore[misc]
        """Keeps each finished page until the total is known, then numbers and saves."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._kept: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._kept.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._kept)
            for number, state in enumerate(self._kept, start=1):
                self.__dict__.update(state)
                self._number(number, total)
                Canvas.showPage(self)
            make_archival(self, meta)
            Canvas.save(self)

        def _number(self, number: int, total: int) -> None:
            width = self._pagesize[0]
            self.saveState()
            self.setFont(font, 8)
            self.drawRightString(width - RIGHT_MM * mm, FOOTER_MM * mm, page_label(number, total))
            self.restoreState()

    return ArchivalCanvas
