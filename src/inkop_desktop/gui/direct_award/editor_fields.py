"""The editor's input widgets: pick lists, filling from a record and reading back."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from inkop_desktop.domain.direct_award.status import LegalGround
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.gui.uiloader import child
from inkop_desktop.services.direct_award.dto import DirectAwardDetail

LINES = {
    "diarienummer": "diarienummerEdit",
    "title": "titleEdit",
    "cpv": "cpvEdit",
    "same_kind_key": "sameKindKeyEdit",
    "same_kind_reason": "sameKindReasonEdit",
    "duration": "durationEdit",
}
TEXTS = {
    "description": "descriptionEdit",
    "competition": "competitionEdit",
    "fewer_quotes_reason": "fewerReasonEdit",
    "award_reason": "awardReasonEdit",
    "decision_text": "decisionTextEdit",
}
PEOPLE = {
    "organisation_id": "organisationCombo",
    "requester_id": "requesterCombo",
    "decision_maker_id": "decisionMakerCombo",
    "chosen_supplier_id": "chosenCombo",
}


def _to_date(value: QDate) -> date:
    """A QDate as a Python date."""
    return date(value.year(), value.month(), value.day())


def set_choices(combo: QComboBox, items: Sequence[tuple[uuid.UUID, str]], empty: str) -> None:
    """Fill a pick list with (id, text), keeping the current choice."""
    current = combo.currentData()
    combo.clear()
    combo.addItem(empty, "")
    for key, text in items:
        combo.addItem(text, str(key))
    combo.setCurrentIndex(max(0, combo.findData(current)))


class AwardFields(QObject):
    """Binds the form's widgets to the service's field names."""

    def __init__(self, form: QWidget) -> None:
        super().__init__(form)
        self.lines = {k: child(form, QLineEdit, v) for k, v in LINES.items()}
        self.texts = {k: child(form, QPlainTextEdit, v) for k, v in TEXTS.items()}
        self.combos = {k: child(form, QComboBox, v) for k, v in PEOPLE.items()}
        self.value = child(form, QLineEdit, "valueEdit")
        self.award_date = child(form, QDateEdit, "awardDateEdit")
        self.region = child(form, QComboBox, "regionCombo")
        self.ground = child(form, QComboBox, "legalGroundCombo")
        self.asked = child(form, QSpinBox, "suppliersAskedSpin")
        self.annex2 = child(form, QCheckBox, "annex2Check")
        self.efterannonsering = child(form, QCheckBox, "efterannonseringCheck")
        for parties in Parties:
            self.region.addItem(parties.label, parties.value)
        for ground in LegalGround:
            self.ground.addItem(ground.label, ground.value)
        self.set_date(date.today())

    def set_date(self, day: date) -> None:
        """Show *day* in the date field."""
        self.award_date.setDate(QDate(day.year, day.month, day.day))

    def fill(self, detail: DirectAwardDetail) -> None:
        """Show a stored record."""
        values = detail.editable_values()
        for key, edit in self.lines.items():
            edit.setText(str(values[key]))
        for key, text in self.texts.items():
            text.setPlainText(str(values[key]))
        for key, combo in self.combos.items():
            current = values[key]
            combo.setCurrentIndex(max(0, combo.findData(str(current) if current else "")))
        self.value.setText(values["value"])
        self.set_date(detail.award_date)
        self.region.setCurrentIndex(self.region.findData(detail.region.value))
        self.ground.setCurrentIndex(self.ground.findData(detail.legal_ground.value))
        self.asked.setValue(detail.suppliers_asked)
        self.annex2.setChecked(detail.annex2_services)
        self.efterannonsering.setChecked(detail.efterannonsering_done)

    def put(self, values: dict[str, Any]) -> None:
        """Show *values* in the shape ``values()`` gives them (a mix after a conflict)."""
        for key, edit in self.lines.items():
            edit.setText(str(values[key]))
        for key, text in self.texts.items():
            text.setPlainText(str(values[key]))
        for key, combo in self.combos.items():
            current = values[key]
            combo.setCurrentIndex(max(0, combo.findData(str(current) if current else "")))
        self.value.setText(str(values["value"]))
        self.set_date(values["award_date"])
        self.region.setCurrentIndex(self.region.findData(Parties(values["region"]).value))
        self.ground.setCurrentIndex(self.ground.findData(LegalGround(values["legal_ground"]).value))
        self.asked.setValue(values["suppliers_asked"])
        self.annex2.setChecked(values["annex2_services"])
        self.efterannonsering.setChecked(values["efterannonsering_done"])

    def values(self) -> dict[str, Any]:
        """The record as the service's create/update expects it."""
        data: dict[str, Any] = {k: e.text() for k, e in self.lines.items()}
        data.update({k: t.toPlainText() for k, t in self.texts.items()})
        for key, combo in self.combos.items():
            chosen = combo.currentData()
            data[key] = uuid.UUID(chosen) if chosen else None
        data.update(
            value=self.value.text(),
            award_date=_to_date(self.award_date.date()),
            region=Parties(self.region.currentData()),
            legal_ground=LegalGround(self.ground.currentData()),
            suppliers_asked=self.asked.value(),
            annex2_services=self.annex2.isChecked(),
            efterannonsering_done=self.efterannonsering.isChecked(),
        )
        return data

    def set_editable(self, editable: bool) -> None:
        """Read-only once the record is finished or signed."""
        for edit in [*self.lines.values(), self.value]:
            edit.setReadOnly(not editable)
        for text in self.texts.values():
            text.setReadOnly(not editable)
        for widget in [
            *self.combos.values(),
            self.region,
            self.ground,
            self.award_date,
            self.asked,
            self.annex2,
            self.efterannonsering,
        ]:
            widget.setEnabled(editable)
