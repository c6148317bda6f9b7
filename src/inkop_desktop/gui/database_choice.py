"""Local or shared database: the choice and the server fields shared by first run and settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
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
from inkop_desktop.gui.server_address import (
    DEFAULT_SSL_MODE,
    SSL_MODES,
    kerberos_parameters,
    root_cert_of,
    server_url,
    ssl_mode_of,
    uses_kerberos,
)
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import child, load_form
from inkop_desktop.services.system import LibpqFeatures, login_features

__all__ = ["SSL_MODES", "ConnectionTest", "DatabaseChoice", "server_url", "ssl_mode_of"]

ConnectionTest = Callable[[str, str | None], str]
NO_GSSAPI = (
    "PostgreSQL-klienten i den här installationen saknar stöd för Kerberos (GSSAPI), så "
    "Windows-inloggning kan inte användas. Logga in med lösenord."
)


class DatabaseChoice(QWidget):
    """Two choices and the server's fields; "Testa anslutning" runs in the background."""

    def __init__(
        self,
        local_path: str,
        tasks: TaskRunner,
        test_connection: ConnectionTest,
        parent: QWidget | None = None,
        features: LibpqFeatures | None = None,
    ) -> None:
        super().__init__(parent)
        self._features = features or login_features()
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
        self.root_cert = child(f, QLineEdit, "rootCertEdit")
        self.root_cert_button = child(f, QPushButton, "rootCertButton")
        self.kerberos = child(f, QCheckBox, "kerberosCheck")
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
        self.root_cert_button.clicked.connect(self._choose_root_cert)
        self.kerberos.toggled.connect(self._kerberos_toggled)
        self._offer_kerberos()

    def _offer_kerberos(self) -> None:
        """Kerberos only where the installed libpq has GSSAPI; otherwise disabled, saying why."""
        if self._features.gssapi:
            self.kerberos.setToolTip(
                self.tr("Logga in med din Windows-inloggning (Kerberos); inget lösenord behövs.")
            )
            return
        self.kerberos.setChecked(False)
        self.kerberos.setEnabled(False)
        self.kerberos.setToolTip(self.tr(NO_GSSAPI))

    def _kerberos_toggled(self, on: bool) -> None:
        """With Kerberos no password is typed or kept."""
        self.password.setEnabled(not on)
        self.remember.setEnabled(not on)
        if on:
            self.password.clear()

    def _choose_root_cert(self) -> None:
        """Pick the root certificate file (root.crt) the server's certificate is checked with."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Rotcertifikat"),
            self.root_cert.text(),
            self.tr("Certifikat (*.crt *.pem *.cer);;Alla filer (*)"),
        )
        if path:
            self.root_cert.setText(path)

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
            self.root_cert.setText(root_cert_of(url))
            self.kerberos.setChecked(uses_kerberos(url) and self._features.gssapi)

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
            root_cert=self.root_cert.text().strip(),
            kerberos=self._kerberos_parameters(),
        )

    def _kerberos_parameters(self) -> dict[str, str] | None:
        """The libpq parameters of a Kerberos login, or None for a password login."""
        if not (self.kerberos.isChecked() and self._features.gssapi):
            return None
        return kerberos_parameters(self._features.require_auth)

    def typed_password(self) -> str | None:
        """The password typed for the server, if any (held in memory only)."""
        if not self.server.isChecked() or self.kerberos.isChecked():
            return None
        return self.password.text() or None

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
            cert = self.root_cert.text().strip()
            if cert and not Path(cert).is_file():
                return self.tr("Rotcertifikatet %1 finns inte.").replace("%1", cert)
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
