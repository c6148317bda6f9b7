"""Planpost: edit a plan item, see the suggested procedure, and move it along the workflow."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from inkop_desktop.domain.calendar import parse_kronor
from inkop_desktop.domain.errors import DomainError, ValidationError
from inkop_desktop.domain.money import Money
from inkop_desktop.domain.organisation import Parties, Role
from inkop_desktop.domain.permissions import Act
from inkop_desktop.domain.plan.status import (
    PlanStatus,
    Preparedness,
    Procedure,
    closed_reason,
    next_statuses,
)
from inkop_desktop.gui.conflict_dialog import resolve
from inkop_desktop.gui.cpv_picker import CpvPicker
from inkop_desktop.gui.errors import user_text, wants_reload
from inkop_desktop.gui.field_errors import FieldErrors, collect, raise_all
from inkop_desktop.gui.form_helpers import (
    OptionalDate,
    checked_values,
    current_enum,
    fill_checklist,
    fill_enum,
    fill_items,
    select_data,
    set_checked,
)
from inkop_desktop.gui.history import HistoryDialog, history_button
from inkop_desktop.gui.plan.advice import show_advice
from inkop_desktop.gui.plan.conflict import plan_side, plan_values
from inkop_desktop.gui.read_only import lock, not_allowed, offer
from inkop_desktop.gui.region_units import units_for_parties
from inkop_desktop.gui.stale_notice import RecordWatch
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, embed_form

if TYPE_CHECKING:
    from inkop_desktop.services.access import Actor
    from inkop_desktop.services.changes import Changes
    from inkop_desktop.services.plan.store import PlanDetail
    from inkop_desktop.services.registry import Services

DATES = (
    ("planned_start", "plannedStart"),
    ("needs_analysis_on", "needsAnalysis"),
    ("advertise_on", "advertise"),
    ("award_on", "award"),
    ("contract_start_on", "contractStart"),
)
TEXTS = (
    ("description", "descriptionEdit"),
    ("procedure_reason", "reasonEdit"),
    ("env_requirements", "envEdit"),
    ("social_requirements", "socialEdit"),
    ("agenda2030", "agendaEdit"),
)


WATCHED = frozenset({"plan_item", "plan_item_party", "plan_item_cpv", "plan_item_bidder"})
"""The tables whose change may mean that the open plan item changed underneath."""


def _probe(services: Services, item_id: uuid.UUID) -> tuple[int, str | None]:
    """Background: the stored version and who changed the item last."""
    history = services.audit.history("plan_item", item_id)
    return services.plan.get(item_id).version, history[-1].who if history else None


class PlanItemEditor(QDialog):
    """The plan item form (ui/plan_item_editor.ui); all database work in the background."""

    saved = Signal(object)

    def __init__(self, services: Services, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._tasks = tasks
        self.detail: PlanDetail | None = None
        self._form = embed_form("plan_item_editor", self)
        self._units: list[Any] = []
        self._opening = False
        self.me: Actor | None = None
        """The acting person (known once the pick lists are loaded): what the form offers."""
        self._bind()
        self._advice_timer = QTimer(self, singleShot=True, interval=300)
        self._advice_timer.timeout.connect(self._refresh_advice)
        self.watch = RecordWatch(self, tasks, WATCHED, self._read_again)
        self._sent: dict[str, Any] = {}
        self._load_choices()

    def changed_elsewhere(self, changes: Changes) -> None:
        """Others saved: if it was this plan item, say so in the bar (the form is kept)."""
        if self.detail is not None:
            item_id, s = self.detail.id, self._services
            self.watch.check(
                changes,
                lambda: self.detail.version if self.detail is not None else None,
                lambda: _probe(s, item_id),
            )

    def _read_again(self) -> None:
        """Läs in på nytt: show the stored item (the user's unsaved input is dropped)."""
        if self.detail is not None:
            self.open_item(self.detail.id)

    @property
    def services(self) -> Services:
        """The use cases this editor works through."""
        return self._services

    def _bind(self) -> None:
        """Find the form's widgets."""
        f = self._form
        self.title = child(f, QLineEdit, "titleEdit")
        self.year = child(f, QSpinBox, "yearSpin")
        self.parties = child(f, QComboBox, "partiesCombo")
        self.organisations = child(f, QListWidget, "organisationsList")
        self.cpv = child(f, QLineEdit, "cpvEdit")
        self.cpv_picker = CpvPicker(self.cpv, several=True)
        self.responsible = child(f, QComboBox, "responsibleCombo")
        self.replaces = child(f, QLineEdit, "replacesEdit")
        self.total = child(f, QLineEdit, "totalEdit")
        self.annual = child(f, QLineEdit, "annualEdit")
        self.months = child(f, QSpinBox, "monthsSpin")
        self.options = child(f, QSpinBox, "optionsSpin")
        self.procedure = child(f, QComboBox, "procedureCombo")
        self.advice = child(f, QLabel, "adviceLabel")
        self.preparedness = child(f, QComboBox, "preparednessCombo")
        self.texts = {key: child(f, QPlainTextEdit, name) for key, name in TEXTS}
        self.dates = {
            key: OptionalDate(
                child(f, QCheckBox, f"{name}Given"), child(f, QDateEdit, f"{name}Edit")
            )
            for key, name in DATES
        }
        self.status = child(f, QLabel, "statusLabel")
        self.next_status = child(f, QComboBox, "nextStatusCombo")
        self.move_button = child(f, QPushButton, "moveButton")
        self.error = child(f, QLabel, "errorLabel")
        self.tabs = child(f, QTabWidget, "tabs")
        self.buttons = child(f, QDialogButtonBox, "buttonBox")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.move_button.clicked.connect(self.move_status)
        self.history = history_button(self.buttons, self.show_history)
        fill_enum(self.parties, Parties)
        fill_enum(self.procedure, Procedure, empty=self.tr("(inte valt)"))
        fill_enum(self.preparedness, Preparedness)
        for widget in (self.total, self.cpv):
            widget.textChanged.connect(lambda _t: self._advice_timer.start())
        self.dates["planned_start"].changed.connect(lambda: self._advice_timer.start())
        self.year.valueChanged.connect(lambda _v: self._advice_timer.start())
        self.parties.currentIndexChanged.connect(lambda _i: self._fill_units())
        self.fields = FieldErrors(self._field_widgets(), self.error, self.tabs)
        self._show_status(None)

    def _field_widgets(self) -> dict[str, QWidget]:
        """Input field name → the widget that edits it."""
        widgets: dict[str, QWidget] = {
            "title": self.title,
            "year": self.year,
            "parties": self.parties,
            "organisation_ids": self.organisations,
            "cpv_codes": self.cpv,
            "responsible_id": self.responsible,
            "replaces_contract_id": self.replaces,
            "estimated_total_ore": self.total,
            "annual_value_ore": self.annual,
            "contract_months": self.months,
            "option_months": self.options,
            "procedure": self.procedure,
            "preparedness": self.preparedness,
        }
        return widgets | self.texts | {key: d.edit for key, d in self.dates.items()}

    def _fill_units(self) -> None:
        """Offer the nämnder of the chosen region(s), keeping those still offered ticked."""
        ticked = checked_values(self.organisations)
        parties = current_enum(self.parties, Parties)
        fill_checklist(self.organisations, units_for_parties(self._units, parties))
        set_checked(self.organisations, ticked)

    def _load_choices(self) -> None:
        """Fetch organisations and upphandlare for the pick lists."""
        people, orgs = self._services.people, self._services.people
        self._busy(True)
        self._tasks.run(
            lambda: (orgs.organisations(), people.people(Role.UPPHANDLARE), people.me()),
            self._choices_loaded,
            self._failed,
        )

    def _choices_loaded(self, result: tuple[list[Any], list[Any], Actor]) -> None:
        """Fill the pick lists, then the record if one was asked for."""
        orgs, people, self.me = result
        self._units = [o for o in orgs if o.kind in ("namnd", "forvaltning", "bolag", "region")]
        self._fill_units()
        fill_items(self.responsible, [(p.name, p.id) for p in people], empty=self.tr("(ingen)"))
        self._busy(False)
        if self.detail is not None:
            self._fill(self.detail)
        elif not self._opening:
            self._offer(None)

    def open_item(self, item_id: uuid.UUID) -> None:
        """Load a plan item in the background."""
        self._opening = True
        self._busy(True)
        self._tasks.run(lambda: self._services.plan.get(item_id), self._loaded, self._failed)

    def _loaded(self, detail: PlanDetail) -> None:
        """Show *detail* once the pick lists are there."""
        self.detail = detail
        self._busy(False)
        if self.responsible.count():
            self._fill(detail)

    def _fill(self, detail: PlanDetail) -> None:
        """Put the record's values in the widgets."""
        self.watch.reloaded()
        d = detail.data
        self.title.setText(d.title)
        self.year.setValue(d.year)
        select_data(self.parties, d.parties)
        self._fill_units()
        set_checked(self.organisations, d.organisation_ids)
        self.cpv.setText(", ".join(d.cpv_codes))
        select_data(self.responsible, d.responsible_id)
        self.replaces.setText(detail.replaces_number or "")
        self.total.setText(Money(d.estimated_total_ore).format().removesuffix(" kr"))
        self.annual.setText(Money(d.annual_value_ore).format().removesuffix(" kr"))
        self.months.setValue(d.contract_months)
        self.options.setValue(d.option_months)
        select_data(self.procedure, d.procedure)
        select_data(self.preparedness, d.preparedness)
        for key, text_edit in self.texts.items():
            text_edit.setPlainText(getattr(d, key))
        for key, field in self.dates.items():
            field.set_value(getattr(d, key))
        self.setWindowTitle(
            self.tr("Planpost %1 – %2").replace("%1", detail.reference).replace("%2", d.title)
        )
        self._show_status(detail)
        self.history.setEnabled(True)
        self._offer(detail)

    def _offer(self, detail: PlanDetail | None) -> None:
        """Read-only with the reason when the user may not change the item; status moves only
        when there is one to make (greyed, naming the rule, for those who may not)."""
        if self.me is None:
            return
        act = Act.PLAN_CREATE if detail is None else Act.PLAN_EDIT
        if not self.me.may(act):
            lock(self._form, self.buttons, not_allowed(act))
            return
        closed = None if detail is None else closed_reason(detail.status)
        if closed is not None:
            lock(self._form, self.buttons, closed)
            return
        if detail is not None:
            why = self.me.refusal(Act.PLAN_STATUS, responsible=[detail.data.responsible_id])
            offer(self.move_button, self.next_status.count() > 0, why)
            self.next_status.setVisible(self.move_button.isVisible())
            self.next_status.setEnabled(self.move_button.isEnabled())

    def show_version(self, detail: PlanDetail, shown: PlanDetail) -> None:
        """Edit on top of *detail* (a newer version) with the values of *shown* in the form."""
        self.detail = detail
        self._fill(shown)

    def show_history(self) -> None:
        """The item's changes from the audit trail (read-only)."""
        if self.detail is not None:
            item_id, audit = self.detail.id, self._services.audit
            load = lambda: audit.history("plan_item", item_id)  # noqa: E731
            HistoryDialog(load, self._tasks, self.detail.reference, self).open()

    def _show_status(self, detail: PlanDetail | None) -> None:
        """The current status and the moves the workflow allows."""
        self.next_status.clear()
        if detail is None:
            self.status.setText(self.tr("Status: ny (sparas som Planerad)"))
            self.move_button.setVisible(False)
            self.next_status.setVisible(False)
            return
        self.status.setText(self.tr("Status: %1").replace("%1", detail.status.label))
        if detail.merged_into is None:
            for status in next_statuses(detail.status):
                self.next_status.addItem(status.label, status.value)
        self.move_button.setEnabled(self.next_status.count() > 0)
        self.move_button.setVisible(self.next_status.count() > 0)
        self.next_status.setVisible(self.next_status.count() > 0)

    def values(self) -> dict[str, Any]:
        """The form as input for the service; every typing error, by field, in one message."""
        errors: list[ValidationError] = []
        total = collect(
            errors,
            "estimated_total_ore",
            lambda: parse_kronor(self.total.text(), "Beräknat totalvärde"),
            0,
        )
        annual = collect(
            errors, "annual_value_ore", lambda: parse_kronor(self.annual.text(), "Årligt värde"), 0
        )
        raise_all(errors)
        data: dict[str, Any] = {
            "title": self.title.text(),
            "year": self.year.value(),
            "parties": current_enum(self.parties, Parties),
            "organisation_ids": tuple(checked_values(self.organisations)),
            "cpv_codes": tuple(c.strip() for c in self.cpv.text().split(",") if c.strip()),
            "estimated_total_ore": total,
            "annual_value_ore": annual,
            "contract_months": self.months.value(),
            "option_months": self.options.value(),
            "procedure": current_enum(self.procedure, Procedure),
            "responsible_id": self.responsible.currentData(),
            "preparedness": current_enum(self.preparedness, Preparedness),
        }
        data.update({key: w.toPlainText() for key, w in self.texts.items()})
        data.update({key: field.value() for key, field in self.dates.items()})
        return data

    def save(self) -> None:
        """Validate and store in the background; the input stays if anything is wrong."""
        try:
            data = self.values()
        except DomainError as exc:
            self.fields.show(exc)
            return
        plan, number, detail = self._services.plan, self.replaces.text(), self.detail
        self._sent = dict(data)

        def job() -> PlanDetail:
            data["replaces_contract_id"] = plan.contract_id(number)
            if detail is None:
                return plan.create(data)
            return plan.update(detail.id, detail.version, data)

        self._busy(True)
        self.fields.clear()
        self._tasks.run(job, self._saved, self._failed)

    def _saved(self, detail: PlanDetail) -> None:
        """Stored: close."""
        self.detail = detail
        self._busy(False)
        self.saved.emit(detail)
        self.accept()

    def move_status(self) -> None:
        """Move to the chosen status (the workflow and the jäv gate decide)."""
        target = current_enum(self.next_status, PlanStatus)
        if self.detail is None or target is None:
            return
        detail, plan, self._sent = self.detail, self._services.plan, {}
        self._busy(True)
        self._tasks.run(
            lambda: plan.move(detail.id, detail.version, target), self._moved, self._failed
        )

    def _moved(self, detail: PlanDetail) -> None:
        """Show the new status."""
        self.detail = detail
        self._busy(False)
        self._show_status(detail)
        self._offer(detail)
        self.saved.emit(detail)

    def _failed(self, exc: BaseException) -> None:
        """Explain in Swedish; keep the input; after a conflict offer reload (or compare a save)."""
        self._busy(False)
        self.fields.show(exc)
        if self.detail is None:
            return
        if self._sent:
            side = plan_side(self, self.detail.id)
            resolve(self, self._tasks, exc, side, self._sent, plan_values(self.detail))
        elif wants_reload(self, exc):
            self.open_item(self.detail.id)

    def _refresh_advice(self) -> None:
        """Ask for the procedure the value requires on the planned start date."""
        try:
            value = parse_kronor(self.total.text(), "Beräknat totalvärde")
        except DomainError as exc:
            self.advice.setText(exc.text)
            return
        on = self.dates["planned_start"].value() or date(self.year.value(), 1, 1)
        cpv = self.cpv.text().split(",")[0].strip() or None
        plan = self._services.plan
        self._tasks.run(lambda: plan.advice(value, on, cpv), self._show_advice, self._advice_failed)

    def _show_advice(self, advice: Any) -> None:
        """Show the suggestion and its legal basis."""
        show_advice(self.advice, advice)

    def _advice_failed(self, exc: BaseException) -> None:
        """Reference data missing or similar: say so."""
        self.advice.setToolTip("")
        self.advice.setText(user_text(exc))

    def _busy(self, busy: bool) -> None:
        """Disable the buttons while work is under way."""
        self.buttons.setEnabled(not busy)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        services: Services,
        tasks: TaskRunner,
        item_id: uuid.UUID | None = None,
    ) -> PlanDetail | None:
        """Show the editor (empty for a new item); the saved item or None."""
        editor = cls(services, tasks, parent)
        if item_id is not None:
            editor.open_item(item_id)
        result = editor.exec()
        return editor.detail if result == QDialog.DialogCode.Accepted else None
