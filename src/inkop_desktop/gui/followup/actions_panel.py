"""Åtgärder: the actions on deviations, tracked until closed with a note."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from inkop_desktop.domain.followup.model import ActionStatus
from inkop_desktop.gui.followup.common import buttons, current_row, line, show_rows, table, tr
from inkop_desktop.gui.followup.forms import ChangeActionDialog, CloseActionDialog, FormDialog
from inkop_desktop.gui.table_model import Column
from inkop_desktop.gui.tasks import TaskRunner

Close = Callable[[Any, dict[str, Any]], Any]
"""Store a closing note, or changed values, for an action row (runs in the background)."""
People = Callable[[], Sequence[tuple[str, str]]]


def _label(enum: Any) -> Callable[[Any], str]:
    """Show a stored code through its enum's Swedish label."""

    def show(value: Any) -> str:
        if value in (None, ""):
            return ""
        try:
            return str(enum(value).label)
        except ValueError:
            return str(value)

    return show


def service_stores(service: Any) -> tuple[Close, Close]:
    """Close (with its note) and change an action row through the follow-up service."""
    return (
        lambda row, data: service.close_action(row.id, row.version, data["note"]),
        lambda row, data: service.update_action(row.id, row.version, data),
    )


def action_columns(sanction: Any) -> list[Column]:
    """Deviation, action, owner, due date, sanction, status and how it was closed."""
    return [
        Column("item_text", tr("Avvikelse"), sortable=False),
        Column("description", tr("Åtgärd"), sortable=False),
        Column("owner", tr("Ansvarig"), sortable=False),
        Column("due_on", tr("Klar senast"), sortable=False),
        Column("sanction", tr("Sanktion"), _label(sanction), sortable=False),
        Column("status", tr("Status"), _label(ActionStatus), sortable=False),
        Column("closed_on", tr("Stängd"), sortable=False),
        Column("closing_note", tr("Anteckning"), sortable=False),
    ]


class ActionsPanel(QWidget):
    """The actions table, "Ändra åtgärd…" and "Stäng åtgärd…"; storing runs in the background."""

    def __init__(
        self,
        tasks: TaskRunner,
        close: Close,
        closed: Callable[[Any], None],
        sanction: Any,
        parent: QWidget | None = None,
        change: Close | None = None,
        people: People = lambda: (),
    ) -> None:
        super().__init__(parent)
        self._tasks, self._close, self._closed = tasks, close, closed
        self._change, self._people = change, people
        self._refusal: Callable[[Any], str] = lambda _row: ""
        self.model, self.view = table(
            self, "actionsView", action_columns(sanction), self.close_selected
        )
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._update())
        self.change_button, self.close_button = buttons(
            self,
            (tr("Ändra åtgär&d…"), "changeActionButton", self.change_selected),
            (tr("S&täng åtgärd…"), "closeActionButton", self.close_selected),
        )
        self.change_button.setVisible(change is not None)
        self.hint = QLabel("", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(line([self.change_button, self.close_button, self.hint]))
        self.dialog: FormDialog | None = None
        self.display((), self._refusal)

    def display(self, rows: Sequence[Any], refusal: Callable[[Any], str]) -> None:
        """Show *rows*; *refusal* says why the person may not close an action ("" if they may)."""
        self._refusal = refusal
        show_rows(self.model, self.view, rows)
        open_count = sum(1 for r in rows if r.status == ActionStatus.OPPEN)
        self.hint.setText(tr("%1 öppna åtgärder").replace("%1", str(open_count)))
        self._update()

    def _selected(self) -> Any:
        """The highlighted action (the only one if there is just one)."""
        return current_row(self.model, self.view)

    def _open_row(self) -> Any:
        """The highlighted action if it is open and the person may change it, else None."""
        row = self._selected()
        if row is None or row.status != ActionStatus.OPPEN or self._refusal(row):
            return None
        return row

    def _update(self) -> None:
        """ "Ändra" and "Stäng" only for an open action the person may change."""
        row = self._selected()
        why = self._refusal(row) if row is not None else ""
        for button in (self.change_button, self.close_button):
            button.setEnabled(row is not None and row.status == ActionStatus.OPPEN and not why)
            button.setToolTip(why)

    def close_selected(self) -> None:
        """Ask for the closing note and close the highlighted action."""
        row = self._open_row()
        if row is not None:
            store = self._close
            self._show(CloseActionDialog(
                self._tasks, lambda data: store(row, data), row.description, self
            ))  # fmt: skip

    def change_selected(self) -> None:
        """Change the highlighted open action's description, owner, due date or sanction."""
        row, store = self._open_row(), self._change
        if row is not None and store is not None:
            self._show(ChangeActionDialog(
                self._tasks, lambda data: store(row, data), row, self._people(), self
            ))  # fmt: skip

    def _show(self, dialog: FormDialog) -> None:
        """Open *dialog*; once it stored, the owner re-reads."""
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._closed(dialog.stored))
        dialog.open()
