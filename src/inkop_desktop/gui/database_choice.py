"""Local or shared database: the choice and the server fields shared by first run and settings."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, quote, unquote, urlsplit

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, load_form

DEFAULT_SSL_MODE = "prefer"
SSL_MODES = (
    ("disable", "disable – ingen kryptering"),
    ("prefer", "prefer – kryptera om servern kan"),
    ("require", "require – kräv kryptering"),
    ("verify-ca", "verify-ca – kräv kryptering och kontrollera certifikatet"),
    ("verify-full", "verify-full – som verify-ca och kontrollera servernamnet"),
)
"""libpq's ``sslmode`` values, weakest first, with a Swedish explanation."""

ConnectionTest = Callable[[str, str | None], str]


def server_url(
    host: str, port: int, database: str, user: str, ssl_mode: str = DEFAULT_SSL_MODE
) -> str:
    """A password-free PostgreSQL URL with the ``sslmode`` query parameter."""
    where = f"[{host}]" if ":" in host else host
    return (
        f"postgresql+psycopg://{quote(user, safe='')}@{where}:{port}/{quote(database, safe='')}"
        f"?sslmode={ssl_mode}"
    )


def ssl_mode_of(url: str) -> str:
    """The ``sslmode`` of *url* (libpq's default ``prefer`` when none is given)."""
    found = parse_qs(urlsplit(url).query).get("sslmode", [DEFAULT_SSL_MODE])[0]
    return found if found in dict(SSL_MODES) else DEFAULT_SSL_MODE


class DatabaseChoice(QWidget):
    """Two choices and the server's fields; "Testa anslutning" runs in the background."""

    def __init__(
        self,
        local_path: str,
        tasks: TaskRunner,
        test_connection: ConnectionTest,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._test = test_connection
        self._form = load_form("database_choice", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._form)
        self._bind()
        child(self._form, QLabel, "embeddedPathLabel").setText(local_path)

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
        self.ssl_mode = child(f, QComboBox, "sslCombo")
        self.password = child(f, QLineEdit, "passwordEdit")
        self.remember = child(f, QCheckBox, "rememberCheck")
        self.test_button = child(f, QPushButton, "testButton")
        self.test_result = child(f, QLabel, "testResultLabel")
        # Room for a three-line answer: a stacked page does not grow for wrapped text.
        self.test_result.setMinimumHeight(3 * self.test_result.fontMetrics().lineSpacing())
        for mode, label in SSL_MODES:
            self.ssl_mode.addItem(label, mode)
        self.set_ssl_mode(DEFAULT_SSL_MODE)
        self.server.toggled.connect(self.group.setEnabled)
        self.test_button.clicked.connect(self.run_test)

    def set_ssl_mode(self, mode: str) -> None:
        """Select *mode* in the SSL combo."""
        self.ssl_mode.setCurrentIndex(self.ssl_mode.findData(mode))

    def fill(self, url: str | None) -> None:
        """Show *url* (None: the local database)."""
        self.server.setChecked(bool(url))
        self.embedded.setChecked(not url)
        self.group.setEnabled(bool(url))
        if url:
            parts = urlsplit(url)
            self.host.setText(parts.hostname or "")
            self.port.setValue(parts.port or 5432)
            self.database.setText(unquote(parts.path.lstrip("/")))
            self.user.setText(unquote(parts.username or ""))
            self.set_ssl_mode(ssl_mode_of(url))

    def chosen_url(self) -> str | None:
        """The URL the form describes (None for the local database)."""
        if self.embedded.isChecked():
            return None
        return server_url(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
            str(self.ssl_mode.currentData()),
        )

    def typed_password(self) -> str | None:
        """The password typed for the server, if any (held in memory only)."""
        return (self.password.text() or None) if self.server.isChecked() else None

    def missing(self) -> str | None:
        """A Swedish message if a server field is empty."""
        if self.server.isChecked():
            for widget, label in (
                (self.host, self.tr("Värd")),
                (self.database, self.tr("Databas")),
                (self.user, self.tr("Användare")),
            ):
                if not widget.text().strip():
                    return self.tr("%1 måste fyllas i.").replace("%1", label)
        return None

    def run_test(self) -> None:
        """Try the connection in the background and show the answer."""
        problem = self.missing()
        url = self.chosen_url()
        if problem or url is None:
            self.test_result.setText(problem or self.tr("Den lokala databasen behöver inget test."))
            return
        password = self.typed_password()
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
