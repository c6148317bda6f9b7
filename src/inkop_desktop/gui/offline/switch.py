"""Working offline mid-session: the switch to the replica and back, *Arbeta offline* and
*Synkronisera nu*, and the background probe while the server does not answer.

Every database call runs in the pool (gui/tasks.py); the GUI thread only shows what came back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.offline.bar import OfflineBar
from inkop_desktop.gui.offline.conflicts_dialog import ConflictsDialog
from inkop_desktop.gui.offline.status import SYNC_MS, OfflineStatusLabel
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.offline import ConnectionSwitch, Mode, OfflineStatus

PROBE_MS = 30_000
"""How often the server is tried while the window is offline because it stopped answering."""
SOON_MS = 2_000
"""After a save on the server the replica is brought up to date this much later (quietly), so
a save that fails a moment later starts from the version the editor opened."""
NOTICE_MS = 15_000
WENT_OFFLINE = (
    "Servern svarar inte – du arbetar nu offline i den lokala kopian. Utkast sparas lokalt och "
    "skickas när servern svarar igen; signering och andra slutliga steg kräver servern."
)
SAVED_OFFLINE = "Sparat offline – skickas när servern svarar igen"
BACK_ONLINE = "Servern svarar igen – dina ändringar är synkroniserade och du arbetar mot servern."
CHOSEN = "Du arbetar offline i den lokala kopian. Avmarkera ”Arbeta offline” för att gå online."
OFFLINE = "Offline – lokal kopia"
SERVER = "Gemensam databas"
SYNCING = "Synkroniserar med servern …"
SYNCED = "Synkroniseringen är klar."
WAITING = "Servern svarar inte – ändringarna väntar lokalt och skickas när den svarar igen."
Outcome = tuple[bool, OfflineStatus]
"""Whether the server answered, and the replica's status (the mode is read when shown)."""


class Host(Protocol):
    """What the controller needs of the main window."""

    database_label: QLabel

    def add_banner(self, banner: QWidget) -> None: ...


