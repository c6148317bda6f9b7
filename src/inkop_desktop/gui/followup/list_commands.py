"""The follow-up list's buttons: Excel export of the list as filtered, and the reports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QWidget

from inkop_desktop.gui.export import export_to_file
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
) -> list[tuple[str, Callable[[], None]]]:
    """ "Exportera till Excel…" (every row the filter shows) and "Rapporter…"."""

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

    return [(tr("Exportera till Excel…"), export), (tr("Rapporter…"), reports)]
