"""Run service calls on a thread pool and deliver results or errors on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
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


class _Cleanup(QRunnable):
    """Hands a result nobody received to its *discard* function, off the GUI thread."""

    def __init__(self, discard: Callable[[Any], None], result: Any) -> None:
        super().__init__()
        self._discard = discard
        self._result = result

    def run(self) -> None:
        """Discard; a failure is logged, never raised into the pool."""
        try:
            self._discard(self._result)
        except Exception:
            log.exception("Ett resultat som ingen tog emot kunde inte stängas")


def _owner_of(callback: Callable[..., Any]) -> QObject | None:
    """The QObject a bound-method callback belongs to, if any."""
    target = getattr(callback, "__self__", None)
    return target if isinstance(target, QObject) else None


def _guarded(
    callback: Callable[[Any], None],
    owner: QObject | None,
    orphaned: Callable[[Any], None] | None = None,
) -> Callable[[Any], None]:
    """Skip *callback* when its owner's C++ object is gone (then *orphaned* gets the value)."""
    if owner is None:
        return callback

    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)
        elif orphaned is not None:
            orphaned(value)

    return call


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
        owner: QObject | None = None,
        discard: Callable[[Any], None] | None = None,
    ) -> None:
        """Run *fn* in the pool; call one of the callbacks on the GUI thread afterwards.

        Nothing is delivered to a widget that was closed and deleted meanwhile: *owner*, or
        the object a bound-method callback belongs to. A result that is not delivered for
        that reason goes to *discard* in the pool (to close a connection nobody will use).
        """
        owner = owner or _owner_of(on_success)
        relay = _Relay()
        success = _guarded(on_success, owner, self._discarder(discard))
        relay.done.connect(
            lambda result, exc: self._deliver(
                relay, result, exc, success, _guarded(on_error, owner)
            )
        )
        self._pending.add(relay)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(fn, relay))

    def _discarder(self, discard: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
        """Start *discard* of an undelivered result in the pool (None: nothing to do)."""
        if discard is None:
            return None
        return lambda result: self._pool.start(_Cleanup(discard, result))

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
