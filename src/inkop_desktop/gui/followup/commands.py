"""What the composition root wires: the list's double-click, the contract tab, the example."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from inkop_desktop.domain.errors import NotFoundError
from inkop_desktop.domain.permissions import Act, PermissionDeniedError
from inkop_desktop.gui.errors import show_error, user_text
from inkop_desktop.gui.followup.checklist import FollowupEditor
from inkop_desktop.gui.followup.common import tr
from inkop_desktop.gui.followup.contract_tab import FollowupTab
from inkop_desktop.gui.followup.overview import RowCommand
from inkop_desktop.gui.followup.plan_editor import PlanEditor
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.access import Actor
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.registry import Services


def followup_of_plan(services: Services, plan_id: uuid.UUID) -> uuid.UUID:
    """The plan's open follow-up (started if there is none); a reader gets the latest one."""
    service = services.followup
    try:
        return service.start_followup(plan_id).id
    except PermissionDeniedError:
        rows = service.followups_of_plan(plan_id)
        if not rows:
            raise
        return rows[0].id


def example_followup(services: Services) -> uuid.UUID:
    """The latest follow-up with deviations of the plan that has the most (for a picture)."""
    service = services.followup
    query = ListQuery(sort="deviations", descending=True, limit=1)
    for plan in service.list(query).rows:
        for row in service.followups_of_plan(plan.id):
            if row.deviations:
                return row.id
    raise NotFoundError("Det finns ingen uppföljning med avvikelser att visa.")


NO_PLAN = "Avtalet har ingen uppföljningsplan; öppna avtalet och föreslå en."


def plan_refusal(me: Actor, row: Any) -> str:
    """Why *me* may not change the plan of the list's *row* ("" when they may)."""
    return me.refusal(Act.FOLLOWUP_PLAN) or ("" if row.plan_id else tr(NO_PLAN))


class FollowupCommands:
    """Opens the checklist editor and tells the composition root what to re-read."""

    def __init__(
        self, window: QWidget, services: Services, tasks: TaskRunner, changed: Callable[[], None]
    ) -> None:
        self._window, self._services, self._tasks, self._changed = window, services, tasks, changed
        self.editor: FollowupEditor | None = None
        self.plan_editor: PlanEditor | None = None

    def contract_tabs(self) -> tuple[tuple[str, Callable[[QWidget], QWidget]], ...]:
        """The contract editor's "Uppföljning" tab."""
        return ((tr("&Uppföljning"), self._tab),)

    def _tab(self, parent: QWidget) -> QWidget:
        """A follow-up tab whose changes re-read the follow-up list."""
        tab = FollowupTab(self._services, self._tasks, parent)
        tab.changed.connect(self._changed)
        return tab

    def edit_plan(self, contract_id: uuid.UUID) -> PlanEditor:
        """Ändra plan… on the contract's plan; the list is re-read once it is saved."""
        self.plan_editor = PlanEditor(self._services, self._tasks, self._window)
        self.plan_editor.saved.connect(lambda _p: self._changed())
        self.plan_editor.open_contract(contract_id)
        return self.plan_editor

    def row_commands(
        self, me: Actor, open_row: Callable[[Any], None], open_contract: Callable[[Any], None]
    ) -> list[RowCommand]:
        """The follow-up list's context menu: open the follow-up, change the plan, the contract."""
        return [
            (tr("Öppna uppföljning"), open_row, lambda row: "" if row.plan_id else NO_PLAN),
            (tr("Ändra plan…"), lambda row: self.edit_plan(row.contract_id),
             lambda row: plan_refusal(me, row)),
            (tr("Öppna avtalet"), lambda row: open_contract(row.contract_id), lambda _row: ""),
        ]  # fmt: skip

    def open_plan(self, plan_id: uuid.UUID) -> None:
        """From the list (double-click, Enter): the plan's follow-up in the checklist editor."""
        services = self._services
        self._tasks.run(
            lambda: followup_of_plan(services, plan_id),
            self._open_id,
            lambda exc: show_error(self._window, exc),
        )

    def _open_id(self, followup_id: uuid.UUID) -> None:
        """Open the editor (a task callback)."""
        self.open(followup_id)

    def open(self, followup_id: uuid.UUID) -> FollowupEditor:
        """The checklist editor on *followup_id*; the list is re-read when it closes."""
        self.editor = FollowupEditor.open_for(
            self._window, self._services, self._tasks, followup_id
        )
        self.editor.finished.connect(lambda _r: self._changed())
        return self.editor

    def show_example(self, ready: Callable[[QWidget], None], failed: Callable[[str], None]) -> None:
        """Open a follow-up with deviations; *ready* gets the editor once it shows its data."""
        services = self._services

        def opened(followup_id: uuid.UUID) -> None:
            editor = FollowupEditor.open_for(self._window, services, self._tasks, followup_id)
            self.editor = editor  # nothing to re-read when a picture's dialog closes at exit
            editor.loaded.connect(lambda: shown(editor))

        def shown(editor: FollowupEditor) -> None:
            editor.show_first_deviation()
            ready(editor)

        self._tasks.run(
            lambda: example_followup(services), opened, lambda exc: failed(user_text(exc))
        )
