"""Inställningar: which database to use and "Testa anslutning" (who you are is not a setting)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from inkop_desktop.gui.database_choice import ConnectionTest, DatabaseChoice
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, embed_form
from inkop_desktop.settings import Settings


@dataclass(frozen=True)
class SettingsResult:
    """What the user chose; the password is only ever held in memory here."""

    settings: Settings
    password: str | None
    remember_password: bool


class SettingsDialog(QDialog):
    """Edits the connection settings; the connection test runs in the background."""

    def __init__(
        self,
        settings: Settings,
        embedded_path: str,
        tasks: TaskRunner,
        test_connection: ConnectionTest,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        form = embed_form("settings_dialog", self)
        self.choice = DatabaseChoice(embedded_path, tasks, test_connection, form)
        host = child(form, QWidget, "choiceHost")
        layout = host.layout()
        assert layout is not None
        layout.addWidget(self.choice)
        self.error = child(form, QLabel, "errorLabel")
        buttons = child(form, QDialogButtonBox, "buttonBox")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.choice.fill(settings.database_url)

    def _accept(self) -> None:
        """Validate and close."""
        problem = self.choice.missing()
        if problem:
            self.error.setText(problem)
            return
        self.accept()

    def result_value(self) -> SettingsResult:
        """The chosen settings and password."""
        settings = self._settings.model_copy(update={"database_url": self.choice.chosen_url()})
        return SettingsResult(
            settings, self.choice.typed_password(), self.choice.remember.isChecked()
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        settings: Settings,
        embedded_path: str,
        tasks: TaskRunner,
        test_connection: ConnectionTest,
    ) -> SettingsResult | None:
        """Show the dialog; the result, or None if cancelled."""
        dialog = cls(settings, embedded_path, tasks, test_connection, parent)
        return dialog.result_value() if dialog.exec() == QDialog.DialogCode.Accepted else None
