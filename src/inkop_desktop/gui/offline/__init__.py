"""Offline drafting in the window: the status-bar part and the background synchronisation."""

from inkop_desktop.gui.offline.conflicts_dialog import ConflictsDialog
from inkop_desktop.gui.offline.status import OfflineStatusLabel, status_text
from inkop_desktop.gui.offline.switch import OfflineController

__all__ = [
    "ConflictsDialog",
    "OfflineController",
    "OfflineStatusLabel",
    "status_text",
]
