"""Drive the first-run dialog from tests without a modal loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from inkop_desktop.gui.admin import first_run
from inkop_desktop.gui.admin.first_run import FirstRunDialog, FirstRunResult, LocalDatabase
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.connection import Connection

Drive = Callable[[FirstRunDialog], None]
WAIT_MS = 20000
"""Upper bound for one background step; waitUntil returns as soon as it holds."""


def startup() -> Any:
    """A Startup as the program makes it without options."""
    from inkop_desktop.startup import Startup

    return Startup(demo=False, database=None, view=None, screenshot=None)


def patch_ask(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, drive: Drive) -> list[FirstRunDialog]:
    """Run the real dialog without a modal loop: *drive* clicks through it."""
    shown: list[FirstRunDialog] = []

    def ask(
        parent: QWidget | None, tasks: TaskRunner, test: Any, local: LocalDatabase, login: str
    ) -> FirstRunResult | None:
        dialog = FirstRunDialog(tasks, test, local, login, parent)
        shown.append(dialog)
        dialog.show()
        drive(dialog)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
        accepted = dialog.result() == QDialog.DialogCode.Accepted
        return dialog.result_value if accepted else None

    monkeypatch.setattr(first_run, "ask", ask)
    return shown


def no_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if the first-run dialog is shown."""

    def ask(*_args: object) -> None:
        raise AssertionError("the first-run dialog was shown again")

    monkeypatch.setattr(first_run, "ask", ask)


class Closes:
    """Counts the local connections opened and closed (closing is what the pool does)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened: list[Connection] = []
        self.closed: list[Connection] = []
        real_close = Connection.close
        from inkop_desktop import startup as module

        real_open = module.Startup._open_setup

        def close(connection: Connection) -> None:
            self.closed.append(connection)
            real_close(connection)

        def open_setup(this: Any) -> Connection:
            connection = real_open(this)
            self.opened.append(connection)
            return connection

        monkeypatch.setattr(Connection, "close", close)
        monkeypatch.setattr(module.Startup, "_open_setup", open_setup)

    def all_closed(self) -> bool:
        """Every connection the first run opened has been closed."""
        return bool(self.opened) and all(c in self.closed for c in self.opened)


def started(qtbot: QtBot, start: Any) -> None:
    """begin() and wait until the start view has its data and the database is open (a local
    file's first page may be on screen before that)."""
    qtbot.addWidget(start.window)
    with qtbot.waitSignal(start.window.view_loaded, timeout=WAIT_MS):
        start.begin()
    qtbot.waitUntil(lambda: start.connection is not None, timeout=WAIT_MS)
