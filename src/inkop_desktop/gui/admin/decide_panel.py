"""Vem får besluta? Amount, organisation, date and kind → the people and the rule."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.calendar import parse_kronor
from inkop_desktop.domain.direct_award.delegation import DecisionKind
from inkop_desktop.domain.errors import DomainError, ValidationError
from inkop_desktop.domain.money import Money
from inkop_desktop.gui.admin.common import tree_choices
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.form_helpers import (
    current_enum,
    day_of,
    fill_enum,
    fill_items,
    picker,
    select_data,
)
from inkop_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from inkop_desktop.services.admin import DecisionRights, Entitled


class DecidePanel(QGroupBox):
    """Asks the delegationsordning who may decide; the answer lists people and rules."""

    def __init__(self, service: DecisionRights, tasks: TaskRunner, parent: QWidget) -> None:
        super().__init__(self.tr("Vem får besluta?"), parent)
        self._service = service
        self._tasks = tasks
        self.amount = QLineEdit(self)
        self.amount.setPlaceholderText(self.tr("t.ex. 80 000"))
        self.organisation = QComboBox(self)
        self.day = picker(QDateEdit(self))
        self.kind = QComboBox(self)
        fill_enum(self.kind, DecisionKind)
        self.ask_button = QPushButton(self.tr("&Visa vem som får besluta"), self)
        self.ask_button.clicked.connect(self.ask)
        self.amount.returnPressed.connect(self.ask)
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.answer = QListWidget(self)
        self.answer.setObjectName("decideAnswer")
        self.answer.setWordWrap(True)
        form = QFormLayout()
        for label, widget in (
            ("&Belopp (kr)", self.amount), ("Or&ganisation", self.organisation),
            ("Da&tum", self.day), ("Beslut&styp", self.kind),
        ):  # fmt: skip
            form.addRow(self.tr(label), widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.ask_button)
        layout.addWidget(self.summary)
        layout.addWidget(self.answer, 1)

    def set_organisations(self, organisations: Sequence[Any]) -> None:
        """Offer the organisations in tree order, keeping the choice."""
        chosen = self.organisation.currentData()
        fill_items(self.organisation, tree_choices(organisations))
        if chosen is not None:
            select_data(self.organisation, chosen)

    def ask(self) -> None:
        """Ask the service in the background."""
        try:
            question = self._question()
        except DomainError as exc:
            self.summary.setText(exc.text)
            return
        amount, org_id, day, kind = question
        self.summary.setText(self.tr("Söker…"))
        self._tasks.run(
            lambda: self._service.who_may_decide(amount, org_id, day, kind),
            lambda found: self._show(found, amount, day),
            lambda exc: self.summary.setText(user_text(exc)),
            owner=self,
        )

    def _question(self) -> tuple[int, Any, date, DecisionKind]:
        """The typed question, or a Swedish ValidationError."""
        if not self.amount.text().strip():
            raise ValidationError("Ange ett belopp.")
        day = day_of(self.day)
        org_id = self.organisation.currentData()
        if org_id is None:
            raise ValidationError("Välj en organisation.")
        kind = current_enum(self.kind, DecisionKind) or DecisionKind.DIREKTUPPHANDLING
        return parse_kronor(self.amount.text(), "Belopp"), org_id, day, kind

    def _show(self, found: list[Entitled], amount: int, day: date) -> None:
        """One line per person with the rule that covers them."""
        self.answer.clear()
        where = self.organisation.currentText().strip()
        head = f"{Money(amount).format()} för {where} den {day.isoformat()}"
        if not found:
            self.summary.setText(self.tr("Ingen har delegation för %1.").replace("%1", head))
            return
        self.summary.setText(self.tr("Får besluta om %1:").replace("%1", head))
        for entitled in found:
            self.answer.addItem(entitled.line)
