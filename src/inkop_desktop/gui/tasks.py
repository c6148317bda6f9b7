"""Run service calls on a thread pool and deliver results or errors on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries a finished job's outcome back to the GUI thread (queued signal)."""

    done = Signal(object, object)


class _Job(QRunnable):
    """A function to run off the GUI thread; never touches widgets."""

    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        """Run and report; every exception is handed to the error callback."""
        try:
            result = self._fn()
        except Exception as exc:
            self._relay.done.emit(None, exc)
        else:
            self._relay.done.emit(result, None)


class TaskRunner(QObject):
    """One helper for all background work: ``run(fn, on_success, on_error)``."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._pending: set[_Relay] = set()

    @property
    def pending(self) -> int:
        """Jobs started and not yet delivered."""
        return len(self._pending)

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Run *fn* in the pool; call one of the callbacks on the GUI thread afterwards."""
        relay = _Relay()
        relay.done.connect(
            lambda result, exc: self._deliver(relay, result, exc, on_success, on_error)
        )
        self._pending.add(relay)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(fn, relay))

    def _deliver(
        self,
        relay: _Relay,
        result: Any,
        exc: BaseException | None,
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Hand the outcome to its callback and update the busy state."""
        self._pending.discard(relay)
        try:
            if exc is None:
                on_success(result)
            else:
                on_error(exc)
        finally:
            if not self._pending:
                self.busy_changed.emit(False)

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until the pool is empty (for shutdown and the screenshot mode only)."""
        return self._pool.waitForDone(msecs)
