"""A warning bar at the top of the main window: reference values in force are missing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

if TYPE_CHECKING:  # the bar is made at start, before pydantic is needed
    from inkop_desktop.domain.reference import RefKey


def missing_text(keys: Sequence[RefKey], year: int) -> str:
    """The Swedish warning naming every missing value."""
    names = ", ".join(k.label for k in keys)
    return (
        f"Uppgifter som gäller {year} saknas: {names}. Planer och direktupphandlingar kan inte "
        "bedömas rätt förrän en administratör har lagt in dem med källa."
    )


class MissingValuesBar(QFrame):
    """Non-modal: the text and a button that opens "Beloppsgränser och ledtider…"."""

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("missingValuesBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#missingValuesBar { background: #fff4ce; border: 1px solid #c8a600; }"
            " #missingValuesBar QLabel { color: #3d3000; }"
        )
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.button = QPushButton(self.tr("Beloppsgränser och ledtider…"), self)
        self.button.clicked.connect(self.open_requested.emit)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_missing(self, keys: Sequence[RefKey], year: int) -> None:
        """Show the bar naming *keys*; hide it when nothing is missing."""
        self.label.setText(missing_text(keys, year))
        self.setVisible(bool(keys))
