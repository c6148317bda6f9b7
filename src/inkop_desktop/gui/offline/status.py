"""The status bar's offline part (online/offline, changes waiting, last sync, conflicts) and the
timer that synchronises in the background (never on the GUI thread)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.offline import OfflineStatus

SYNC_MS = 60_000
"""How often the replica is synchronised (and, offline, the server tried again)."""


def _when(stamp: str) -> str:
    """An ISO instant as local HH:MM (or "aldrig")."""
    if not stamp:
        return "aldrig"
    return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")


def status_text(online: bool, status: OfflineStatus | None) -> str:
    """The Swedish status-bar text."""
    parts = ["Online" if online else "OFFLINE – du arbetar i den lokala kopian"]
    if status is not None:
        parts.append(f"{status.waiting} ändringar väntar")
        parts.append(f"senast synkroniserad {_when(status.last_sync)}")
        if status.conflicts:
            parts.append(f"{status.conflicts} konflikter att lösa")
        if status.aside:
            parts.append(f"{status.aside} ändringar åt sidan (annan programversion)")
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


class OfflineSync(QObject):
    """Runs *sync* (push then pull; returns whether the server answered, and the status) every
    minute in the background and shows the result in *label*."""

    def __init__(
        self,
        tasks: TaskRunner,
        label: OfflineStatusLabel,
        sync: Callable[[], tuple[bool, OfflineStatus | None]],
    ) -> None:
        super().__init__(label)
        self.tasks, self.label, self._sync = tasks, label, sync
        self.timer = QTimer(self)
        self.timer.setInterval(SYNC_MS)
        self.timer.timeout.connect(self.run_now)

    def start(self) -> None:
        """Synchronise now and then every minute."""
        self.run_now()
        self.timer.start()

    def run_now(self) -> None:
        """One synchronisation in the background."""
        self.tasks.run(self._sync, self._done, self._failed, owner=self.label)

    def _done(self, result: tuple[bool, OfflineStatus | None]) -> None:
        """Show what the synchronisation found."""
        self.label.show_status(*result)

    def _failed(self, _exc: BaseException) -> None:
        """The synchronisation failed unexpectedly: the status says offline (nothing is lost)."""
        self.label.show_status(False, None)
