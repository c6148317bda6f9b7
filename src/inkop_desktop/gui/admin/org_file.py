"""The organisation file at first run: organisations and people read in with the import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLineEdit, QPushButton, QWidget

from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.gui.uiloader import child
from inkop_desktop.services.admin import FirstRunService, PersonRef
from inkop_desktop.services.connection import Connection
from inkop_desktop.services.exchange.service import ExchangeKind, ImportReport

MAX_SHOWN = 8
FILTER = "Kalkylblad (*.xlsx *.csv)"


def _tr(text: str) -> str:
    """Translate in the first-run context."""
    return QCoreApplication.translate("FirstRunDialog", text)


class OrgFilePage:
    """The two file fields of the import page."""

    def __init__(self, form: QWidget) -> None:
        self._form = form
        self.organisations = child(form, QLineEdit, "organisationsFileEdit")
        self.people = child(form, QLineEdit, "peopleFileEdit")
        for edit, button in (
            (self.organisations, "organisationsFileButton"),
            (self.people, "peopleFileButton"),
        ):
            child(form, QPushButton, button).clicked.connect(
                lambda _c=False, e=edit: self._browse(e)
            )

    def _browse(self, edit: QLineEdit) -> None:
        """Choose a file for *edit*."""
        start = edit.text() or str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(self._form, _tr("Välj fil"), start, _tr(FILTER))
        if path:
            edit.setText(path)

    def paths(self) -> tuple[str | None, str] | str:
        """(organisations file or None, people file), or a Swedish reason why not."""
        people = self.people.text().strip()
        if not people:
            return _tr("Välj filen med personerna.")
        return self.organisations.text().strip() or None, people


def _read(path: str) -> bytes:
    """The bytes of *path*; a Swedish error when it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ValidationError(f"Filen {Path(path).name} kunde inte läsas.") from exc


def report_text(kind: ExchangeKind, report: ImportReport) -> str:
    """Why nothing of *kind* was read in, row by row."""
    lines = [f"{kind.label}: {report.summary}", *(p.text for p in report.errors[:MAX_SHOWN])]
    if len(report.errors) > MAX_SHOWN:
        lines.append(f"… och {len(report.errors) - MAX_SHOWN} fel till.")
    return "\n".join(lines)


def import_org_file(
    connection: Connection, organisations: str | None, people: str
) -> list[PersonRef]:
    """Import the organisations, then the people (background); the people to choose from.

    An organisation already read in (a second try after a faulty people file) is updated,
    not refused.
    """
    exchange = connection.services.exchange
    files = [(ExchangeKind.ORGANISATIONER, organisations), (ExchangeKind.PERSONER, people)]
    for kind, path in files:
        if path is None:
            continue
        report = exchange.import_file(kind, _read(path), path, update=True)
        if not report.ok:
            raise ValidationError(report_text(kind, report))
    found = FirstRunService(connection.services.context).people()
    if not found:
        raise ValidationError("Filen med personerna innehöll ingen aktiv person att välja.")
    return found
