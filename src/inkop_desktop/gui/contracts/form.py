"""The contract editor's fields: pick lists, filling from a contract and reading back."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from inkop_desktop.domain.contracts.model import ContractInput, RiskTier
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import Procedure
from inkop_desktop.gui.cpv_picker import CpvPicker
from inkop_desktop.gui.field_errors import collect, raise_all
from inkop_desktop.gui.uiloader import child
from inkop_desktop.services.contracts.choices import Choice, ContractChoices

LEGAL_BASES = ("LOU 6 kap.", "LOU 19 kap.", "LOU 19 a kap.", "LOU 7 kap. (ramavtal)", "LUF")
_TEXTS = {
    "title": "titleEdit",
    "contract_number": "numberEdit",
    "diarienummer": "diarieEdit",
    "procurement_id": "procurementIdEdit",
    "cpv": "cpvEdit",
    "keywords": "keywordsEdit",
    "price_index": "priceIndexEdit",
}
_CHECKS = {
    "preparedness_critical": "preparednessCheck",
    "e_handel": "eHandelCheck",
    "is_framework": "frameworkCheck",
}


def kronor_text(ore: int) -> str:
    """``1 234 567 kr`` for an amount field."""
    return Money(ore).format()


def read_kronor(text: str, label: str, *, required: bool) -> int:
    """Öre from a kronor field; a Swedish error names the field."""
    if not text.strip():
        if required:
            raise ValidationError(f"{label}: måste fyllas i.")
        return 0
    try:
        return Money.kronor(text).ore
    except ValidationError as exc:
        raise ValidationError(f"{label}: {exc.text}") from None


def _fill_combo(combo: QComboBox, items: Sequence[tuple[str, Any]]) -> None:
    """Replace a drop-down's items with (text, data) pairs."""
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)


def _select(combo: QComboBox, data: Any) -> None:
    """Select the item carrying *data* (the first item if absent)."""
    combo.setCurrentIndex(max(0, combo.findData(data)))


def _uuid(combo: QComboBox) -> uuid.UUID | None:
    """The UUID stored with the selected item, or None."""
    data = combo.currentData()
    return uuid.UUID(data) if data else None


