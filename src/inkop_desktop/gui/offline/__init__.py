"""Offline drafting in the window: the status-bar part and the background synchronisation."""

from inkop_desktop.gui.offline.conflicts_dialog import ConflictsDialog
from inkop_desktop.gui.offline.status import OfflineStatusLabel, OfflineSync, status_text

__all__ = ["ConflictsDialog", "OfflineStatusLabel", "OfflineSync", "status_text"]
