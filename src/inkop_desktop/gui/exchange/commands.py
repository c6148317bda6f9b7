"""Excel export of a list as filtered, and import with a row-by-row report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from inkop_desktop.gui.access import permitted
from inkop_desktop.gui.errors import show_error
from inkop_desktop.gui.export import export_to_file
from inkop_desktop.gui.list_page import ListPage
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.views import tr
from inkop_desktop.services.access import Actor
from inkop_desktop.services.exchange.kinds import IMPORT_ACTS, ExchangeKind

if TYPE_CHECKING:
    from inkop_desktop.services.exchange.service import ExchangeService

MAX_SHOWN = 30


# rows of an import report shown in the message box; the rest is summarised


class ExchangeCommands:
    """ "Exportera till Excel…", "Exportera till CSV…" and "Importera…" for one list."""

    def __init__(
        self,
        parent: QWidget,
        service: Callable[[], ExchangeService],
        tasks: TaskRunner,
        kind: ExchangeKind,
        page: Callable[[], ListPage | None],
        on_imported: Callable[[], None],
    ) -> None:
        self._parent = parent
        self._service = service
        """Gives the exchange service in the background task (made then, never with the page)."""
        self._tasks = tasks
        self._kind = kind
        self._page = page
        self._on_imported = on_imported

    def commands(self, me: Actor | None = None) -> list[tuple[str, Callable[[], None]]]:
        """The buttons for the list page."""
        offered = [
            (tr("Exportera till Excel…"), lambda: self.export("xlsx"), None),
            (tr("Importera…"), self.import_file, IMPORT_ACTS[self._kind]),
        ]
        return permitted(offered, me)

    def export(self, fmt: Literal["xlsx", "csv"]) -> None:
        """The rows the list shows (search and filters, every page) to a file."""
        page = self._page()
        query = page.query() if page is not None else None
        service, kind = self._service, self._kind
        export_to_file(
            self._parent,
            self._tasks,
            lambda: service().export_file(kind, fmt, query),
            title=f"Exportera {kind.label.lower()}",
            suggested=kind.filename(fmt),
            file_filter="Excel (*.xlsx)" if fmt == "xlsx" else "CSV (*.csv)",
        )

    def import_file(self) -> None:
        """Pick a spreadsheet; nothing is stored unless every row is valid."""
        chosen, _ = QFileDialog.getOpenFileName(
            self._parent, f"Importera {self._kind.label.lower()}", "", "Excel (*.xlsx);;CSV (*.csv)"
        )
        if not chosen:
            return
        path, service, kind = Path(chosen), self._service, self._kind
        self._tasks.run(
            lambda: service().import_file(kind, path.read_bytes(), path.name),
            self._reported,
            lambda exc: show_error(self._parent, exc, tr("Filen kunde inte importeras")),
        )

    def _reported(self, report: Any) -> None:
        """Show the summary and every problem (row, column, message)."""
        lines = [p.text for p in report.errors[:MAX_SHOWN]]
        if len(report.errors) > MAX_SHOWN:
            lines.append(f"… och {len(report.errors) - MAX_SHOWN} fel till.")
        box = QMessageBox.information if report.ok else QMessageBox.warning
        box(
            self._parent,
            f"Import av {self._kind.label.lower()}",
            "\n".join([report.summary, *lines]),
        )
        if report.ok:
            self._on_imported()
