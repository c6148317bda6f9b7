"""Offert: register a received quote (secret until the decision, OSL 19 kap. 3 §)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from inkop_desktop.domain.direct_award.input import QuoteInput
from inkop_desktop.domain.direct_award.status import ReceivedHow
from inkop_desktop.domain.errors import DomainError
from inkop_desktop.domain.validation import parse
from inkop_desktop.gui.uiloader import child, embed_form

NewSupplier = Callable[[QWidget], tuple[uuid.UUID, str] | None]
"""Opens the supplier editor for a new supplier: its id and pick-list text, or None."""


def searchable(combo: QComboBox, items: Sequence[tuple[uuid.UUID, str]]) -> None:
    """A pick list the user types into: any part of name or org.nr finds it, none preselected."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for key, text in items:
        combo.addItem(text, str(key))
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCompleter(completer)
    combo.setCurrentIndex(-1)
    line = combo.lineEdit()
    if line is not None:
        hint = QCoreApplication.translate("Direktupphandling", "sök namn eller org.nr")
        line.setPlaceholderText(hint)


class QuoteDialog(QDialog):
    """Supplier, amount, date, how it came in and evaluation notes."""

    def __init__(
        self,
        suppliers: Sequence[tuple[uuid.UUID, str]],
        today: date,
        parent: QWidget | None = None,
        new_supplier: NewSupplier | None = None,
    ) -> None:
        super().__init__(parent)
        self._form = embed_form("direct_award_quote", self)
        self.supplier = child(self._form, QComboBox, "supplierCombo")
        searchable(self.supplier, suppliers)
        self._new_supplier = new_supplier
        add = child(self._form, QPushButton, "newSupplierButton")
        add.setVisible(new_supplier is not None)
        add.clicked.connect(self._add_supplier)
        self.amount = child(self._form, QLineEdit, "amountEdit")
        self.received_on = child(self._form, QDateEdit, "receivedOnEdit")
        self.received_on.setDate(QDate(today.year, today.month, today.day))
        self.how = child(self._form, QComboBox, "receivedHowCombo")
        for how in ReceivedHow:
            self.how.addItem(how.label, how.value)
        self.notes = child(self._form, QPlainTextEdit, "notesEdit")
        self.error = child(self._form, QLabel, "errorLabel")
        buttons = child(self._form, QDialogButtonBox, "buttonBox")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Lägg till"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Avbryt"))
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)

    def _add_supplier(self) -> None:
        """Register a supplier that is not in the register yet, and choose it."""
        added = self._new_supplier(self) if self._new_supplier is not None else None
        if added is not None:
            self.supplier.addItem(added[1], str(added[0]))
            self.supplier.setCurrentIndex(self.supplier.count() - 1)

    def values(self) -> dict[str, Any]:
        """The quote as the service expects it."""
        day = self.received_on.date()
        chosen = self.supplier.itemData(self.supplier.findText(self.supplier.currentText()))
        return {
            "supplier_id": uuid.UUID(chosen) if chosen else None,
            "amount": self.amount.text(),
            "received_on": date(day.year(), day.month(), day.day()),
            "received_how": ReceivedHow(self.how.currentData()),
            "notes": self.notes.toPlainText(),
        }

    def _check_and_accept(self) -> None:
        """Validate in the domain (no database involved) before closing."""
        try:
            parse(QuoteInput, self.values())
        except DomainError as exc:
            self.error.setText(exc.text)
            return
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        suppliers: Sequence[tuple[uuid.UUID, str]],
        today: date,
        new_supplier: NewSupplier | None = None,
    ) -> dict[str, Any] | None:
        """Show the dialog; the quote's values or None."""
        dialog = cls(suppliers, today, parent, new_supplier)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
