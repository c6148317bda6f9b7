"""Internkontrollrapport…: pick a nämnd (those the person may see) and a period, then save."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.export import export_to_file
from inkop_desktop.gui.form_helpers import day_of, picker
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.avsteg import NamndChoice
from inkop_desktop.services.internal_control import InternalControlService, current_year

NONE_ALLOWED = "Du får inte ta fram någon nämnds internkontrollrapport."


def tr(text: str) -> str:
    """Translate (context "Internkontroll")."""
    return QCoreApplication.translate("Internkontroll", text)


class InternalControlDialog(QDialog):
    """Nämnd, från and till (the current calendar year by default)."""

    def __init__(
        self,
        service: InternalControlService,
        tasks: TaskRunner,
        today: date,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Internkontrollrapport"))
        self.resize(480, 200)
        first, last = current_year(today)
        self.namnd = QComboBox(self)
        self.namnd.setAccessibleName(tr("Nämnd"))
        self.namnd.setMinimumContentsLength(30)
        self.first = picker(QDateEdit(self), first)
        self.last = picker(QDateEdit(self), last)
        self.first.setAccessibleName(tr("Från"))
        self.last.setAccessibleName(tr("Till"))
        self.status = QLabel(tr("Läser in nämnderna…"), self)
        self.status.setWordWrap(True)
        form = QFormLayout()
        for label, widget in ((tr("Nämnd"), self.namnd), (tr("Från"), self.first),
                              (tr("Till"), self.last)):  # fmt: skip
            form.addRow(label, widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("Ta fram rapporten…"))
        self.ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Avbryt"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        tasks.run(service.namnder, self._loaded, self._failed, owner=self)

    def _loaded(self, namnder: list[NamndChoice]) -> None:
        """Offer the nämnder; none means the person may take no report."""
        for c in namnder:
            self.namnd.addItem(c.name, str(c.id))
        self.ok.setEnabled(bool(namnder))
        self.status.setText("" if namnder else tr(NONE_ALLOWED))

    def _failed(self, exc: BaseException) -> None:
        """Say why the nämnder could not be read."""
        self.status.setText(user_text(exc))

    def value(self) -> tuple[uuid.UUID, date, date]:
        """The chosen nämnd and period."""
        return (
            uuid.UUID(str(self.namnd.currentData())),
            day_of(self.first),
            day_of(self.last),
        )

    def label(self) -> str:
        """The chosen nämnd's name (for the file name)."""
        return self.namnd.currentText()


def take_report(
    parent: QWidget, service: InternalControlService, tasks: TaskRunner, today: date
) -> None:
    """Ask for nämnd and period, then for the file; the PDF is made in the background."""
    dialog = InternalControlDialog(service, tasks, today, parent)
    if not dialog.exec():
        return
    namnd, first, last = dialog.value()
    name = dialog.label().split(",")[0]
    export_to_file(
        parent, tasks, lambda: service.report_pdf(namnd, first, last),
        title=tr("Internkontrollrapport"),
        suggested=f"Internkontrollrapport {name} {first.isoformat()}–{last.isoformat()}.pdf",
        file_filter="PDF (*.pdf)",
    )  # fmt: skip
