"""One delegation rule: unit, role or named person, kind of decision, amount, period, point."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from inkop_desktop.domain.calendar import parse_kronor
from inkop_desktop.domain.direct_award.delegation import DecisionKind
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import Role
from inkop_desktop.gui.admin.common import EditDialog, tree_choices
from inkop_desktop.gui.form_helpers import (
    OptionalDate,
    current_enum,
    day_of,
    fill_enum,
    fill_items,
    picker,
    qdate,
    select_data,
)
from inkop_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from inkop_desktop.services.admin import DelegationAdmin, DelegationRow, OrganisationNode


class DelegationForm(EditDialog):
    """New or changed rule; a role or a named person holds it."""

    def __init__(
        self,
        service: DelegationAdmin,
        tasks: TaskRunner,
        organisations: Sequence[OrganisationNode],
        people: Sequence[Any],
        opened: DelegationRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("Ändra delegationsregel") if opened else self.tr("Ny delegationsregel")
        super().__init__(title, tasks, parent)
        self._service = service
        self._opened = opened
        self.organisation = QComboBox(self)
        fill_items(self.organisation, tree_choices(organisations))
        self.kind = QComboBox(self)
        fill_enum(self.kind, DecisionKind)
        self.role = QComboBox(self)
        fill_enum(self.role, Role, empty=self.tr("(namngiven person)"))
        self.person = QComboBox(self)
        named = [(p.name, p.id) for p in people if p.active]
        fill_items(self.person, named, empty=self.tr("(rollen ovan)"))
        self.amount = QLineEdit(self)
        self.amount.setPlaceholderText(self.tr("t.ex. 100 000"))
        self.valid_from = picker(QDateEdit(self))
        until = QWidget(self)
        row = QHBoxLayout(until)
        row.setContentsMargins(0, 0, 0, 0)
        self.valid_to = OptionalDate(QCheckBox(until), QDateEdit(until))
        row.addWidget(self.valid_to.given)
        row.addWidget(self.valid_to.edit)
        self.reference = QLineEdit(self)
        self.reference.setPlaceholderText(self.tr("t.ex. Delegationsordning HSN punkt 4.2"))
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.report = QCheckBox(self.tr("Besluten anmäls till nämnden (KL 6 kap. 40 §)"), self)
        self.report.setChecked(True)
        for label, widget in (
            ("&Organisation", self.organisation), ("&Beslutstyp", self.kind),
            ("&Roll", self.role), ("&Person", self.person), ("&Högsta belopp (kr)", self.amount),
            ("Giltig &från", self.valid_from), ("Giltig &till", until),
            ("Punkt i &delegationsordningen", self.reference), ("A&nmälan", self.report),
            ("&Anteckning", self.note),
        ):  # fmt: skip
            self.form.addRow(self.tr(label), widget)
        if opened is not None:
            self._fill(opened)
        self.resize(620, self.sizeHint().height())

    def _fill(self, opened: DelegationRow) -> None:
        """Show the opened rule."""
        select_data(self.organisation, opened.organisation_id)
        select_data(self.kind, opened.decision_kind)
        select_data(self.role, opened.role)
        select_data(self.person, opened.person_id)
        self.amount.setText(Money(opened.max_amount_ore).format().removesuffix(" kr"))
        self.valid_from.setDate(qdate(opened.valid_from))
        self.valid_to.set_value(opened.valid_to)
        self.reference.setText(opened.reference)
        self.note.setPlainText(opened.note)
        self.report.setChecked(opened.report_to_namnd)

    def field_widgets(self) -> dict[str, QWidget]:
        """Each DelegationEdit field's widget."""
        return {
            "organisation_id": self.organisation, "decision_kind": self.kind, "role": self.role,
            "person_id": self.person, "max_amount_ore": self.amount,
            "valid_from": self.valid_from, "valid_to": self.valid_to.edit,
            "reference": self.reference, "note": self.note, "report_to_namnd": self.report,
        }  # fmt: skip

    def values(self) -> dict[str, Any]:
        """The form as a DelegationEdit dict."""
        start = day_of(self.valid_from)
        if not self.amount.text().strip():
            raise ValidationError("Högsta belopp måste fyllas i.", field="max_amount_ore")
        return {
            "organisation_id": self.organisation.currentData(),
            "decision_kind": current_enum(self.kind, DecisionKind),
            "role": current_enum(self.role, Role),
            "person_id": self.person.currentData(),
            "max_amount_ore": parse_kronor(self.amount.text(), "Högsta belopp"),
            "valid_from": start,
            "valid_to": self.valid_to.value(),
            "reference": self.reference.text().strip(),
            "note": self.note.toPlainText().strip(),
            "report_to_namnd": self.report.isChecked(),
        }

    def store(self, data: dict[str, Any]) -> Any:
        """Create, or update the version that was opened."""
        if self._opened is None:
            return self._service.create(data)
        return self._service.update(self._opened.id, self._opened.version, data)
