"""The follow-up list's buttons: Excel export of the list as filtered, and the reports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from inkop_desktop.gui.export import export_to_file
from inkop_desktop.gui.followup.commands import NO_PLAN
from inkop_desktop.gui.followup.overview import FollowupListPage
from inkop_desktop.gui.list_page import ListPage
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.views import tr
from inkop_desktop.services.followup.overview import FollowupOverviewService


def followup_commands(
    parent: QWidget,
    service: FollowupOverviewService,
    tasks: TaskRunner,
    page: Callable[[], ListPage | None],
    show_reports: Callable[[], object],
    today: date | None = None,
    edit_plan: Callable[[Any], object] | None = None,
) -> list[tuple[str, Callable[[], None]]]:
    """ "Exportera till Excel…" (every row the filter shows), "Rapporter…", "Ändra plan…"."""

    def export() -> None:
        shown = page()
        if shown is None:
            return
        query = shown.query()
        export_to_file(
            parent,
            tasks,
            lambda: service.export_xlsx(query, today),
            title=tr("Exportera avtalsuppföljning"),
            suggested=f"uppfoljning-{(today or date.today()).isoformat()}.xlsx",
            file_filter="Excel (*.xlsx)",
        )

    def reports() -> None:
        show_reports()

    def change_plan() -> None:
        shown = page()
        row = shown.current_row() if isinstance(shown, FollowupListPage) else None
        if edit_plan is None or row is None:
            return
        if row.plan_id is None:
            QMessageBox.information(parent, tr("Ändra plan"), tr(NO_PLAN))
            return
        edit_plan(row.contract_id)

    found = [(tr("Exportera till Excel…"), export), (tr("Rapporter…"), reports)]
    return found + ([(tr("Ändra plan…"), change_plan)] if edit_plan is not None else [])