class ContractForm:
    """Finds the editor's widgets by name and moves values between them and ContractInput."""

    def __init__(self, form: QWidget) -> None:
        self.texts = {k: child(form, QLineEdit, n) for k, n in _TEXTS.items()}
        self.cpv_picker = CpvPicker(self.texts["cpv"])
        self.checks = {k: child(form, QCheckBox, n) for k, n in _CHECKS.items()}
        self.description = child(form, QPlainTextEdit, "descriptionEdit")
        self.parties = child(form, QComboBox, "partiesCombo")
        self.procedure = child(form, QComboBox, "procedureCombo")
        self.legal_basis = child(form, QComboBox, "legalBasisCombo")
        self.risk = child(form, QComboBox, "riskCombo")
        self.owner = child(form, QComboBox, "ownerCombo")
        self.officer = child(form, QComboBox, "officerCombo")
        self.framework = child(form, QComboBox, "frameworkCombo")
        self.supplier_pick = child(form, QComboBox, "supplierCombo")
        self.suppliers = child(form, QListWidget, "supplierList")
        self.start = child(form, QDateEdit, "startDate")
        self.end = child(form, QDateEdit, "endDate")
        self.notice = child(form, QSpinBox, "noticeSpin")
        self.total = child(form, QLineEdit, "totalEdit")
        self.annual = child(form, QLineEdit, "annualEdit")
        self._fixed_lists()

    def _fixed_lists(self) -> None:
        """Enum drop-downs and defaults for a new contract."""
        _fill_combo(self.parties, [(p.label, p.value) for p in Parties])
        _fill_combo(self.procedure, [(p.label, p.value) for p in Procedure])
        _fill_combo(self.risk, [(r.label, r.value) for r in RiskTier])
        _select(self.risk, RiskTier.NORMAL.value)
        self.legal_basis.addItems(list(LEGAL_BASES))
        self.legal_basis.setCurrentText("")
        today = QDate.currentDate()
        self.start.setDate(today)
        self.end.setDate(today.addYears(2).addDays(-1))
        completer = QCompleter(self.supplier_pick.model(), self.supplier_pick)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.supplier_pick.setCompleter(completer)

    def set_choices(self, choices: ContractChoices) -> None:
        """Fill the people, supplier and framework drop-downs."""
        _fill_combo(self.owner, [("– välj avtalsägare –", None), *_pairs(choices.owners)])
        _fill_combo(self.officer, [("– välj handläggare –", None), *_pairs(choices.officers)])
        _fill_combo(self.framework, [("Inget (inte ett avrop)", None), *_pairs(choices.frameworks)])
        _fill_combo(self.supplier_pick, _pairs(choices.suppliers))
        self.supplier_pick.setCurrentIndex(-1)

    def set_data(self, data: ContractInput) -> None:
        """Show a stored contract."""
        for key, edit in self.texts.items():
            edit.setText(getattr(data, key) or "")
        for key, box in self.checks.items():
            box.setChecked(bool(getattr(data, key)))
        self.description.setPlainText(data.description)
        _select(self.parties, data.parties.value)
        _select(self.procedure, data.procedure.value)
        _select(self.risk, data.risk_tier.value)
        self.legal_basis.setCurrentText(data.legal_basis)
        _select(self.owner, str(data.owner_id) if data.owner_id else None)
        _select(self.officer, str(data.handlaggare_id) if data.handlaggare_id else None)
        _select(self.framework, str(data.framework_id) if data.framework_id else None)
        self.start.setDate(QDate(data.start_date))
        self.end.setDate(QDate(data.end_date))
        self.notice.setValue(data.notice_months)
        self.total.setText(kronor_text(data.total_value_ore))
        self.annual.setText(kronor_text(data.annual_value_ore) if data.annual_value_ore else "")
        self.suppliers.clear()
        names = {self.supplier_pick.itemData(i): self.supplier_pick.itemText(i)
                 for i in range(self.supplier_pick.count())}  # fmt: skip
        for supplier_id in data.supplier_ids:
            self._add_supplier_item(str(supplier_id), names.get(str(supplier_id), str(supplier_id)))

    def add_picked_supplier(self) -> bool:
        """Move the supplier typed or chosen in the drop-down to the list; False if none."""
        index = self.supplier_pick.findText(self.supplier_pick.currentText())
        if index < 0:
            return False
        data = self.supplier_pick.itemData(index)
        if data not in self.supplier_ids_text():
            self._add_supplier_item(data, self.supplier_pick.itemText(index))
        self.supplier_pick.setCurrentIndex(-1)
        return True

    def _add_supplier_item(self, supplier_id: str, text: str) -> None:
        """One line in the supplier list."""
        item = QListWidgetItem(text, self.suppliers)
        item.setData(Qt.ItemDataRole.UserRole, supplier_id)

    def remove_selected_supplier(self) -> None:
        """Drop the highlighted supplier from the list."""
        for item in self.suppliers.selectedItems():
            self.suppliers.takeItem(self.suppliers.row(item))

    def supplier_ids_text(self) -> list[str]:
        """Ids of the listed suppliers."""
        items = (self.suppliers.item(i) for i in range(self.suppliers.count()))
        return [str(item.data(Qt.ItemDataRole.UserRole)) for item in items]

    def widgets(self) -> dict[str, QWidget]:
        """Input field name → the widget that edits it (for messages beside the fields)."""
        found: dict[str, QWidget] = {**self.texts, **self.checks}
        found.update(
            description=self.description,
            parties=self.parties,
            procedure=self.procedure,
            legal_basis=self.legal_basis,
            risk_tier=self.risk,
            owner_id=self.owner,
            handlaggare_id=self.officer,
            framework_id=self.framework,
            supplier_ids=self.suppliers,
            start_date=self.start,
            end_date=self.end,
            notice_months=self.notice,
            total_value_ore=self.total,
            annual_value_ore=self.annual,
        )
        return found

    def data(self) -> dict[str, Any]:
        """The values for ContractInput (validated by the service); typing errors by field."""
        errors: list[ValidationError] = []
        total = collect(
            errors,
            "total_value_ore",
            lambda: read_kronor(self.total.text(), "Totalt värde", required=True),
            0,
        )
        annual = collect(
            errors,
            "annual_value_ore",
            lambda: read_kronor(self.annual.text(), "Årligt värde", required=False),
            0,
        )
        raise_all(errors)
        values: dict[str, Any] = {k: e.text() for k, e in self.texts.items()}
        values.update({k: b.isChecked() for k, b in self.checks.items()})
        values.update(
            description=self.description.toPlainText(),
            parties=Parties(self.parties.currentData()),
            procedure=Procedure(self.procedure.currentData()),
            risk_tier=RiskTier(self.risk.currentData()),
            legal_basis=self.legal_basis.currentText(),
            owner_id=_uuid(self.owner),
            handlaggare_id=_uuid(self.officer),
            framework_id=_uuid(self.framework),
            start_date=self.start_date(),
            end_date=self.end_date(),
            notice_months=self.notice.value(),
            total_value_ore=total,
            annual_value_ore=annual,
            supplier_ids=tuple(uuid.UUID(s) for s in self.supplier_ids_text()),
        )
        return values

    def start_date(self) -> date:
        """The start date field."""
        return self.start.date().toPython()  # type: ignore[return-value]

    def end_date(self) -> date:
        """The end date field."""
        return self.end.date().toPython()  # type: ignore[return-value]


def _pairs(choices: Sequence[Choice]) -> list[tuple[str, Any]]:
    """(text, id as text) for a drop-down."""
    return [(c.text, str(c.id)) for c in choices]
