"""Signera beslut: on paper (scanned copy) or digitally with a PKCS#12 certificate file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from inkop_desktop.domain.direct_award.status import SignatureMethod
from inkop_desktop.gui.uiloader import child, embed_form


@dataclass(frozen=True)
class SignChoice:
    """How to sign: the method, the file (scan or certificate), the passphrase and the reason.

    *reason*: why the decision is signed on another day than its decision date (else empty).
    """

    method: SignatureMethod
    path: Path
    passphrase: str = ""
    reason: str = ""


class SignDialog(QDialog):
    """Choose paper or PAdES and the file; asks for a reason when today is not the decision day."""

    def __init__(self, parent: QWidget | None = None, decision_day: date | None = None) -> None:
        super().__init__(parent)
        self._form = embed_form("direct_award_sign", self)
        self.paper = child(self._form, QRadioButton, "paperRadio")
        self.pades = child(self._form, QRadioButton, "padesRadio")
        self.scan = child(self._form, QLineEdit, "scanEdit")
        self.cert = child(self._form, QLineEdit, "certEdit")
        self.passphrase = child(self._form, QLineEdit, "passphraseEdit")
        self.reason = child(self._form, QPlainTextEdit, "reasonEdit")
        self.error = child(self._form, QLabel, "errorLabel")
        self.needs_reason = decision_day is not None and decision_day != date.today()
        reason_label = child(self._form, QLabel, "reasonLabel")
        if self.needs_reason and decision_day is not None:
            reason_label.setText(
                self.tr(
                    "Beslutsdatum är %1 men beslutet signeras i dag, %2. Skriv varför (skälet "
                    "sparas med signaturen och skrivs ut i beslutet):"
                )
                .replace("%1", decision_day.isoformat())
                .replace("%2", date.today().isoformat())
            )
        reason_label.setVisible(self.needs_reason)
        self.reason.setVisible(self.needs_reason)
        child(self._form, QPushButton, "scanButton").clicked.connect(self._pick_scan)
        child(self._form, QPushButton, "certButton").clicked.connect(self._pick_cert)
        buttons = child(self._form, QDialogButtonBox, "buttonBox")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Signera"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Avbryt"))
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)

    def _pick_scan(self) -> None:
        """Choose the scanned, signed copy."""
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Skannad kopia"), "", self.tr("PDF eller bild (*.pdf *.png *.jpg *.tif)")
        )
        if name:
            self.scan.setText(name)
            self.paper.setChecked(True)

    def _pick_cert(self) -> None:
        """Choose the PKCS#12 certificate file."""
        name, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Certifikat"), "", self.tr("PKCS#12 (*.p12 *.pfx)")
        )
        if name:
            self.cert.setText(name)
            self.pades.setChecked(True)

    def choice(self) -> SignChoice:
        """What the user chose."""
        reason = self.reason.toPlainText().strip() if self.needs_reason else ""
        if self.pades.isChecked():
            path, passphrase = Path(self.cert.text()), self.passphrase.text()
            return SignChoice(SignatureMethod.PADES, path, passphrase, reason)
        return SignChoice(SignatureMethod.PAPPER, Path(self.scan.text()), reason=reason)

    def _check_and_accept(self) -> None:
        """A file must be chosen, and the reason written when the days differ."""
        chosen = self.choice()
        if not chosen.path.name:
            self.error.setText(self.tr("Välj filen först."))
            return
        if self.needs_reason and not chosen.reason:
            self.error.setText(
                self.tr("Skriv varför beslutet signeras en annan dag än beslutsdatum.")
            )
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, decision_day: date | None = None) -> SignChoice | None:
        """Show the dialog; the choice or None."""
        dialog = cls(parent, decision_day)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