class OfflineController(QObject):
    """Connects the switch, the status label, the two menu actions and the timers.

    *window* is the main window (a Host: its status bar, banners and database label)."""

    changed = Signal(object)
    """The switch changed mode (emitted from the thread that switched; delivered queued)."""
    saved_offline = Signal()
    saved_online = Signal()

    def __init__(
        self,
        window: QMainWindow,
        tasks: TaskRunner,
        switch: ConnectionSwitch,
        actions: tuple[QAction, QAction],
        reload: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window, self.tasks, self.switch, self.link = window, tasks, switch, switch.link
        self.work_offline, self.sync_now = actions
        self._reload, self._syncing = reload, False
        self._again: bool | None = None
        """A synchronisation asked for while one ran (True: with its progress shown)."""
        self.host = cast(Host, window)
        self._online_text = self.host.database_label.text() if switch.online else SERVER
        self.bar = OfflineBar(window)
        self.host.add_banner(self.bar)
        self._mode_text = ""
        if not switch.online:
            self._show_mode(switch.mode)
        self.label = OfflineStatusLabel(window)
        window.statusBar().addPermanentWidget(self.label)
        self.label.show_status(switch.online, None)
        self.label.clicked.connect(self.open_conflicts)
        self.timer = self._timer(SYNC_MS)
        self.probe = self._timer(PROBE_MS)
        self.soon = self._timer(SOON_MS)
        self.soon.setSingleShot(True)
        self.changed.connect(self._mode_changed)
        self.saved_offline.connect(self._saved_offline)
        switch.on_change = self.changed.emit
        switch.on_saved_offline = self.saved_offline.emit
        switch.on_saved_online = self.saved_online.emit
        self.saved_online.connect(self.soon.start)
        for action in actions:
            action.setEnabled(True)
        self.work_offline.toggled.connect(self._chosen)
        self.sync_now.triggered.connect(lambda: self.run_now())

    def _timer(self, interval: int) -> QTimer:
        """A repeating timer that synchronises (skipped while offline by choice)."""
        timer = QTimer(self)
        timer.setInterval(interval)
        timer.timeout.connect(self._tick)
        return timer

    def start(self) -> None:
        """Synchronise now and then every SYNC_MS (offline: try the server every PROBE_MS)."""
        self._tick()
        self.timer.start()
        if self.switch.mode is Mode.FAILED:
            self.probe.start()

    def _tick(self) -> None:
        """A timer's turn, quiet (nothing while the person chose to work offline)."""
        if self.switch.mode is not Mode.CHOSEN:
            self._run(self._background_sync, loud=False)

    def run_now(self) -> None:
        """One synchronisation in the background, its progress in the status bar."""
        self._run(self._background_sync)

    def _run(self, job: Callable[[], Outcome], *, loud: bool = True) -> None:
        """Run *job* in the pool; while one runs, another follows it.

        The running one may have sent the changes before the one that asks (a resolved
        conflict, a save) reached the outbox, so the request is never dropped.
        """
        if self._syncing:
            self._again = bool(self._again) or loud
            return
        self._syncing = True
        if loud:
            self._say(SYNCING, 0)
        self.tasks.run(job, self._synced, self._sync_failed, owner=self.label)

    def _background_sync(self) -> Outcome:
        """Pool: push and pull; the server gone → the replica; back after a failure → online."""
        switch = self.switch
        if switch.mode is Mode.FAILED and not switch.probe():
            return False, self.link.offline_status()
        reachable, status = self.link.sync()
        if reachable and switch.mode is Mode.FAILED:
            switch.to_server()
        elif not reachable and switch.online:
            switch.lost()  # the periodic sync found the server gone: work offline now
        return reachable, status

    def _go_offline(self) -> Outcome:
        """Pool: a last synchronisation while online (a pull), then work on the replica."""
        reachable, status = self.link.sync() if self.switch.online else (False, None)
        self.switch.to_replica()
        return reachable, status or self.link.offline_status()

    def _go_online(self) -> Outcome:
        """Pool: synchronise; online if the server answered, else offline until it does."""
        reachable, status = self.link.sync()
        if reachable:
            self.switch.to_server()
        else:
            self.switch.lost()
        return reachable, status

    def _finished(self) -> None:
        """A synchronisation ended: start the one asked for meanwhile."""
        self._syncing = False
        again, self._again = self._again, None
        if again:
            self.run_now()
        elif again is not None:
            self._tick()

    def _synced(self, outcome: Outcome) -> None:
        """Show the status (a conflict is there to click) and what the synchronisation did."""
        self._finished()
        reachable, status = outcome  # shown with the mode of now (a choice may have followed)
        self.label.show_status(self.switch.online, status)
        if self.window.statusBar().currentMessage() == SYNCING:
            self._say(SYNCED if reachable else WAITING)

    def _sync_failed(self, exc: BaseException) -> None:
        """An unexpected failure: nothing is lost; the status says so."""
        self._finished()
        self.label.show_status(self.switch.online, None)
        self._say(user_text(exc))

    def _chosen(self, offline: bool) -> None:
        """*Arbeta offline* checked (pull first, then the replica) or unchecked (back online)."""
        if offline == (self.switch.mode is Mode.CHOSEN):
            return
        self._syncing = False  # the person's choice goes first; a running sync just ends
        self._run(self._go_offline if offline else self._go_online)

    def _mode_changed(self, mode: Mode) -> None:
        """Say where the person works now, once, and read every page again from there."""
        if mode is Mode.FAILED:
            self.probe.start()
        else:
            self.probe.stop()
        self._say({Mode.FAILED: WENT_OFFLINE, Mode.ONLINE: BACK_ONLINE, Mode.CHOSEN: CHOSEN}[mode])
        self.work_offline.blockSignals(True)
        self.work_offline.setChecked(mode is Mode.CHOSEN)
        self.work_offline.blockSignals(False)
        self.label.show_status(mode is Mode.ONLINE, None)
        self._show_mode(mode)
        self._reload()
        if mode is Mode.FAILED:
            self._tick()  # the replica's status (changes waiting) in the label

    def _saved_offline(self) -> None:
        """A draft was saved on the replica: say so and count the changes waiting (pool)."""
        self._say(SAVED_OFFLINE)
        if not self.switch.online:
            self.bar.say(self._mode_text, saved=SAVED_OFFLINE)
        self.tasks.run(
            self.link.offline_status,
            lambda status: self.label.show_status(self.switch.online, status),
            lambda exc: self._say(user_text(exc)),
            owner=self.label,
        )

    def open_conflicts(self) -> None:
        """The conflicts view; a resolution is sent with the next synchronisation."""
        dialog = ConflictsDialog(self.tasks, self.link.conflicts, self.link.resolve, self.window)
        dialog.reload()
        dialog.finished.connect(lambda _result: self.run_now())
        dialog.open()

    def _say(self, text: str, msecs: int = NOTICE_MS) -> None:
        """A notice in the status bar (never a dialog per call)."""
        self.window.statusBar().showMessage(text, msecs)

    def _show_mode(self, mode: Mode) -> None:
        """The bar above the pages and the database label: offline and why, or online."""
        texts = {Mode.FAILED: WENT_OFFLINE, Mode.CHOSEN: CHOSEN, Mode.ONLINE: ""}
        self._mode_text = texts[mode]
        self.host.database_label.setText(self._online_text if mode is Mode.ONLINE else OFFLINE)
        if mode is Mode.ONLINE:
            self.bar.hide()
        else:
            self.bar.say(self._mode_text)
