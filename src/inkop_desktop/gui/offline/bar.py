"""The bar above the pages while the window works offline: why, and what happens to a save."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class OfflineBar(QLabel):
    """Offline (the server gone, or chosen): say so until the window is online again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBar")
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel#offlineBar { background: #fde8e8; color: #7f1d1d;"
            " border: 1px solid #b91c1c; padding: 6px 10px; }"
        )
        self.setAccessibleName(self.tr("Offlineläge"))
        self.hide()

    def say(self, text: str, *, saved: str = "") -> None:
        """Show *text* (and, after an offline save, *saved* first in bold)."""
        self.setText(f"<b>{saved}</b> · {text}" if saved else text)
        self.show()
