"""Work lists of the jäv area: "Mina deklarationer att göra" and the assessor's queue."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from inkop_desktop.domain.errors import DomainError
from inkop_desktop.gui.errors import show_error, user_text
from inkop_desktop.gui.jav.common import MATCH, ToneModel, make_table, selected_row, state_tone, tr
from inkop_desktop.gui.list_page import fit_columns
from inkop_desktop.gui.table_model import Column
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.jav.dto import WorkRow

MINE_COLUMNS = [
    Column("procurement", tr("Upphandling")),
    Column("procurement_title", tr("Benämning")),
    Column("role", tr("Min roll")),
    Column("state", tr("Status")),
    Column("next_step", tr("Att göra")),
]
QUEUE_COLUMNS = [
    Column("procurement", tr("Upphandling")),
    Column("procurement_title", tr("Benämning")),
    Column("person", tr("Deltagare")),
    Column("role", tr("Roll")),
    Column("open_items", tr("Att bedöma"), numeric=True),
    Column("matched", tr("Träff mot leverantör"), numeric=True),
    Column("next_step", tr("Vad saknas")),
]


def _tone(row: WorkRow) -> str | None:
    """Cross-check hits in red, waiting states in yellow."""
    return MATCH if row.matched else state_tone(row.state)


class WorkPanel(QWidget):
    """A small list loaded in the background, with commands on the selected row."""

    loaded = Signal(int)

    def __init__(
        self,
        columns: list[Column],
        load: Callable[[bool], list[WorkRow]],
        tasks: TaskRunner,
        commands: list[tuple[str, Callable[[WorkRow], None]]],
        *,
        empty: str,
        show_all: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._load = load
        self._tasks = tasks
        self._empty = empty
        self.has_loaded = False
        self.model = ToneModel(columns, _tone, self)
        self.table = make_table(self.model, self)
        self.status = QLabel(tr("Läser in…"), self)
        self.show_all = QCheckBox(show_all or "", self)
        self.show_all.setVisible(show_all is not None)
        self.show_all.toggled.connect(lambda _c: self.reload())
        self.buttons: list[QPushButton] = []
        row = QHBoxLayout()
        for text, run in commands:
            button = QPushButton(text, self)
            button.clicked.connect(lambda _c=False, fn=run: self._on_selected(fn))
            self.buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.show_all)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        if commands:
            first = commands[0][1]
            self.table.doubleClicked.connect(lambda _i: self._on_selected(first))

    def reload(self) -> None:
        """Fetch the rows in the background."""
        everything = self.show_all.isChecked()
        self._tasks.run(lambda: self._load(everything), self._show, self._failed, owner=self)

    def _show(self, rows: list[WorkRow]) -> None:
        """Display the rows."""
        self.model.set_rows(rows)
        if rows:
            fit_columns(self.table, 320)
            self.table.selectRow(0)
        self.status.setText(self._empty if not rows else tr("%1 st.").replace("%1", str(len(rows))))
        self.has_loaded = True
        self.loaded.emit(len(rows))

    def _failed(self, exc: BaseException) -> None:
        """Show the Swedish error in the status line."""
        self.status.setText(user_text(exc))

    def selected(self) -> WorkRow | None:
        """The selected row."""
        found: WorkRow | None = selected_row(self.table, self.model)
        return found

    def _on_selected(self, run: Callable[[WorkRow], None]) -> None:
        """Run a command on the selected row."""
        row = self.selected()
        if row is None:
            show_error(self, DomainError(tr("Välj en rad först.")), tr("Ingen rad vald"))
            return
        run(row)
