"""Avtalsrapporter: missing roles, per region/nämnd/supplier, expiring per month — one tab each."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QWidget

from inkop_desktop.gui.contracts.amendments import name_buttons
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.table_model import Column, RowTableModel, money_column
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, embed_form
from inkop_desktop.services.contracts.reports import ContractReports, ContractReportService


def tr(text: str) -> str:
    """Translate (context "Rapporter")."""
    return QCoreApplication.translate("Rapporter", text)


def _group(title: str) -> list[Column]:
    """Label, number of contracts and total value."""
    return [
        Column("label", title),
        Column("contracts", tr("Antal avtal"), numeric=True),
        money_column("total_value_ore", tr("Totalt värde")),
    ]


def report_columns() -> dict[str, list[Column]]:
    """The columns of each tab, keyed by the tab's name in the form."""
    return {
        "missing": [
            Column("contract_number", tr("Avtalsnr")),
            Column("title", tr("Avtal")),
            Column("end_date", tr("Slut")),
            Column("missing", tr("Saknas")),
            Column("owner", tr("Avtalsägare"), lambda v: v or "–"),
            Column("handlaggare", tr("Handläggare"), lambda v: v or "–"),
        ],
        "region": _group(tr("Region")),
        "namnd": _group(tr("Nämnd (avtalsägarens)")),
        "supplier": _group(tr("Leverantör")),
        "expiring": [
            Column("month", tr("Månad")),
            Column("contracts", tr("Antal avtal"), numeric=True),
            money_column("total_value_ore", tr("Totalt värde")),
        ],
    }


class ContractReportsDialog(QDialog):
    """Five read-only tables filled by one background call."""

    loaded = Signal()

    def __init__(
        self,
        service: ContractReportService,
        tasks: TaskRunner,
        open_contract: Callable[[uuid.UUID], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service, self._tasks, self._open_contract = service, tasks, open_contract
        self._form = embed_form("contract_reports", self)
        self.status = child(self._form, QLabel, "statusLabel")
        self.models: dict[str, RowTableModel] = {}
        for name, columns in report_columns().items():
            self.models[name] = self._table(name, columns)
        missing = child(self._form, QTableView, "missingView")
        missing.doubleClicked.connect(lambda index: self._open(index.row()))
        buttons = child(self._form, QDialogButtonBox, "buttonBox")
        name_buttons(buttons)
        buttons.rejected.connect(self.reject)

    def _table(self, name: str, columns: list[Column]) -> RowTableModel:
        """Attach a model to the tab's table view."""
        model = RowTableModel(columns, self)
        view = child(self._form, QTableView, f"{name}View")
        view.setModel(model)
        view.verticalHeader().setVisible(False)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1 if name == "missing" else 0, QHeaderView.ResizeMode.Stretch)
        return model

    def reload(self) -> None:
        """Read every report in the background."""
        self.status.setText(self.tr("Läser in…"))
        self._tasks.run(self._service.reports, self._loaded, self._failed)

    def _loaded(self, reports: ContractReports) -> None:
        """Fill each tab."""
        self.models["missing"].set_rows(reports.missing_roles)
        self.models["region"].set_rows(reports.per_region)
        self.models["namnd"].set_rows(reports.per_namnd)
        self.models["supplier"].set_rows(reports.per_supplier)
        self.models["expiring"].set_rows(reports.expiring)
        self.status.setText(
            self.tr("Avtal som inte har löpt ut den %1. %2 saknar avtalsägare eller handläggare.")
            .replace("%1", reports.today.isoformat())
            .replace("%2", str(len(reports.missing_roles)))
        )
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        """Explain in Swedish."""
        self.status.setText(user_text(exc))

    def _open(self, row: int) -> None:
        """Open a contract that lacks a role, then refresh."""
        if self._open_contract is not None and 0 <= row < self.models["missing"].rowCount():
            self._open_contract(self.models["missing"].row_at(row).id)
            self.reload()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        service: ContractReportService,
        tasks: TaskRunner,
        open_contract: Callable[[uuid.UUID], None] | None = None,
    ) -> None:
        """Show the reports until the user closes the dialog."""
        dialog = cls(service, tasks, open_contract, parent)
        dialog.reload()
        dialog.exec()
