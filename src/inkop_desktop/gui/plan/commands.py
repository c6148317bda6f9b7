"""The plan view's commands: editor, behovsanmälan, coordination and the printable PDF."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from inkop_desktop.domain.permissions import Act
from inkop_desktop.gui.access import permitted
from inkop_desktop.gui.export import export_to_file
from inkop_desktop.gui.main_window import MainWindow
from inkop_desktop.gui.plan.coordination import CoordinationDialog
from inkop_desktop.gui.plan.editor import PlanItemEditor
from inkop_desktop.gui.plan.need_dialog import NeedDialog
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.views import tr
from inkop_desktop.services.access import Actor
from inkop_desktop.services.registry import Services


class PlanCommands:
    """Opens the plan dialogs and tells the composition root what to re-read."""

    def __init__(
        self,
        window: MainWindow,
        services: Services,
        tasks: TaskRunner,
        changed: Callable[[], None],
    ) -> None:
        self._window, self._services, self._tasks, self._changed = window, services, tasks, changed

    def commands(self, me: Actor | None = None) -> list[tuple[str, Callable[[], None]]]:
        """The buttons of the plan list."""
        offered = [
            (tr("Ny planpost…"), lambda: self.edit(None), Act.PLAN_CREATE),
            (tr("Behovsanmälan…"), self.report_need, Act.PLAN_NEED),
            (tr("Samordning…"), self.coordinate, None),
            (tr("Skriv ut (PDF)…"), self.print_plan, None),
        ]
        return permitted(offered, me)

    def edit(self, item_id: uuid.UUID | None) -> None:
        """Open the plan item editor; the plan and timeline are re-read afterwards."""
        PlanItemEditor.ask(self._window, self._services, self._tasks, item_id)
        self._changed()

    def report_need(self) -> None:
        """Behovsanmälan."""
        s = self._services
        if NeedDialog.ask(self._window, s.plan, s.people, self._tasks) is not None:
            self._changed()

    def coordinate(self) -> None:
        """Show the coordination groups; merging re-reads the plan."""
        dialog = CoordinationDialog(self._services.plan, self._tasks, self._window)
        dialog.exec()
        if dialog.merged:
            self._changed()

    def print_plan(self) -> None:
        """The plan as the list shows it (search and filters) to a printable PDF."""
        page = self._window.list_page("plan")
        if page is None:
            return
        plan, query, text = self._services.plan, page.query(), page.describe_filters()
        export_to_file(
            self._window,
            self._tasks,
            lambda: plan.print_pdf(query, text),
            title=tr("Skriv ut upphandlingsplanen"),
            suggested="upphandlingsplan.pdf",
            file_filter=tr("PDF (*.pdf)"),
        )
