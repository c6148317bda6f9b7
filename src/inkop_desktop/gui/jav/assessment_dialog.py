"""The responsible manager's assessment: jäv or not, with a written reason, per circumstance."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from inkop_desktop.domain.jav.kinds import AssessmentOutcome, when_text
from inkop_desktop.gui.errors import show_error, user_text
from inkop_desktop.gui.jav.common import swedish_buttons, tr
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, embed_form
from inkop_desktop.services.jav.dto import DeclarationDetail, ItemRow
from inkop_desktop.services.jav.service import JavService


class AssessmentDialog(QDialog):
    """Form from ``ui/jav_assessment.ui``; cross-check hits are shown in red."""

    loaded = Signal()
    saved = Signal(object)

    def __init__(
        self,
        service: JavService,
        tasks: TaskRunner,
        participant_id: uuid.UUID,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self.participant_id = participant_id
        self.detail: DeclarationDetail | None = None
        self.result_detail: DeclarationDetail | None = None
        self._form = embed_form("jav_assessment", self)
        form = self._form
        self.header = child(form, QLabel, "headerLabel")
        self.items = child(form, QComboBox, "itemCombo")
        self.details = child(form, QPlainTextEdit, "itemDetails")
        self.match = child(form, QLabel, "matchLabel")
        self.previous = child(form, QLabel, "previousLabel")
        self.jav = child(form, QRadioButton, "javRadio")
        self.not_jav = child(form, QRadioButton, "notJavRadio")
        self.reason = child(form, QPlainTextEdit, "reasonEdit")
        self.error = child(form, QLabel, "errorLabel")
        self.buttons = swedish_buttons(child(form, QDialogButtonBox, "buttonBox"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.items.currentIndexChanged.connect(lambda _i: self._show_item())
        self.buttons.setEnabled(False)
        tasks.run(lambda: service.declaration(participant_id), self._loaded, self._failed)

    def _loaded(self, detail: DeclarationDetail) -> None:
        """Offer the declaration's items, open ones first."""
        self.detail = detail
        ref = detail.procurement
        signed = when_text(detail.signed_at)
        self.header.setText(
            f"{detail.person}, {detail.role}\n{ref.reference} – {ref.title}\n"
            + tr("Deklaration version %1, signerad %2")
            .replace("%1", str(detail.version_no))
            .replace("%2", signed)
        )
        self.items.clear()
        for item in sorted(detail.items, key=lambda i: (not i.open, not i.matches, i.label)):
            mark = tr("ej bedömd") if item.open else tr("bedömd")
            hit = tr(", träff mot leverantör") if item.matches else ""
            self.items.addItem(f"{item.label} ({mark}{hit})", item.interest_id)
        self.buttons.setEnabled(detail.may_assess and self.items.count() > 0)
        if not detail.may_assess:
            self.error.setText(tr("Du kan inte bedöma den här deklarationen."))
        self._show_item()
        self.loaded.emit()

    def current_item(self) -> ItemRow | None:
        """The item chosen in the combo box."""
        if self.detail is None or self.items.currentIndex() < 0:
            return None
        key = self.items.currentData()
        return next((i for i in self.detail.items if i.interest_id == key), None)

    def _show_item(self) -> None:
        """Details, cross-check hits and the latest assessment of the chosen item."""
        item, detail = self.current_item(), self.detail
        if item is None or detail is None:
            return
        self.details.setPlainText(_describe(detail, item))
        self.match.setText(
            tr("Träff mot upphandlingens leverantörer: %1").replace(
                "%1", "; ".join(m.text for m in item.matches)
            )
            if item.matches
            else ""
        )
        latest = item.latest
        self.previous.setText(
            tr("Senaste bedömning: %1 (%2, %3)")
            .replace("%1", latest.outcome.label)
            .replace("%2", latest.assessor)
            .replace("%3", when_text(latest.assessed_at))
            if latest
            else ""
        )

    def values(self) -> dict[str, Any]:
        """Input for ``JavService.assess``."""
        outcome = (
            AssessmentOutcome.JAV
            if self.jav.isChecked()
            else AssessmentOutcome.INTE_JAV
            if self.not_jav.isChecked()
            else None
        )
        return {
            "interest_id": self.items.currentData(),
            "outcome": outcome,
            "reason": self.reason.toPlainText(),
        }

    def save(self) -> None:
        """Store the assessment in the background."""
        data, pid = self.values(), self.participant_id
        self.error.setText("")
        self.buttons.setEnabled(False)
        self._tasks.run(lambda: self._service.assess(pid, data), self._saved, self._save_failed)

    def _saved(self, detail: DeclarationDetail) -> None:
        """Stored: close."""
        self.result_detail = detail
        self.saved.emit(detail)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        """Keep the input and explain."""
        self.buttons.setEnabled(True)
        self.error.setText(user_text(exc))

    def _failed(self, exc: BaseException) -> None:
        """Could not load: tell and close."""
        show_error(self, exc)
        self.reject()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        service: JavService,
        tasks: TaskRunner,
        participant_id: uuid.UUID,
    ) -> DeclarationDetail | None:
        """Show the dialog; the declaration after the assessment, or None."""
        dialog = cls(service, tasks, participant_id, parent)
        return dialog.result_detail if dialog.exec() == QDialog.DialogCode.Accepted else None


def _describe(detail: DeclarationDetail, item: ItemRow) -> str:
    """What the participant declared about *item* (plain text, shown read-only)."""
    if item.interest_id is None:
        lines = [f"{g.label}: {g.text}" for g in detail.grounds if g.answer]
        lines += [f"{m.basis}: {m.declared}" for m in item.matches]
        return "\n".join(lines) or tr("Inga jävsgrunder besvarade med ja.")
    interest = next((i for i in detail.interests if i.id == item.interest_id), None)
    if interest is None:
        return ""
    return "\n".join(
        line
        for line in (
            f"{tr('Typ')}: {interest.kind.label}",
            f"{tr('Företag')}: {interest.company_name}" if interest.company_name else "",
            f"{tr('Organisationsnummer')}: {interest.company_orgnr}"
            if interest.company_orgnr
            else "",
            f"{tr('Person')}: {interest.person_name}" if interest.person_name else "",
            f"{tr('Beskrivning')}: {interest.description}" if interest.description else "",
        )
        if line
    )
