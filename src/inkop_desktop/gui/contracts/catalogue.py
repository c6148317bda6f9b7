"""Finns det redan ett avtal? — the search every employee makes before buying."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.organisation import Parties
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.list_page import fit_columns, style_table
from inkop_desktop.gui.table_model import Column, RowTableModel
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.views import tr
from inkop_desktop.services.contracts.catalogue import CatalogueQuery

if TYPE_CHECKING:
    from inkop_desktop.services.contracts.catalogue import CatalogueService


def _parties(code: str) -> str:
    """Swedish label of a parties code."""
    return Parties(code).label


def _yes(value: bool) -> str:
    """Ja/nej."""
    return "Ja" if value else "Nej"


COLUMNS = [
    Column("contract_number", tr("Avtalsnr"), sortable=False),
    Column("title", tr("Avtal"), sortable=False),
    Column("supplier", tr("Leverantör"), sortable=False),
    Column("parties", tr("Gäller för"), _parties, sortable=False),
    Column("cpv", tr("CPV"), sortable=False),
    Column("end_date", tr("Gäller till"), sortable=False),
    Column("e_handel", tr("Beställs i e-handeln"), _yes, sortable=False),
    Column("owner", tr("Avtalsägare"), sortable=False),
]


class CataloguePage(QWidget):
    """Results update as the user types; only the newest answer is shown."""

    loaded = Signal()
    failed = Signal(str)

    def __init__(self, service: CatalogueService, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self._generation = 0
        self.has_loaded = False
        heading = QLabel(self.tr("Finns det redan ett avtal?"), self)
        font = heading.font()
        font.setPointSize(font.pointSize() + 5)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            self.tr(
                "Sök bland avtalen som gäller idag innan du köper. Skriv vad du behöver, "
                "en leverantör eller en CPV-kod."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("t.ex. handskar, städ, Nordic Medtech, 33140000"))
        self.search.setClearButtonEnabled(True)
        self.status = QLabel("", self)
        self.model = RowTableModel(COLUMNS, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        style_table(self.table)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())

    def reload(self) -> None:
        """Search in the background; older answers are dropped when a newer one is asked for."""
        self._generation += 1
        generation = self._generation
        query = CatalogueQuery(text=self.search.text().strip(), on=date.today(), limit=200)
        self._tasks.run(
            lambda: self._service.search(query),
            lambda hits: self._show(generation, hits),
            lambda exc: self._failed(generation, exc),
            owner=self,
        )

    def _show(self, generation: int, hits: list[Any]) -> None:
        """Display the hits of the newest search."""
        if generation != self._generation:
            return
        self.model.set_rows(hits)
        if not self.has_loaded:
            fit_columns(self.table)
        self.status.setText(
            self.tr("%1 avtal").replace("%1", str(len(hits)))
            if hits
            else self.tr("Inget avtal hittades – kontakta inköpsverksamheten.")
        )
        self.has_loaded = True
        self.loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        """Say why in Swedish."""
        if generation == self._generation:
            self.status.setText(user_text(exc))
            self.failed.emit(user_text(exc))
