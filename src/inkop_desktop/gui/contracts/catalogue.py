"""Finns det redan ett avtal? — the search every employee makes before buying."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.organisation import Parties
from inkop_desktop.gui.column_layout import ColumnLayout, fit_width
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.list_page import fit_columns, style_table
from inkop_desktop.gui.table_model import Column, RowTableModel
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.views import REGION, tr
from inkop_desktop.services.contracts.catalogue import CatalogueQuery, CatalogueResult

if TYPE_CHECKING:
    from inkop_desktop.services.contracts.catalogue import CatalogueService


def _parties(code: str) -> str:
    """Swedish label of a parties code."""
    return Parties(code).label


def _yes(value: bool) -> str:
    """Ja/nej."""
    return "Ja" if value else "Nej"


def _capital(text: str) -> str:
    """ "Benämning, leverantör" from "benämning, leverantör"."""
    return text[:1].upper() + text[1:]


LIMIT = 200
"""Hits shown at most (the most relevant); the status says how many match in all."""

COLUMNS = [
    Column("contract_number", tr("Avtalsnr"), sortable=False),
    Column("title", tr("Avtal"), sortable=False, cap=300),
    Column("matched", tr("Träff på"), _capital, sortable=False, cap=200),
    Column("supplier", tr("Leverantör"), sortable=False, cap=220),
    Column("parties", tr(REGION), _parties, sortable=False),
    Column("cpv", tr("CPV"), sortable=False),
    Column("end_date", tr("Gäller till"), sortable=False),
    Column("e_handel", tr("Beställs i e-handeln"), _yes, sortable=False),
    Column("owner", tr("Avtalsägare"), sortable=False),
]
COLUMN_KEYS = [c.key for c in COLUMNS]
"""CPV is hidden until chosen in the header menu (a search still matches the codes)."""


class CataloguePage(QWidget):
    """Results update as the user types; only the newest answer is shown."""

    loaded = Signal()
    failed = Signal(str)

    def __init__(
        self,
        service: CatalogueService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        on_open: Callable[[Any], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._on_open = on_open
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
                "en leverantör eller en CPV-kod. Bäst träff först; Enter eller dubbelklick "
                "öppnar avtalet. En eller två bokstäver visar avtalen med ett ord som börjar "
                "så, de som gäller längst först."
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
        self.columns = ColumnLayout(self.table, "avtalskatalog", hidden=[COLUMN_KEYS.index("cpv")])
        self._layout_restored = False
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.table, self._open_current)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.setAccessibleName(self.tr("Gällande avtal"))
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

    def remember_layout(self, login: str, settings: QSettings) -> None:
        """Keep the column layout per login; a stored one is shown at once."""
        self._layout_restored = self.columns.remember_as(login, settings)

    def reload(self) -> None:
        """Search in the background; older answers are dropped when a newer one is asked for."""
        self._generation += 1
        generation = self._generation
        query = CatalogueQuery(text=self.search.text().strip(), on=date.today(), limit=LIMIT)
        self._tasks.run(
            lambda: self._service.find(query),
            lambda result: self._show(generation, result),
            lambda exc: self._failed(generation, exc),
            owner=self,
        )

    def _show(self, generation: int, result: CatalogueResult) -> None:
        """Display the hits of the newest search and the exact number matching."""
        if generation != self._generation:
            return
        self.model.set_rows(result.hits)
        if not self.has_loaded and not self._layout_restored:
            fit_columns(self.table)
            fit_width(self.table)
        self.status.setText(self._status_text(len(result.hits), result.total, result.more))
        self.status.setToolTip(
            self.tr("Ord som börjar så – skriv minst tre tecken för bästa träff först.")
            if result.word_start
            else ""
        )
        self.has_loaded = True
        self.loaded.emit()

    def _status_text(self, shown: int, total: int, more: bool = False) -> str:
        """ "Visar 1–200 av 266 avtal", "… av fler än 1 000 avtal", "12 avtal" or what to do
        when nothing matched."""
        if total == 0:
            return self.tr("Inget avtal hittades – kontakta inköpsverksamheten.")
        count = f"{total:,}".replace(",", "\u00a0")
        if more:
            count = self.tr("fler än %1").replace("%1", count)
        if shown < total or more:
            return self.tr("Visar 1–%1 av %2 avtal").replace("%1", str(shown)).replace("%2", count)
        return self.tr("%1 avtal").replace("%1", count)

    def _open_current(self) -> None:
        """Enter opens the current hit."""
        index = self.table.currentIndex()
        if index.isValid():
            self._open(index.row())

    def _open(self, row: int) -> None:
        """Open the hit's contract (the caller decides whether it may be edited)."""
        if self._on_open is not None and 0 <= row < self.model.rowCount():
            self._on_open(self.model.row_at(row))

    def _failed(self, generation: int, exc: BaseException) -> None:
        """Say why in Swedish."""
        if generation == self._generation:
            self.status.setText(user_text(exc))
            self.failed.emit(user_text(exc))
