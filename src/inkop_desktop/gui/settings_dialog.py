"""Inställningar: which database to use, "Testa anslutning", and who is logged in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, embed_form
from inkop_desktop.settings import Settings


@dataclass(frozen=True)
class SettingsResult:
    """What the user chose; the password is only ever held in memory here."""

    settings: Settings
    password: str | None
    remember_password: bool


def server_url(host: str, port: int, database: str, user: str) -> str:
    """A password-free PostgreSQL URL."""
    return f"postgresql+psycopg://{quote(user)}@{host}:{port}/{quote(database)}"


class SettingsDialog(QDialog):
    """Edits the connection settings; the connection test runs in the background."""

    def __init__(
        self,
        settings: Settings,
        embedded_path: str,
        tasks: TaskRunner,
        test_connection: Callable[[str, str | None], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._tasks = tasks
        self._test = test_connection
        self._form = embed_form("settings_dialog", self)
        self._bind()
        child(self._form, QLabel, "embeddedPathLabel").setText(embedded_path)
        self._fill(settings)

    def _bind(self) -> None:
        """Find the form's widgets and connect them."""
        f = self._form
        self.embedded = child(f, QRadioButton, "embeddedRadio")
        self.server = child(f, QRadioButton, "serverRadio")
        self.group = child(f, QGroupBox, "serverGroup")
        self.host = child(f, QLineEdit, "hostEdit")
        self.port = child(f, QSpinBox, "portSpin")
        self.database = child(f, QLineEdit, "databaseEdit")
        self.user = child(f, QLineEdit, "userEdit")
        self.password = child(f, QLineEdit, "passwordEdit")
        self.remember = child(f, QCheckBox, "rememberCheck")
        self.login = child(f, QLineEdit, "loginEdit")
        self.test_button = child(f, QPushButton, "testButton")
        self.test_result = child(f, QLabel, "testResultLabel")
        self.error = child(f, QLabel, "errorLabel")
        buttons = child(f, QDialogButtonBox, "buttonBox")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.server.toggled.connect(self.group.setEnabled)
        self.test_button.clicked.connect(self._run_test)

    def _fill(self, settings: Settings) -> None:
        """Show the current settings."""
        self.login.setText(settings.user_login or "")
        url = settings.database_url
        self.server.setChecked(bool(url))
        self.group.setEnabled(bool(url))
        if url:
            parts = urlsplit(url)
            self.host.setText(parts.hostname or "")
            self.port.setValue(parts.port or 5432)
            self.database.setText(parts.path.lstrip("/"))
            self.user.setText(parts.username or "")

    def chosen_url(self) -> str | None:
        """The URL the form describes (None for the embedded database)."""
        if self.embedded.isChecked():
            return None
        return server_url(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
        )

    def _missing(self) -> str | None:
        """A Swedish message if a server field is empty."""
        if self.server.isChecked():
            for widget, label in (
                (self.host, "Värd"),
                (self.database, "Databas"),
                (self.user, "Användare"),
            ):
                if not widget.text().strip():
                    return self.tr("%1 måste fyllas i.").replace("%1", label)
        return None

    def _run_test(self) -> None:
        """Try the connection in the background and show the answer."""
        problem = self._missing()
        url = self.chosen_url()
        if problem or url is None:
            self.test_result.setText(
                problem or self.tr("Den inbyggda databasen behöver inget test.")
            )
            return
        password = self.password.text() or None
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Ansluter…"))
        self._tasks.run(lambda: self._test(url, password), self._tested_ok, self._tested_failed)

    def _tested_ok(self, version: str) -> None:
        """Connection worked."""
        self.test_button.setEnabled(True)
        self.test_result.setText(self.tr("Anslutningen fungerar (%1).").replace("%1", version))

    def _tested_failed(self, exc: BaseException) -> None:
        """Connection failed: say why in Swedish."""
        self.test_button.setEnabled(True)
        self.test_result.setText(user_text(exc))

    def _accept(self) -> None:
        """Validate and close."""
        problem = self._missing()
        if problem:
            self.error.setText(problem)
            return
        self.accept()

    def result_value(self) -> SettingsResult:
        """The chosen settings and password."""
        settings = self._settings.model_copy(
            update={
                "database_url": self.chosen_url(),
                "user_login": self.login.text().strip() or None,
            }
        )
        return SettingsResult(settings, self.password.text() or None, self.remember.isChecked())

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        settings: Settings,
        embedded_path: str,
        tasks: TaskRunner,
        test_connection: Callable[[str, str | None], str],
    ) -> SettingsResult | None:
        """Show the dialog; the result, or None if cancelled."""
        dialog = cls(settings, embedded_path, tasks, test_connection, parent)
        return dialog.result_value() if dialog.exec() == QDialog.DialogCode.Accepted else None
