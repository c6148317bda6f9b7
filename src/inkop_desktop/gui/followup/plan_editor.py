"""Ändra uppföljningsplan: tier, interval, checklists, responsible; the next due date computed."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget, QSpinBox, QWidget

from inkop_desktop.domain.contracts.model import RiskTier
from inkop_desktop.domain.errors import NotFoundError
from inkop_desktop.domain.followup.schedule import replanned_due
from inkop_desktop.domain.permissions import Act
from inkop_desktop.gui.conflict_dialog import resolve
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.followup.common import tr
from inkop_desktop.gui.followup.forms import FormDialog, text_box
from inkop_desktop.gui.followup.plan_conflict import plan_side, plan_values
from inkop_desktop.gui.form_helpers import (
    checked_values,
    current_enum,
    fill_checklist,
    fill_enum,
    fill_items,
    select_data,
    set_checked,
)
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.access import Actor
from inkop_desktop.services.followup import PlanChoices, PlanDetail
from inkop_desktop.services.registry import Services

NO_PLAN = "Avtalet har ingen uppföljningsplan ännu; föreslå en först."


@dataclass(frozen=True)
class PlanForm:
    """The plan, what the editor offers, the people who can be responsible, and who is looking."""

    plan: PlanDetail
    choices: PlanChoices
    people: Sequence[Any]
    me: Actor


def load_form(services: Services, contract_id: uuid.UUID) -> PlanForm:
    """Everything the plan editor shows (runs off the GUI thread)."""
    plan = services.followup.plan_for_contract(contract_id)
    if plan is None:
        raise NotFoundError(NO_PLAN)
    return PlanForm(
        plan=plan,
        choices=services.followup.plan_choices(contract_id),
        people=services.people.people(),
        me=services.people.me(),
    )


class PlanEditor(FormDialog):
    """A contract's follow-up plan; saving checks the version that was opened."""

    loaded = Signal()
    saved = Signal(object)

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(tr("Ändra uppföljningsplan"), tasks, self._save_plan, parent)
        self.services = services
        self.data: PlanForm | None = None
        self.plan: PlanDetail | None = None
        self._opened: PlanDetail | None = None
        self._sent: dict[str, Any] = {}
        self._names: dict[uuid.UUID, str] = {}
        self.header = QLabel(tr("Läser in planen…"), self)
        self.header.setWordWrap(True)
        self.tier = QComboBox(self)
        self.tier.setObjectName("tierCombo")
        fill_enum(self.tier, RiskTier)
        self.interval = QSpinBox(self)
        self.interval.setObjectName("intervalSpin")
        self.interval.setRange(1, 60)
        self.interval.setSuffix(tr(" månader"))
        self.templates = QListWidget(self)
        self.templates.setObjectName("templatesList")
        self.responsible = QComboBox(self)
        self.responsible.setObjectName("responsibleCombo")
        self.due = QLabel("", self)
        self.due.setObjectName("nextDueLabel")
        self.due.setWordWrap(True)
        self.note = text_box(self, "noteEdit")
        self._layout_form()
        self.tier.currentIndexChanged.connect(lambda _i: self._tier_changed())
        self.interval.valueChanged.connect(lambda _v: self._show_due())
        self._enable(False)
        self.resize(560, 560)

    def _layout_form(self) -> None:
        """The fields in the order the plan is thought through."""
        self.form.addRow(self.header)
        self.form.addRow(tr("&Riskklass:"), self.tier)
        self.form.addRow(tr("&Intervall:"), self.interval)
        self.form.addRow(tr("&Checklistor:"), self.templates)
        self.form.addRow(tr("&Ansvarig:"), self.responsible)
        self.form.addRow(tr("Nästa uppföljning:"), self.due)
        self.form.addRow(tr("A&nteckning:"), self.note)

    # --- loading ---------------------------------------------------------------------------

    def open_contract(self, contract_id: uuid.UUID) -> None:
        """Show window-modal and read the contract's plan and the choices in the background."""
        services = self.services
        self._tasks.run(lambda: load_form(services, contract_id), self._loaded, self._failed)
        self.open()

    def _loaded(self, data: PlanForm) -> None:
        """Fill the pick lists, then the plan's values; gate by the person's roles."""
        self.data = data
        self._names = dict(data.choices.templates)
        fill_items(self.responsible, [(p.display, str(p.id)) for p in data.people],
                   empty=tr("(ingen)"))  # fmt: skip
        self.show_version(data.plan)
        why = data.me.refusal(Act.FOLLOWUP_PLAN)
        self._enable(not why)
        self.buttons.button(self.buttons.StandardButton.Save).setToolTip(why)
        self.error.setText(why)
        self.loaded.emit()

    def show_version(self, plan: PlanDetail, mix: dict[str, Any] | None = None) -> None:
        """Edit on top of *plan*'s version: its values, or the *mix* chosen after a conflict."""
        self.plan = plan
        self._names.update(zip(plan.template_ids, plan.template_names, strict=True))
        shown = plan.model_copy(update=mix or {})
        chosen = [*shown.template_ids, *plan.template_ids]
        order = dict.fromkeys([*chosen, *self._names])
        fill_checklist(self.templates, [(self.template_name(i), str(i)) for i in order])
        set_checked(self.templates, [str(i) for i in shown.template_ids])
        self.header.setText(f"{plan.contract_number} {plan.contract_title}")
        self.tier.blockSignals(True)
        select_data(self.tier, shown.risk_tier)
        self.tier.blockSignals(False)
        self.interval.setValue(shown.interval_months)
        select_data(self.responsible, str(shown.responsible_id) if shown.responsible_id else None)
        self.note.setPlainText(shown.note)
        self._show_due()

    def template_name(self, template_id: Any) -> str:
        """A checklist's name (its id when it is unknown)."""
        wanted = uuid.UUID(str(template_id))
        return self._names.get(wanted, str(template_id))

    def _failed(self, exc: BaseException) -> None:
        """Could not read the plan: say why (the dialog stays so it can be read)."""
        self.error.setText(user_text(exc))

    def _enable(self, on: bool) -> None:
        """Fields and Spara only for a person who may plan follow-ups."""
        for widget in (self.tier, self.interval, self.templates, self.responsible, self.note):
            widget.setEnabled(on)
        self.buttons.button(self.buttons.StandardButton.Save).setEnabled(on)

    # --- the computed due date -------------------------------------------------------------

    def _tier_changed(self) -> None:
        """A new tier brings its interval (the reference value valid today)."""
        tier = current_enum(self.tier, RiskTier)
        months = dict(self.data.choices.intervals).get(tier) if self.data and tier else None
        if months is not None:
            self.interval.setValue(months)
        self._show_due()

    def next_due(self) -> date | None:
        """The stored date while the interval is unchanged; else computed from the schedule."""
        if self.plan is None or self.data is None:
            return None
        months = self.interval.value()
        if months == self.plan.interval_months:
            return self.plan.next_due
        choices = self.data.choices
        return replanned_due(choices.last_completed, months, choices.contract_start, date.today())

    def _show_due(self) -> None:
        """The date and how it was worked out."""
        due = self.next_due()
        if due is None or self.plan is None or self.data is None:
            self.due.setText("")
            return
        last = self.data.choices.last_completed
        if self.interval.value() == self.plan.interval_months:
            why = tr("oförändrad, intervallet är detsamma")
        elif last is not None:
            why = tr("ett intervall efter senast genomförda uppföljning %1").replace(
                "%1", last.isoformat()
            )
        else:
            why = tr("ingen uppföljning är genomförd: ett intervall efter avtalets start, "
                     "tidigast om 30 dagar")  # fmt: skip
        self.due.setText(f"{due.isoformat()} ({why})")

    # --- storing ---------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The plan as the service takes it (the version it is saved on top of is kept)."""
        responsible = self.responsible.currentData()
        data = {
            "risk_tier": current_enum(self.tier, RiskTier),
            "interval_months": self.interval.value(),
            "template_ids": tuple(uuid.UUID(v) for v in checked_values(self.templates)),
            "responsible_id": uuid.UUID(responsible) if responsible else None,
            "next_due": self.next_due(),
            "note": self.note.toPlainText().strip(),
        }
        self._sent, self._opened = dict(data), self.plan
        return data

    def _save_plan(self, data: dict[str, Any]) -> PlanDetail:
        """Store on top of the opened version (runs off the GUI thread)."""
        opened = self._opened
        if opened is None:
            raise NotFoundError(NO_PLAN)
        return self.services.followup.save_plan(opened.contract_id, data, opened=opened.version)

    def _stored(self, value: Any) -> None:
        """Stored: tell the tab or the list, then close."""
        self.plan = value
        self.saved.emit(value)
        super()._stored(value)

    def store_failed(self, exc: BaseException) -> None:
        """After a concurrent edit: read the saved version, compare field by field, or go on."""
        opened = self._opened
        if opened is not None:
            side = plan_side(self, opened, self._sent.keys())
            resolve(self, self._tasks, exc, side, self._sent, plan_values(opened, self._sent))
