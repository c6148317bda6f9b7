"""Jävsdeklaration and sekretessförbindelse: fill in, sign, view earlier versions, print."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QWidget,
)

from inkop_desktop.domain.jav.kinds import JavGround, when_text
from inkop_desktop.gui.errors import show_error
from inkop_desktop.gui.field_errors import FieldErrors
from inkop_desktop.gui.jav.common import PdfExport, file_name, swedish_buttons, tr
from inkop_desktop.gui.jav.interests import InterestsTable
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, embed_form
from inkop_desktop.services.jav.dto import DeclarationDetail, DeclarationForm
from inkop_desktop.services.jav.service import JavService

WIDGET_NAMES = {
    JavGround.PARTY_AFFECTED: "partyAffected",
    JavGround.REPRESENTATIVE: "representative",
    JavGround.INSTANCE_OR_SUPERVISION: "instanceOrSupervision",
    JavGround.OTHER_CIRCUMSTANCE: "otherCircumstance",
}


class GroundWidgets:
    """The question, yes/no buttons and description of one ground."""

    def __init__(self, form: QWidget, ground: JavGround) -> None:
        name = WIDGET_NAMES[ground]
        self.label = child(form, QLabel, f"{name}Label")
        self.yes = child(form, QRadioButton, f"{name}Yes")
        self.no = child(form, QRadioButton, f"{name}No")
        self.text = child(form, QPlainTextEdit, f"{name}Text")
        self.label.setText(f"{ground.label} – {ground.question} ({ground.source})")

    def answer(self) -> bool | None:
        """True, False, or None when unanswered."""
        if self.yes.isChecked():
            return True
        return False if self.no.isChecked() else None

    def show(self, answer: bool | None, text: str) -> None:
        """Set the answer (None clears both buttons) and the description."""
        for button in (self.yes, self.no):
            button.setAutoExclusive(False)
            button.setChecked(False)
            button.setAutoExclusive(True)
        if answer is not None:
            (self.yes if answer else self.no).setChecked(True)
        self.text.setPlainText(text)

    def set_editable(self, editable: bool) -> None:
        """Allow or forbid changes."""
        self.yes.setEnabled(editable)
        self.no.setEnabled(editable)
        self.text.setReadOnly(not editable)


class DeclarationEditor(QDialog):
    """Form from ``ui/jav_declaration.ui``; only the person can sign, others read."""

    loaded = Signal()
    signed = Signal(object)
    pdf_shown = Signal(bytes)

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
        self.form_data: DeclarationForm | None = None
        self.result_detail: DeclarationDetail | None = None
        self._form = embed_form("jav_declaration", self)
        self._bind()
        self._pdf = PdfExport(self, tasks, self.pdf_shown.emit)
        self._set_editable(False)
        tasks.run(lambda: service.declaration_form(participant_id), self._loaded, self._failed)

    def _bind(self) -> None:
        """Look up the form's widgets and connect them."""
        form = self._form
        self.header = child(form, QLabel, "headerLabel")
        self.state = child(form, QLabel, "stateLabel")
        self.suppliers = child(form, QLabel, "suppliersLabel")
        self.versions = child(form, QComboBox, "versionCombo")
        self.grounds = {g: GroundWidgets(form, g) for g in JavGround}
        self.interests = InterestsTable(child(form, QTableWidget, "interestsTable"))
        self.add_interest = child(form, QPushButton, "addInterestButton")
        self.remove_interest = child(form, QPushButton, "removeInterestButton")
        self.report_changes = child(form, QCheckBox, "reportChangesCheck")
        self.secrecy = child(form, QCheckBox, "secrecyCheck")
        self.error = child(form, QLabel, "errorLabel")
        self.sign_button = child(form, QPushButton, "signButton")
        self.declaration_pdf = child(form, QPushButton, "declarationPdfButton")
        self.secrecy_pdf = child(form, QPushButton, "secrecyPdfButton")
        swedish_buttons(child(form, QDialogButtonBox, "buttonBox")).rejected.connect(self.reject)
        self.add_interest.clicked.connect(lambda: self.interests.add())
        self.remove_interest.clicked.connect(self.interests.remove_selected)
        self.sign_button.clicked.connect(self.sign)
        self.versions.activated.connect(self._version_chosen)
        self.declaration_pdf.clicked.connect(self.preview_declaration)
        self.secrecy_pdf.clicked.connect(self.preview_secrecy)
        self.fields = FieldErrors(self._field_widgets(), self.error)

    def _field_widgets(self) -> dict[str, QWidget]:
        """The widget showing each input field (a ground's answer: its "ja" button)."""
        found: dict[str, QWidget] = {}
        for ground, widgets in self.grounds.items():
            found[ground.value] = widgets.yes
            found[f"{ground.value}_text"] = widgets.text
        found["report_changes"] = self.report_changes
        found["secrecy_accepted"] = self.secrecy
        return found

    def _loaded(self, form: DeclarationForm) -> None:
        """Fill the header and the latest version."""
        self.form_data = form
        ref = form.procurement
        who = form.person + (f" ({form.external_company})" if form.external_company else "")
        self.header.setText(f"{ref.reference} – {ref.title}\n{who}, {form.role}")
        self.setWindowTitle(tr("Jävsdeklaration – %1").replace("%1", form.person))
        known = ", ".join(f"{s.name} ({s.orgnr})" for s in form.suppliers)
        self.suppliers.setText(_suppliers_text(known, form.is_own))
        self._fill_versions(form.latest)
        self._show(form.latest)
        self.loaded.emit()

    def _fill_versions(self, latest: DeclarationDetail | None) -> None:
        """The version picker (newest first)."""
        self.versions.clear()
        for v in reversed(latest.versions if latest else ()):
            signed = when_text(v.signed_at) or tr("ej signerad")
            self.versions.addItem(
                tr("Version %1 – %2").replace("%1", str(v.version_no)).replace("%2", signed),
                v.version_no,
            )
        self.versions.setEnabled(self.versions.count() > 1)

    def _show(self, detail: DeclarationDetail | None) -> None:
        """Show *detail* (None: an empty form) and decide whether it may be edited."""
        for ground, widgets in self.grounds.items():
            row = (
                next((g for g in detail.grounds if g.key == ground.value), None) if detail else None
            )
            widgets.show(row.answer if row else None, row.text if row else "")
        self.interests.set_rows(detail.interests if detail else ())
        self.report_changes.setChecked(bool(detail and detail.report_changes))
        self.secrecy.setChecked(bool(detail and detail.secrecy_accepted))
        self.state.setText(_state_text(detail))
        form = self.form_data
        latest = form.latest if form else None
        newest = detail is None or latest is None or detail.version_no == latest.version_no
        self._set_editable(bool(form and form.is_own and not form.removed and newest))
        self.declaration_pdf.setEnabled(detail is not None)
        self.secrecy_pdf.setEnabled(form is not None)

    def _set_editable(self, editable: bool) -> None:
        """Own, newest version: editable and signable; otherwise read-only."""
        for widgets in self.grounds.values():
            widgets.set_editable(editable)
        self.interests.set_editable(editable)
        for widget in (self.add_interest, self.remove_interest, self.report_changes, self.secrecy):
            widget.setEnabled(editable)
        self.sign_button.setVisible(editable)

    def _version_chosen(self, index: int) -> None:
        """Load an earlier (or the newest) version."""
        version_no = self.versions.itemData(index)
        pid = self.participant_id
        self._tasks.run(
            lambda: self._service.declaration(pid, version_no), self._show, self._failed
        )

    def values(self) -> dict[str, Any]:
        """The form's answers as ``DeclarationInput`` data."""
        data: dict[str, Any] = {}
        for ground, widgets in self.grounds.items():
            data[ground.value] = widgets.answer()
            data[f"{ground.value}_text"] = widgets.text.toPlainText()
        data["interests"] = self.interests.values()
        data["report_changes"] = self.report_changes.isChecked()
        data["secrecy_accepted"] = self.secrecy.isChecked()
        return data

    def sign(self) -> None:
        """Store a new, signed version in the background (the earlier ones stay)."""
        data, pid = self.values(), self.participant_id
        self.fields.clear()
        self.sign_button.setEnabled(False)
        self._tasks.run(
            lambda: self._service.declare(pid, data, sign=True), self._signed, self._sign_failed
        )

    def _signed(self, detail: DeclarationDetail) -> None:
        """Signed: report and close."""
        self.result_detail = detail
        self.sign_button.setEnabled(True)
        self.signed.emit(detail)
        self.accept()

    def _sign_failed(self, exc: BaseException) -> None:
        """Keep the input, explain in Swedish."""
        self.sign_button.setEnabled(True)
        self.fields.show(exc)

    def _failed(self, exc: BaseException) -> None:
        """Could not load (for example no permission): tell and close."""
        show_error(self, exc)
        self.reject()

    def preview_declaration(self) -> None:
        """The shown version as PDF."""
        pid, version_no = self.participant_id, self.versions.currentData()
        self._pdf.show(
            lambda: self._service.declaration_pdf(pid, version_no),
            tr("Jävsdeklaration"),
            self._file("Jävsdeklaration"),
        )

    def preview_secrecy(self) -> None:
        """The sekretessförbindelse as PDF."""
        pid = self.participant_id
        self._pdf.show(
            lambda: self._service.secrecy_pdf(pid),
            tr("Sekretessförbindelse"),
            self._file("Sekretessförbindelse"),
        )

    def _file(self, kind: str) -> str:
        """Suggested file name."""
        form = self.form_data
        return file_name(
            tr(kind), form.procurement.reference if form else "", form.person if form else ""
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        service: JavService,
        tasks: TaskRunner,
        participant_id: uuid.UUID,
    ) -> DeclarationDetail | None:
        """Show the editor; the newly signed version, or None."""
        editor = cls(service, tasks, participant_id, parent)
        return editor.result_detail if editor.exec() == QDialog.DialogCode.Accepted else None


def _suppliers_text(known: str, own: bool) -> str:
    """The known suppliers, with a prompt to the declaring person."""
    if not known:
        if own:
            return tr("Leverantörerna är ännu inte kända. Du ombeds bekräfta när de blir kända.")
        return tr("Leverantörerna är ännu inte kända.")
    if own:
        return tr("Kända leverantörer – pröva din deklaration mot dem: %1").replace("%1", known)
    return tr("Kända leverantörer: %1").replace("%1", known)


def _state_text(detail: DeclarationDetail | None) -> str:
    """``Version 2, signerad 2026-11-24 kl. 09:15 – Klar``."""
    if detail is None:
        return tr("Ingen deklaration lämnad ännu.")
    signed = when_text(detail.signed_at)
    text = tr("Version %1").replace("%1", str(detail.version_no))
    text += ", " + (tr("signerad %1").replace("%1", signed) if signed else tr("ej signerad"))
    return f"{text} – {detail.state.label}"
