"""The Avtal view's commands: editor, Bevakning, reports and the iCalendar export."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

from inkop_desktop.domain.permissions import Act
from inkop_desktop.gui.access import permitted
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.views import tr
from inkop_desktop.services.access import Actor
from inkop_desktop.services.registry import Services

if TYPE_CHECKING:  # the dialogs are imported when one is opened (not to show the list)
    from inkop_desktop.gui.contracts.editor import TabFactory

    Tabs = tuple[tuple[str, TabFactory], ...]


class ContractCommands:
    """Opens the contract dialogs and tells the composition root what to re-read."""

    def __init__(
        self,
        window: QMainWindow,
        services: Services,
        tasks: TaskRunner,
        changed: Callable[[], None],
        extra_tabs: Tabs | Callable[[], Tabs] = (),
    ) -> None:
        self._window, self._services, self._tasks, self._changed = window, services, tasks, changed
        self._extra_tabs = extra_tabs  # tabs of other areas (Uppföljning), wired by startup

    def _tabs(self) -> Tabs:
        """The other areas' tabs (asked for when an editor first opens)."""
        tabs = self._extra_tabs
        return tabs() if callable(tabs) else tabs

    def commands(self, me: Actor | None = None) -> list[tuple[str, Callable[[], None]]]:
        """The buttons beside the Avtal list's search field."""
        offered = [
            (tr("Nytt avtal…"), lambda: self.edit(None), Act.CONTRACT_EDIT),
            (tr("Bevakningar…"), self.alerts, None),
            (tr("Rapporter…"), self.reports, None),
            (tr("Till kalender (iCalendar)…"), self.export, None),
        ]
        return permitted(offered, me)

    def edit(self, contract_id: uuid.UUID | None) -> None:
        """Open the contract editor; re-read the lists after a save."""
        from inkop_desktop.gui.contracts.editor import ContractEditor

        saved = ContractEditor.ask(
            self._window, self._services.contracts, self._tasks, contract_id, self._tabs()
        )
        if saved is not None:
            self._changed()

    def open(self, contract_id: uuid.UUID, me: Actor | None) -> None:
        """Open a contract from the avtalskatalog: to edit if allowed, else to read only."""
        if me is not None and me.may(Act.CONTRACT_EDIT):
            self.edit(contract_id)
            return
        from inkop_desktop.gui.contracts.editor import ContractEditor

        ContractEditor.ask(
            self._window, self._services.contracts, self._tasks, contract_id, read_only=True
        )

    def alerts(self) -> None:
        """Bevakning; plan items made there show up in the plan afterwards."""
        from inkop_desktop.gui.contracts.alerts import ContractAlertsDialog

        ContractAlertsDialog.ask(
            self._window, self._services.contract_alerts, self._tasks, self.edit
        )
        self._changed()

    def reports(self) -> None:
        """Avtalsrapporter."""
        from inkop_desktop.gui.contracts.reports import ContractReportsDialog

        ContractReportsDialog.ask(
            self._window, self._services.contract_reports, self._tasks, self.edit
        )

    def export(self) -> None:
        """Save the deadlines as an .ics file; confirm in the status bar."""
        from inkop_desktop.gui.contracts.alerts import export_calendar

        export_calendar(
            self._window,
            self._services.contract_alerts,
            self._tasks,
            lambda text: self._window.statusBar().showMessage(text, 15000),
        )
