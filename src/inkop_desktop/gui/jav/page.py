"""The jäv area: status of every roster, "mina deklarationer att göra" and the assessor's queue."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from inkop_desktop.gui import views
from inkop_desktop.gui.errors import show_error
from inkop_desktop.gui.jav.assessment_dialog import AssessmentDialog
from inkop_desktop.gui.jav.common import tr
from inkop_desktop.gui.jav.declaration_editor import DeclarationEditor
from inkop_desktop.gui.jav.pickers import PickDialog
from inkop_desktop.gui.jav.procurement_dialog import ProcurementDialog
from inkop_desktop.gui.jav.roster import ROSTER_LEGEND, RosterPage, roster_state
from inkop_desktop.gui.jav.work_panel import MINE_COLUMNS, QUEUE_COLUMNS, WorkPanel
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.jav.dto import WorkRow
from inkop_desktop.services.registry import Services

KIND_LABELS = {"plan": tr("Upphandling"), "direktupphandling": tr("Direktupphandling")}


class JavPage(QWidget):
    """A main-window page (``loaded``/``failed``, ``has_loaded``, ``reload()``) with three tabs."""

    loaded = Signal()
    failed = Signal(str)

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        commands = [(tr("Öppna upphandling…"), self.choose_procurement)]
        spec = replace(
            views.jav_view(services, self.open_row, commands),
            row_state=roster_state,
            legend=ROSTER_LEGEND,
            marked=("procurement", "state"),
        )
        self.roster = RosterPage(spec, tasks, self)
        self.roster.loaded.connect(self.loaded)
        self.roster.failed.connect(self.failed)
        heading = self.roster.findChild(QLabel, "pageHeading")
        self.mine = self._mine_panel()
        self.queue = self._queue_panel()
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.roster, tr("Status per upphandling"))
        self.tabs.addTab(self.mine, tr("Mina deklarationer att göra"))
        self.tabs.addTab(self.queue, tr("Bedömningskö"))
        self.mine.loaded.connect(lambda n: self._count(1, tr("Mina deklarationer att göra"), n))
        self.queue.loaded.connect(lambda n: self._count(2, tr("Bedömningskö"), n))
        layout = QVBoxLayout(self)
        if heading is not None:
            layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)

    def _mine_panel(self) -> WorkPanel:
        """The logged-in person's participations that need a declaration or a confirmation."""
        jav = self._services.jav
        return WorkPanel(
            MINE_COLUMNS,
            lambda everything: jav.my_declarations(only_open=not everything),
            self._tasks,
            [
                (tr("Deklarera…"), self.declare),
                (tr("Bekräfta oförändrad"), self.confirm),
                (tr("Öppna upphandlingen…"), self.open_work_row),
            ],
            empty=tr("Du har inga jävsdeklarationer att lämna eller bekräfta."),
            show_all=tr("Visa även klara"),
            parent=self,
        )

    def _queue_panel(self) -> WorkPanel:
        """Declared circumstances waiting for the logged-in manager's assessment."""
        jav = self._services.jav
        return WorkPanel(
            QUEUE_COLUMNS,
            lambda _everything: jav.assessment_queue(),
            self._tasks,
            [(tr("Bedöm…"), self.assess), (tr("Öppna upphandlingen…"), self.open_work_row)],
            empty=tr("Inget väntar på din bedömning."),
            parent=self,
        )

    def _count(self, index: int, title: str, count: int) -> None:
        """Show the number of rows in a tab's title."""
        self.tabs.setTabText(index, f"{title} ({count})" if count else title)

    @property
    def has_loaded(self) -> bool:
        """True once the roster has been shown."""
        return self.roster.has_loaded

    @property
    def model(self) -> Any:
        """The roster's table model (the page's main list)."""
        return self.roster.model

    @property
    def search(self) -> Any:
        """The roster's search field (focus goes there)."""
        return self.roster.search

    def remember_layout(self, login: str, settings: Any) -> None:
        """The roster's column layout is kept per login."""
        self.roster.remember_layout(login, settings)

    def reload(self) -> None:
        """Re-read all three lists."""
        self.roster.reload()
        self.mine.reload()
        self.queue.reload()

    def open_row(self, row: Any) -> None:
        """Open the procurement of a roster row."""
        self.open_procurement(plan_item_id=row.plan_item_id, direct_award_id=row.direct_award_id)

    def open_work_row(self, row: WorkRow) -> None:
        """Open the procurement of a work-list row."""
        self.open_procurement(plan_item_id=row.plan_item_id, direct_award_id=row.direct_award_id)

    def open_procurement(self, **where: Any) -> None:
        """The per-procurement dialog; every list is re-read afterwards."""
        ProcurementDialog.show_for(self, self._services, self._tasks, **where)
        self.reload()

    def choose_procurement(self) -> None:
        """Pick any plan item or direct award (also one without participants yet)."""
        jav = self._services.jav

        def load(text: str) -> list[tuple[str, Any]]:
            return [
                (f"{r.reference} – {r.title} ({KIND_LABELS[r.kind]})", (r.kind, r.id))
                for r in jav.procurements(text)
            ]

        chosen = PickDialog.ask(self, tr("Välj upphandling"), load, self._tasks)
        if chosen is not None:
            kind, ident = chosen
            key = "plan_item_id" if kind == "plan" else "direct_award_id"
            self.open_procurement(**{key: ident})

    def declare(self, row: WorkRow) -> None:
        """Open the declaration editor for one of the person's own participations."""
        DeclarationEditor.ask(self, self._services.jav, self._tasks, row.participant_id)
        self.reload()

    def confirm(self, row: WorkRow) -> None:
        """Confirm the current declaration unchanged against the known suppliers."""
        jav = self._services.jav
        self._tasks.run(
            lambda: jav.confirm(row.participant_id),
            lambda _d: self.reload(),
            lambda exc: show_error(self, exc),
            owner=self,
        )

    def assess(self, row: WorkRow) -> None:
        """Open the assessment dialog for a queued participant."""
        AssessmentDialog.ask(self, self._services.jav, self._tasks, row.participant_id)
        self.reload()
