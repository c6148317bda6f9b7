"""Bevakning: contracts inside their lead time, "Skapa planpost", and the iCalendar export."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from inkop_desktop.gui.contracts.amendments import name_buttons
from inkop_desktop.gui.errors import show_error, user_text
from inkop_desktop.gui.list_page import fit_columns
from inkop_desktop.gui.table_model import Column, RowTableModel
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, embed_form
from inkop_desktop.services.contracts.alerts import ContractAlert, ContractAlertService
from inkop_desktop.services.contracts.planning import PlanItemCreated


def tr(text: str) -> str:
    """Translate (context "Bevakning")."""
    return QCoreApplication.translate("Bevakning", text)


def alert_columns() -> list[Column]:
    """The alert list's columns (the selected alert's full text is shown below the list)."""
    return [
        Column("contract_number", tr("Avtalsnr")),
        Column("title", tr("Avtal")),
        Column("event", tr("Händelse")),
        Column("event_date", tr("Datum")),
        Column("start_by_text", tr("Påbörja upphandling senast")),
        Column("lead_months", tr("Ledtid"), lambda v: tr("%1 mån").replace("%1", str(v))),
        Column("handlaggare", tr("Handläggare"), lambda v: v or tr("saknas")),
        Column("plan_reference", tr("Planpost"), lambda v: v or tr("saknas")),
    ]


def _write_calendar(service: ContractAlertService, path: Path) -> int:
    """Write the .ics file and count its events (runs in the background)."""
    data = service.calendar()
    path.write_bytes(data)
    return data.count(b"BEGIN:VEVENT")


def export_calendar(
    parent: QWidget, service: ContractAlertService, tasks: TaskRunner, done: Callable[[str], None]
) -> None:
    """Ask for a file name and export the next 24 months' deadlines as iCalendar."""
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        tr("Exportera bevakningar (iCalendar)"),
        str(Path.home() / "avtalsbevakning.ics"),
        tr("iCalendar-fil (*.ics)"),
    )
    if not name:
        return
    path = Path(name) if name.lower().endswith(".ics") else Path(name + ".ics")
    tasks.run(
        lambda: _write_calendar(service, path),
        lambda count: done(
            tr("%1 datum exporterades till %2. Importera filen i Outlook eller annan kalender.")
            .replace("%1", str(count))
            .replace("%2", str(path))
        ),
        lambda exc: show_error(parent, exc),
        owner=parent,
    )


class ContractAlertsDialog(QDialog):
    """The alert list with "Skapa planpost", "Öppna avtal…" and the calendar export."""

    loaded = Signal()

    def __init__(
        self,
        service: ContractAlertService,
        tasks: TaskRunner,
        open_contract: Callable[[uuid.UUID], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service, self._tasks, self._open_contract = service, tasks, open_contract
        self._alerts: list[ContractAlert] = []
        self._form = embed_form("contract_alerts", self)
        self.model = RowTableModel(alert_columns(), self)
        self.view = child(self._form, QTableView, "alertsView")
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.view.doubleClicked.connect(lambda _i: self.open_selected())
        self.only_suggestions = child(self._form, QCheckBox, "suggestionsCheck")
        self.only_suggestions.toggled.connect(lambda _on: self._show_rows())
        self.status = child(self._form, QLabel, "statusLabel")
        self.detail = child(self._form, QLabel, "detailLabel")
        self.error = child(self._form, QLabel, "errorLabel")
        self.create_button = child(self._form, QPushButton, "createPlanButton")
        self.open_button = child(self._form, QPushButton, "openContractButton")
        self.export_button = child(self._form, QPushButton, "exportButton")
        self.create_button.clicked.connect(self.create_plan_item)
        self.open_button.clicked.connect(self.open_selected)
        self.open_button.setEnabled(open_contract is not None)
        self.export_button.clicked.connect(
            lambda: export_calendar(self, service, tasks, self.status.setText)
        )
        buttons = child(self._form, QDialogButtonBox, "buttonBox")
        name_buttons(buttons)
        buttons.rejected.connect(self.reject)

    def reload(self) -> None:
        """Read the alerts in the background."""
        self.status.setText(self.tr("Läser in…"))
        self._tasks.run(self._service.alerts, self._loaded, self._failed)

    def _loaded(self, alerts: Sequence[ContractAlert]) -> None:
        """Keep every alert; show according to the filter."""
        self._alerts = list(alerts)
        self._show_rows()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        """Explain in Swedish."""
        self.status.setText(user_text(exc))

    def _show_rows(self) -> None:
        """All alerts, or only those without a plan item."""
        rows = [
            a
            for a in self._alerts
            if not self.only_suggestions.isChecked() or a.plan_item_id is None
        ]
        self.model.set_rows(rows)
        fit_columns(self.view, cap=260)
        without = sum(1 for a in self._alerts if a.plan_item_id is None)
        self.status.setText(
            self.tr("%1 avtal inom ledtiden, varav %2 utan planpost.")
            .replace("%1", str(len(self._alerts)))
            .replace("%2", str(without))
        )
        if rows:
            self.view.selectRow(0)
        self._show_selected()

    def selected(self) -> ContractAlert | None:
        """The highlighted alert."""
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_selected(self) -> None:
        """The full alert text; "Skapa planpost" only where none exists."""
        alert = self.selected()
        self.detail.setText(f"{alert.contract_number} {alert.title}: {alert.text}" if alert else "")
        self.create_button.setEnabled(alert is not None and alert.plan_item_id is None)

    def create_plan_item(self) -> None:
        """Raise a plan item replacing the selected contract."""
        alert = self.selected()
        if alert is None:
            return
        self.create_button.setEnabled(False)
        self._say("", ok=True)
        contract_id = alert.contract_id
        self._tasks.run(
            lambda: self._service.create_plan_item(contract_id), self._created, self._create_failed
        )

    def _created(self, item: PlanItemCreated) -> None:
        """Confirm and re-read the alerts."""
        self.reload()
        self._say(
            self.tr("Planpost %1 skapad: %2")
            .replace("%1", item.reference)
            .replace("%2", item.title),
            ok=True,
        )

    def _create_failed(self, exc: BaseException) -> None:
        """Explain; the alert stays."""
        self._say(user_text(exc), ok=False)
        self._show_selected()

    def _say(self, text: str, *, ok: bool) -> None:
        """A confirmation (green) or an error (red) beside the buttons."""
        self.error.setStyleSheet("color: #1b5e20;" if ok else "color: #b00020;")
        self.error.setText(text)

    def open_selected(self) -> None:
        """Open the contract in its editor, then re-read (the dates may have changed)."""
        alert = self.selected()
        if alert is not None and self._open_contract is not None:
            self._open_contract(alert.contract_id)
            self.reload()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        service: ContractAlertService,
        tasks: TaskRunner,
        open_contract: Callable[[uuid.UUID], None] | None = None,
    ) -> None:
        """Show the alerts until the user closes the dialog."""
        dialog = cls(service, tasks, open_contract, parent)
        dialog.reload()
        dialog.exec()
