"""Live refresh: other users' changes reach the open views within seconds.

The ChangeFeed calls :meth:`LiveRefresh.deliver` on its background thread; a queued signal
brings the batch to the GUI thread, where batches are gathered for ``DELAY_MS`` (one
single-shot timer, never restarted, so a stream of changes still refreshes twice a second at
most). Then the page on screen re-reads (keeping the selected row and the scroll position),
hidden pages that have been loaded are re-read when they are shown next, and every open
editor is asked whether its record changed underneath (it shows a notice, never reloads).
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QWidget

from inkop_desktop.gui.page_registry import Pages
from inkop_desktop.services.changes import ChangeFeed, Changes

DELAY_MS = 500


@runtime_checkable
class WatchesRecord(Protocol):
    """An editor that wants to know when others changed tables (it checks its own record)."""

    def changed_elsewhere(self, changes: Changes) -> None:
        """Others changed *changes*; check the open record in the background."""


class _Window(Protocol):
    """What the bridge needs of the main window."""

    pages: Pages

    def current_page(self) -> QWidget | None: ...


def refresh(page: QWidget) -> None:
    """Re-read a page (a list page keeps its selected rows and its scroll position)."""
    page.reload()  # type: ignore[attr-defined]


class LiveRefresh(QObject):
    """Receives the feed's batches on the GUI thread and refreshes the affected open views."""

    received = Signal(object)
    refreshed = Signal(object)
    """The views re-read now (a frozenset of names), after the batches were gathered."""

    def __init__(self, window: Any, feed: ChangeFeed, delay_ms: int = DELAY_MS) -> None:
        super().__init__(window)
        self._window: _Window = window
        self._views: set[str] = set()
        self._tables: set[str] = set()
        self.stale: set[str] = set()
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._flush)
        self.received.connect(self._collect, Qt.ConnectionType.QueuedConnection)
        nav = getattr(window, "nav", None)
        if nav is not None:
            nav.currentRowChanged.connect(self._shown)
        feed.subscribe(self.deliver)

    def deliver(self, changes: Changes) -> None:
        """Called on the listener's thread: hand the batch over to the GUI thread."""
        self.received.emit(changes)

    def _collect(self, changes: Changes) -> None:
        """GUI thread: gather the batch; the timer started by the first one flushes them all."""
        self._views |= changes.views
        self._tables |= changes.tables
        if not self._timer.isActive():
            self._timer.start()

    def _flush(self) -> None:
        """Refresh the page on screen, mark the other loaded ones, tell the open editors."""
        views, tables = frozenset(self._views), frozenset(self._tables)
        self._views.clear()
        self._tables.clear()
        current = self._window.current_page()
        now: set[str] = set()
        for name in views:
            page = self._window.pages.built(name)  # a page made later loads fresh
            if page is None or not getattr(page, "has_loaded", False):
                continue
            if page is current:
                now.add(name)
                refresh(page)
            else:
                self.stale.add(name)
        self._tell_editors(Changes(tables, views))
        self.refreshed.emit(frozenset(now))

    def _tell_editors(self, changes: Changes) -> None:
        """Every open editor checks whether its record changed (it is never reloaded here)."""
        root = self.parent()
        if not isinstance(root, QWidget):
            return
        for dialog in root.findChildren(QDialog):
            if dialog.isVisible() and isinstance(dialog, WatchesRecord):
                dialog.changed_elsewhere(changes)

    def _shown(self, row: int) -> None:
        """A page comes on screen: re-read it if others changed it while it was hidden."""
        name = self._window.pages.name_at(row)
        if name in self.stale:
            self.stale.discard(name)
            refresh(self._window.pages[name])
