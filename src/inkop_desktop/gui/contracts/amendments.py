"""Ändringar: the amendment dialog and the editor tab listing a contract's amendments."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from inkop_desktop.domain.money import format_kronor
from inkop_desktop.gui.contracts.form import read_kronor
from inkop_desktop.gui.form_submit import submit
from inkop_desktop.gui.table_model import Column, RowTableModel, money_column
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, embed_form
from inkop_desktop.services.contracts.parts import AmendmentRow
from inkop_desktop.services.contracts.service import ContractDetail, ContractService

Rows = tuple[AmendmentRow, ...]


def tr(text: str) -> str:
    """Translate (context "Ändringar")."""
    return QCoreApplication.translate("Ändringar", text)


def amendment_columns() -> list[Column]:
    """Date, reason and new value."""
    return [
        Column("amended_on", tr("Datum")),
        Column("reason", tr("Skäl")),
        money_column("new_value_ore", tr("Nytt värde")),
    ]


def name_buttons(box: QDialogButtonBox) -> None:
    """Swedish texts on the standard buttons (no Qt translation is installed)."""
    texts = {
        QDialogButtonBox.StandardButton.Save: tr("Spara"),
        QDialogButtonBox.StandardButton.Cancel: tr("Avbryt"),
        QDialogButtonBox.StandardButton.Close: tr("Stäng"),
    }
    for standard, text in texts.items():
        button = box.button(standard)
        if button is not None:
            button.setText(text)


class AmendmentDialog(QDialog):
    """Date, reason and new value of one amendment; saved in the background."""

    def __init__(
        self,
        service: ContractService,
        tasks: TaskRunner,
        contract_id: uuid.UUID,
        version: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service, self._tasks, self._contract_id = service, tasks, contract_id
        self._version = version
        self.stored: ContractDetail | None = None
        self._form = embed_form("contract_amendment", self)
        self.date = child(self._form, QDateEdit, "dateEdit")
        self.reason = child(self._form, QPlainTextEdit, "reasonEdit")
        self.value = child(self._form, QLineEdit, "valueEdit")
        self.error = child(self._form, QLabel, "errorLabel")
        self.buttons = child(self._form, QDialogButtonBox, "buttonBox")
        name_buttons(self.buttons)
        self.date.setDate(QDate.currentDate())
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def save(self) -> None:
        """Validate and store; the dialog stays open with the message on failure."""
        service, contract_id, version = self._service, self._contract_id, self._version
        submit(
            self._tasks,
            self.error,
            self.buttons,
            self._values,
            lambda data: service.add_amendment(contract_id, version, data),
            self._saved,
        )

    def _values(self) -> dict[str, Any]:
        """The typed amendment (a badly typed amount is a Swedish DomainError)."""
        return {
            "amended_on": self.date.date().toPython(),
            "reason": self.reason.toPlainText(),
            "new_value_ore": read_kronor(self.value.text(), tr("Nytt värde"), required=True),
        }

    def _saved(self, detail: ContractDetail) -> None:
        """Stored: close with the contract's new version and every amendment."""
        self.stored = detail
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        service: ContractService,
        tasks: TaskRunner,
        contract_id: uuid.UUID,
        version: int,
    ) -> ContractDetail | None:
        """Show the dialog; the contract (new version, amendments) after saving, or None."""
        dialog = cls(service, tasks, contract_id, version, parent)
        return dialog.stored if dialog.exec() == QDialog.DialogCode.Accepted else None


class AmendmentPanel:
    """The Ändringar tab: the list, the original and current value, and "Lägg till ändring…"."""

    def __init__(
        self,
        form: QWidget,
        ask: Callable[[uuid.UUID], Rows | None],
        on_change: Callable[[int], None],
    ) -> None:
        self._ask, self._on_change = ask, on_change
        self._contract_id: uuid.UUID | None = None
        self._original = 0
        self.model = RowTableModel(amendment_columns(), form)
        self.view = child(form, QTableView, "amendmentsView")
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setVisible(False)
        self.summary = child(form, QLabel, "originalValueLabel")
        self.hint = child(form, QLabel, "amendmentHint")
        self._hint_text = self.hint.text()
        self.add_button = child(form, QPushButton, "addAmendmentButton")
        self.add_button.clicked.connect(self.add)
        self.display(None, 0, ())

    def display(
        self, contract_id: uuid.UUID | None, original_ore: int, rows: Sequence[AmendmentRow]
    ) -> None:
        """Show a contract's amendments (a new contract has none and cannot get any yet)."""
        self._contract_id, self._original = contract_id, original_ore
        self.add_button.setEnabled(contract_id is not None)
        self.hint.setText(
            self._hint_text
            if contract_id is not None
            else tr("Spara avtalet först; öppna det sedan för att lägga till ändringar.")
        )
        self._set_rows(tuple(rows))

    def _set_rows(self, rows: Rows) -> None:
        """Fill the table and the value summary."""
        self.model.set_rows(rows)
        current = rows[-1].new_value_ore if rows else self._original
        self.summary.setText(
            tr("Ursprungligt värde: %1 – aktuellt värde: %2")
            .replace("%1", format_kronor(self._original))
            .replace("%2", format_kronor(current))
        )
        self._on_change(current)

    def add(self) -> None:
        """Ask for a new amendment and show the updated list."""
        if self._contract_id is None:
            return
        rows = self._ask(self._contract_id)
        if rows is not None:
            self._set_rows(rows)
