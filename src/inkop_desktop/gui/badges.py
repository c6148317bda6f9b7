"""Keeps the navigation's counts current: re-counted in the background after every change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.tasks import TaskRunner

DELAY_MS = 300
"""Changes within this time are counted once (one single-shot timer, never restarted)."""


class BadgeCounter(QObject):
    """Counts on the thread pool; at most one count runs, a request meanwhile counts again."""

    counted = Signal(object)
    """New counts arrived (a dict key → number) and are shown."""
    settled = Signal()
    """A count ended, with numbers or with a reason shown instead."""

    def __init__(
        self,
        tasks: TaskRunner,
        load: Callable[[], Any],
        show: Callable[[dict[str, int]], None],
        failed: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._load = load
        self._show = show
        self._failed = failed
        self._running = False
        self._again = False
        self.has_counted = False
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self.count_now)
        self._stopped = False
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def stop(self) -> None:
        """Count no more (the program is ending)."""
        self._stopped = True
        self._timer.stop()

    def request(self, *_why: object) -> None:
        """Something may have changed: count again shortly."""
        if not self._timer.isActive():
            self._timer.start()

    def count_now(self) -> None:
        """Count now (or right after the count that is running)."""
        if self._stopped:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self._tasks.run(self._load, self._done, self._error, owner=self)

    def _done(self, counts: Any) -> None:
        """Show the counts; count again if a change came in meanwhile."""
        values = counts.model_dump() if hasattr(counts, "model_dump") else dict(counts)
        self._show(values)
        self.counted.emit(values)
        self._finished()

    def _error(self, exc: BaseException) -> None:
        """Show why the counts are missing (never a traceback)."""
        self._failed(user_text(exc))
        self._finished()

    def _finished(self) -> None:
        """One count is over; start the one asked for meanwhile."""
        self._running = False
        self.has_counted = True
        self.settled.emit()
        if self._again:
            self._again = False
            self.count_now()
