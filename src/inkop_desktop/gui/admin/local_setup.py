"""The local database while the first run needs it: opened, used and closed in the pool."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject

from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.connection import Connection

log = logging.getLogger(__name__)
T = TypeVar("T")
Outcome = tuple[Connection, Any, BaseException | None]


@dataclass(frozen=True)
class LocalDatabase:
    """The local database: where it is, whether it exists, how to open and remove it.

    *open* and *remove* run in the pool, never on the GUI thread.
    """

    path: str
    exists: Callable[[], bool]
    open: Callable[[], Connection]
    remove: Callable[[], None]


def _close(outcome: Outcome) -> None:
    """Close the connection of an outcome nobody received (its dialog was deleted)."""
    outcome[0].close()


class LocalSetup(QObject):
    """Runs first-run work on the local database; the connection lives on the GUI thread.

    The connection is a task's result, delivered here; it is closed in the pool once the
    dialog is done, also when a task was still running then.
    """

    def __init__(self, tasks: TaskRunner, local: LocalDatabase, parent: QObject) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._local = local
        self._connection: Connection | None = None
        self._running = 0
        self._released = False
        self._remove = False
        self._touched = False
        self.created = not local.exists()
        """True when this first run creates the file (then a cancel removes it again)."""

    def call(
        self,
        fn: Callable[[Connection], T],
        on_success: Callable[[T], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Open the database if needed, then run *fn* on it in the pool."""
        held, opener = self._connection, self._local.open

        def job() -> Outcome:
            connection = held or opener()
            try:
                return connection, fn(connection), None
            except Exception as exc:  # delivered with the connection, which stays ours
                return connection, None, exc

        self._running += 1
        self._touched = True
        self._tasks.run(
            job,
            lambda outcome: self._delivered(outcome, on_success, on_error),
            lambda exc: self._failed(exc, on_error),
            owner=self,
            discard=_close,
        )

    def _delivered(
        self,
        outcome: Outcome,
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Keep the connection (or close it when no longer wanted), then report."""
        connection, value, exc = outcome
        self._running -= 1
        if self._released or (self._connection not in (None, connection)):
            self._close_in_pool(connection, remove=False)
        else:
            self._connection = connection
        self._settle()
        if self._released:
            return
        if exc is not None:
            on_error(exc)
        else:
            on_success(value)

    def _failed(self, exc: BaseException, on_error: Callable[[BaseException], None]) -> None:
        """Opening failed (the engine is disposed already)."""
        self._running -= 1
        self._settle()
        if not self._released:
            on_error(exc)

    def release(self, *, cancelled: bool) -> None:
        """The dialog is done: close the connection; a cancel removes a file made here.

        Nothing runs when the database was never opened.
        """
        self._released = True
        self._remove = cancelled and self.created and self._touched
        self._settle()

    def _settle(self) -> None:
        """Once released and nothing runs: close in the pool (and remove) exactly once."""
        if not self._released or self._running:
            return
        connection, self._connection = self._connection, None
        remove, self._remove = self._remove, False
        if connection is not None or remove:
            self._close_in_pool(connection, remove=remove)

    def _close_in_pool(self, connection: Connection | None, *, remove: bool) -> None:
        """Close *connection* and, if asked, remove the database file, off the GUI thread."""
        remover = self._local.remove

        def job() -> None:
            if connection is not None:
                connection.close()
            if remove:
                remover()

        self._tasks.run(
            job,
            lambda _none: None,
            lambda exc: log.warning("Den lokala databasen kunde inte stängas: %s", exc),
        )
