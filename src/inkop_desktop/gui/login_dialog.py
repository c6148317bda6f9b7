"""Logga in: the password for the shared database, asked once per person and computer."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from inkop_desktop.gui.uiloader import child, embed_form


@dataclass(frozen=True)
class LoginAnswer:
    """The typed password (memory only) and whether it may go to the keyring once it works."""

    password: str
    remember: bool


class LoginDialog(QDialog):
    """User and server shown, the password typed; "Kom ihåg" only where a keyring exists."""

    def __init__(
        self,
        user: str,
        server: str,
        keyring_available: bool,
        message: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        form = embed_form("login_dialog", self)
        child(form, QLabel, "userValue").setText(user)
        child(form, QLabel, "serverValue").setText(server)
        self.password = child(form, QLineEdit, "passwordEdit")
        self.remember = child(form, QCheckBox, "rememberCheck")
        self.no_keyring = child(form, QLabel, "noKeyringLabel")
        self.error = child(form, QLabel, "errorLabel")
        self.buttons = child(form, QDialogButtonBox, "buttonBox")
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Logga in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Avbryt"))
        self.remember.setChecked(keyring_available)
        self.remember.setEnabled(keyring_available)
        self.no_keyring.setVisible(not keyring_available)
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.ok.setEnabled(False)
        self.password.textChanged.connect(lambda text: self.ok.setEnabled(bool(text)))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.password.setFocus()

    def answer(self) -> LoginAnswer | None:
        """The password and the keyring choice, or None without a password."""
        typed = self.password.text()
        if not typed:
            return None
        return LoginAnswer(typed, self.remember.isChecked() and self.remember.isEnabled())


def ask(
    parent: QWidget | None, user: str, server: str, keyring_available: bool, message: str = ""
) -> LoginAnswer | None:
    """Show the dialog; the answer, or None if the user cancelled."""
    dialog = LoginDialog(user, server, keyring_available, message, parent)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.answer() if accepted else None
    finally:
        dialog.password.clear()  # the typed text does not outlive the question
        dialog.deleteLater()
