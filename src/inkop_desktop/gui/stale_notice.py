"""An open editor's record changed underneath: a bar "Posten har ändrats av … Läs in på nytt"."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.changes import Changes

log = logging.getLogger(__name__)

Probe = Callable[[], tuple[int, str | None]]
"""Background: the record's stored version and who changed it last (None: not known)."""


class StaleNotice(QFrame):
    """A non-modal bar at the top of an editor; the editor decides what reading in means."""

    def __init__(self, dialog: QWidget, reload: Callable[[], None]) -> None:
        super().__init__(dialog)
        self.setObjectName("staleNotice")
        self.setStyleSheet(
            "QFrame#staleNotice { background: #fef3c7; border: 1px solid #d97706;"
            " border-radius: 3px; }"
        )
        self.text = QLabel("", self)
        self.text.setWordWrap(True)
        self.button = QPushButton(self.tr("Läs in på nytt"), self)
        self.button.clicked.connect(reload)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        layout = dialog.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(0, self)
        self.hide()

    def show_changed(self, who: str | None) -> None:
        """Say who changed the record (or just that someone did); keep the user's input."""
        someone = who or self.tr("en annan användare")
        self.text.setText(
            self.tr(
                "Posten har ändrats av %1 sedan du öppnade den. Läs in på nytt för att se "
                "ändringen – det du har skrivit här sparas inte då."
            ).replace("%1", someone)
        )
        self.show()


class RecordWatch:
    """Checks in the background whether the editor's record moved past the version it shows."""

    def __init__(
        self,
        dialog: QWidget,
        tasks: TaskRunner,
        tables: frozenset[str],
        reload: Callable[[], None],
    ) -> None:
        self._dialog, self._tasks, self._tables = dialog, tasks, tables
        self.notice = StaleNotice(dialog, reload)

    def check(self, changes: Changes, opened: Callable[[], int | None], probe: Probe) -> None:
        """If *changes* may concern the record (shown at version ``opened()``), look it up."""
        if opened() is None or not (changes.everything or changes.tables & self._tables):
            return
        self._tasks.run(
            probe,
            lambda found: self._compare(opened(), found),
            lambda exc: log.warning("Posten kunde inte kontrolleras: %s", user_text(exc)),
            owner=self._dialog,
        )

    def _compare(self, opened: int | None, found: tuple[int, str | None]) -> None:
        """Show the bar when the stored version is newer than the one on screen now."""
        version, who = found
        if opened is not None and version > opened:
            self.notice.show_changed(who)

    def reloaded(self) -> None:
        """The editor shows the stored record again: hide the bar."""
        self.notice.hide()
