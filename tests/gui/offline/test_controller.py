"""The offline controller's synchronisations: one asked for while another runs is never lost."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from inkop_desktop.gui.offline import switch as offline_switch
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.offline import Mode, OfflineStatus


class _Window(QMainWindow):
    """The host the controller needs: a database label and banners."""

    def __init__(self) -> None:
        super().__init__()
        self.database_label = QLabel("Gemensam databas: server")

    def add_banner(self, banner: QWidget) -> None:
        """Banners are not looked at here."""


class _Link:
    """A link whose synchronisation waits for the test; it counts the outbox it sent."""

    def __init__(self) -> None:
        self.outbox, self.sent, self.started = 0, 0, threading.Semaphore(0)
        self.gate = threading.Event()

    def sync(self) -> tuple[bool, OfflineStatus]:
        """Take the outbox as it is now, then wait to be let through."""
        taking = self.outbox
        self.started.release()
        self.gate.wait(10)
        self.sent += taking
        self.outbox -= taking
        return True, self.offline_status()

    def offline_status(self) -> OfflineStatus:
        """The changes not yet sent."""
        return OfflineStatus(waiting=self.outbox, aside=0, conflicts=0, last_sync="",
                             change_number=0)  # fmt: skip


class _Switch:
    """Always online."""

    def __init__(self, link: _Link) -> None:
        self.link, self.mode, self.online = link, Mode.ONLINE, True
        self.on_change: Any = None
        self.on_saved_offline: Any = None
        self.on_saved_online: Any = None


def test_a_sync_asked_for_while_one_runs_sends_what_came_meanwhile(qtbot: QtBot) -> None:
    window = _Window()
    qtbot.addWidget(window)
    link = _Link()
    tasks = TaskRunner(window)
    actions = (QAction("Arbeta offline", window), QAction("Synkronisera nu", window))
    controller = offline_switch.OfflineController(
        window,
        tasks,
        _Switch(link),
        actions,
        lambda: None,  # type: ignore[arg-type]
    )
    controller.run_now()  # a synchronisation runs and has read the (empty) outbox
    assert link.started.acquire(timeout=10)
    link.outbox = 1  # meanwhile a resolved conflict is queued, and the person asks again
    controller.run_now()
    link.gate.set()
    qtbot.waitUntil(lambda: link.sent == 1, timeout=10_000)
    qtbot.waitUntil(lambda: "0 ändringar väntar" in controller.label.text(), timeout=10_000)
    assert link.outbox == 0
    tasks.wait_idle()
