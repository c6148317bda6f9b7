"""Behovsanmälan: the short form a budgetansvarig fills in to announce a coming need."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from inkop_desktop.domain.calendar import parse_kronor
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.domain.organisation import Region
from inkop_desktop.gui.cpv_picker import CpvPicker
from inkop_desktop.gui.field_errors import FieldErrors, collect, raise_all
from inkop_desktop.gui.form_helpers import day_of, fill_items, picker
from inkop_desktop.gui.form_submit import submit
from inkop_desktop.gui.region_units import units_for
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, embed_form

if TYPE_CHECKING:
    from inkop_desktop.services.admin.people import PeopleService
    from inkop_desktop.services.plan.service import PlanService
    from inkop_desktop.services.plan.store import PlanDetail


class NeedDialog(QDialog):
    """ui/need_form.ui: title, description, nämnd, CPV, value and when it is needed."""

    def __init__(
        self,
        plan: PlanService,
        people: PeopleService,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._plan = plan
        self._tasks = tasks
        self.result_detail: PlanDetail | None = None
        form = embed_form("need_form", self)
        self.title = child(form, QLineEdit, "titleEdit")
        self.description = child(form, QPlainTextEdit, "descriptionEdit")
        self.organisation = child(form, QComboBox, "organisationCombo")
        self.cpv = child(form, QLineEdit, "cpvEdit")
        self.cpv_picker = CpvPicker(self.cpv)
        self.value = child(form, QLineEdit, "valueEdit")
        self.needed_by = picker(child(form, QDateEdit, "neededByEdit"))
        self.error = child(form, QLabel, "errorLabel")
        self.fields = FieldErrors(
            {
                "title": self.title,
                "description": self.description,
                "organisation_id": self.organisation,
                "cpv": self.cpv,
                "estimated_total_ore": self.value,
                "needed_by": self.needed_by,
            },
            self.error,
        )
        self.buttons = child(form, QDialogButtonBox, "buttonBox")
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        self.buttons.setEnabled(False)
        tasks.run(people.organisations, self._orgs_loaded, self._failed)

    def _orgs_loaded(self, orgs: list[Any]) -> None:
        """Offer the nämnder, förvaltningar and bolag (named with their region)."""
        units = [o for o in orgs if o.kind in ("namnd", "forvaltning", "bolag")]
        fill_items(self.organisation, units_for(units, tuple(Region)), empty=self.tr("(välj)"))
        self.buttons.setEnabled(True)

    def values(self) -> dict[str, Any]:
        """The form's values; a typing error becomes a Swedish message beside the field."""
        errors: list[ValidationError] = []
        value = collect(
            errors,
            "estimated_total_ore",
            lambda: parse_kronor(self.value.text(), "Uppskattat värde"),
            0,
        )
        raise_all(errors)
        return {
            "title": self.title.text(),
            "description": self.description.toPlainText(),
            "organisation_id": self.organisation.currentData(),
            "cpv": self.cpv.text().strip() or None,
            "estimated_total_ore": value,
            "needed_by": day_of(self.needed_by),
        }

    def send(self) -> None:
        """Store the need in the background."""
        plan = self._plan
        submit(self._tasks, self.fields, self.buttons, self.values, plan.report_need, self._sent)

    def _sent(self, detail: PlanDetail) -> None:
        """Stored as "behov anmält"."""
        self.result_detail = detail
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        """The pick list could not be read: explain."""
        self.fields.show(exc)

    @classmethod
    def ask(
        cls, parent: QWidget | None, plan: PlanService, people: PeopleService, tasks: TaskRunner
    ) -> PlanDetail | None:
        """Show the form; the stored plan item or None."""
        dialog = cls(plan, people, tasks, parent)
        return dialog.result_detail if dialog.exec() == QDialog.DialogCode.Accepted else None
