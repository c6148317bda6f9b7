"""The status bar's offline part: online/offline, changes waiting, last sync, conflicts."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from inkop_desktop.services.offline import OfflineStatus

SYNC_MS = 60_000
"""How often the replica is synchronised while online."""


def _when(stamp: str) -> str:
    """An ISO instant as local HH:MM (or "aldrig")."""
    if not stamp:
        return "aldrig"
    return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")


def _count(n: int, one: str, many: str) -> str:
    """``1 konflikt``, ``2 konflikter``."""
    return f"{n} {one if n == 1 else many}"


def status_text(online: bool, status: OfflineStatus | None) -> str:
    """The Swedish status-bar text."""
    parts = ["Online" if online else "OFFLINE – du arbetar i den lokala kopian"]
    if status is not None:
        if status.conflicts:  # first: it needs the person, and a narrow window cuts the end
            parts.append(_count(status.conflicts, "konflikt", "konflikter") + " att lösa")
        parts.append(_count(status.waiting, "ändring", "ändringar") + " väntar")
        parts.append(f"senast synkroniserad {_when(status.last_sync)}")
        if status.aside:
            parts.append(
                _count(status.aside, "ändring", "ändringar") + " åt sidan (annan programversion)"
            )
    return " · ".join(parts)


class OfflineStatusLabel(QLabel):
    """Online/offline, changes waiting, last synchronisation and conflicts, in the status bar.

    A click opens the conflicts (``clicked``)."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Offlineläge"))
        self.setToolTip(self.tr("Klicka för att se konflikter att lösa"))
        self.online = True

    def show_status(self, online: bool, status: OfflineStatus | None) -> None:
        """Show the state (offline in bold red)."""
        self.online = online
        self.setText(status_text(online, status))
        self.setStyleSheet("" if online else "QLabel { color: #b91c1c; font-weight: bold; }")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click opens the conflicts view."""
        self.clicked.emit()
        super().mousePressEvent(event)
