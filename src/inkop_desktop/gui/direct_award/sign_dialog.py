"""Signera beslut: on paper (scanned copy) or digitally with a PKCS#12 certificate file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from inkop_desktop.domain.direct_award.status import SignatureMethod
from inkop_desktop.gui.uiloader import child, embed_form


@dataclass(frozen=True)
class SignChoice:
    """How to sign: the method, the file (scan or certificate) and the certificate passphrase."""

    method: SignatureMethod
    path: Path
    passphrase: str = ""


class SignDialog(QDialog):
    """Choose paper or PAdES and the file that goes with it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._form = embed_form("direct_award_sign", self)
        self.paper = child(self._form, QRadioButton, "paperRadio")
        self.pades = child(self._form, QRadioButton, "padesRadio")
        self.scan = child(self._form, QLineEdit, "scanEdit")
        self.cert = child(self._form, QLineEdit, "certEdit")
        self.passphrase = child(self._form, QLineEdit, "passphraseEdit")
        self.error = child(self._form, QLabel, "errorLabel")
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
        if self.pades.isChecked():
            return SignChoice(SignatureMethod.PADES, Path(self.cert.text()), self.passphrase.text())
        return SignChoice(SignatureMethod.PAPPER, Path(self.scan.text()))

    def _check_and_accept(self) -> None:
        """A file must be chosen."""
        chosen = self.choice()
        if not chosen.path.name:
            self.error.setText(self.tr("Välj filen först."))
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None) -> SignChoice | None:
        """Show the dialog; the choice or None."""
        dialog = cls(parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
