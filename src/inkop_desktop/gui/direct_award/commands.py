"""The Direktupphandlingar view's commands: open or start a record, and the report."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from inkop_desktop.gui.direct_award.check_panel import tr
from inkop_desktop.gui.direct_award.editor import DirectAwardEditor
from inkop_desktop.gui.direct_award.quote_dialog import NewSupplier
from inkop_desktop.gui.direct_award.report_dialog import ReportDialog
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services


class DirectAwardCommands:
    """Opens the direct-award dialogs and tells the composition root what to re-read."""

    def __init__(
        self,
        window: QWidget,
        services: Services,
        tasks: TaskRunner,
        changed: Callable[[], None],
        new_supplier: NewSupplier | None = None,
    ) -> None:
        self._window, self._services, self._tasks, self._changed = window, services, tasks, changed
        self._new_supplier = new_supplier

    def commands(self) -> list[tuple[str, Callable[[], None]]]:
        """The buttons beside the list's search field."""
        return [
            (tr("Ny direktupphandling…"), lambda: self.edit(None)),
            (tr("Rapport per slag…"), self.report),
        ]

    def edit(self, award_id: uuid.UUID | None) -> None:
        """Open the guided editor; re-read the list if anything was stored."""
        editor = DirectAwardEditor.ask(
            self._window, self._services, self._tasks, award_id, self._new_supplier
        )
        if editor is not None:
            self._changed()

    def report(self) -> None:
        """Direct awards per kind, authority and year."""
        ReportDialog.ask(self._window, self._services.direct_awards, self._tasks)
