"""Handling an entry (kommentar, åtgärd, stäng) and reporting one by hand."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.avsteg import Handling
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.gui.avsteg.columns import tr
from inkop_desktop.gui.avsteg.conflict import CLOSE_LABEL, handling_side, handling_values
from inkop_desktop.gui.conflict_dialog import resolve
from inkop_desktop.gui.errors import show_error
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.avsteg import AvstegEntry, AvstegService, ManualAvsteg, NamndChoice


def _text(parent: QWidget, value: str, name: str) -> QPlainTextEdit:
    """A short multi-line field."""
    edit = QPlainTextEdit(value, parent)
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(72)
    return edit


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    """OK (named *ok*) and Avbryt."""
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Avbryt"))
    box.rejected.connect(dialog.reject)
    return box


class HandleDialog(QDialog):
    """Kommentar, åtgärd and "Stäng avsteget" (asked to confirm) for one entry."""

    def __init__(
        self, service: AvstegService, tasks: TaskRunner, entry: AvstegEntry, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._service, self._tasks, self.entry = service, tasks, entry
        self.setWindowTitle(tr("Hantera avsteg"))
        self.resize(560, 420)
        form = QFormLayout()
        for label, value in (
            (tr("Avsteg"), entry.rule_name), (tr("Gäller"), entry.record or "–"),
            (tr("Datum"), entry.reported_on.isoformat()), (tr("Status"), entry.status),
        ):  # fmt: skip
            form.addRow(label, QLabel(value, self))
        reason = QLabel(entry.reason, self)
        reason.setWordWrap(True)
        form.addRow(tr("Motivering"), reason)
        self.comment = _text(self, entry.comment, tr("Kommentar"))
        self.action = _text(self, entry.action, tr("Åtgärd"))
        form.addRow(tr("Kommentar"), self.comment)
        form.addRow(tr("Åtgärd"), self.action)
        self.close_box = QCheckBox(tr(CLOSE_LABEL), self)
        form.addRow("", self.close_box)
        self.buttons = _buttons(self, tr("Spara"))
        self.buttons.accepted.connect(self.save)
        self._sent: dict[str, Any] = {}
        if not entry.open:
            for w in (self.comment, self.action, self.close_box):
                w.setEnabled(False)
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def handling(self) -> Handling:
        """What the user entered."""
        return Handling(
            self.comment.toPlainText(), self.action.toPlainText(), self.close_box.isChecked()
        )

    def show_version(self, entry: AvstegEntry, values: dict[str, Any] | None = None) -> None:
        """Show *entry* as stored now, with *values* (a chosen mix) on top."""
        self.entry = entry
        shown = {**handling_values(entry), **(values or {})}
        self.comment.setPlainText(shown["comment"])
        self.action.setPlainText(shown["action"])
        self.close_box.setChecked(bool(shown["close"]))

    def confirm_close(self) -> bool:
        """Ask before an entry is closed (it cannot be changed afterwards)."""
        answer = QMessageBox.question(
            self, tr("Stäng avsteget"),
            tr("Stänga avsteget? Ett stängt avsteg kan inte ändras efteråt."),
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def save(self) -> None:
        """Save in the background; close when saved, else say why."""
        handling = self.handling()
        if handling.close and not self.confirm_close():
            return
        entry, service = self.entry, self._service
        self._sent = {"comment": handling.comment, "action": handling.action,
                      "close": handling.close}  # fmt: skip
        self.buttons.setEnabled(False)
        self._tasks.run(
            lambda: service.handle(entry.id, entry.version, handling),
            lambda _saved: self.accept(),
            self.failed,
            owner=self,
        )

    def failed(self, exc: BaseException) -> None:
        """Someone else saved first: the compare dialog; else the Swedish reason."""
        self.buttons.setEnabled(True)
        side = handling_side(self, self._service, self._tasks)
        if not resolve(self, self._tasks, exc, side, self._sent, handling_values(self.entry)):
            show_error(self, exc)


class ManualDialog(QDialog):
    """A deviation a person found: date, region, nämnd, what it concerns, description."""

    def __init__(
        self,
        service: AvstegService,
        tasks: TaskRunner,
        namnder: list[NamndChoice],
        today: date,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._service, self._tasks = service, tasks
        self.setWindowTitle(tr("Nytt avsteg"))
        self.resize(520, 340)
        self.day = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.region = QComboBox(self)
        for p in Parties:
            self.region.addItem(p.label, p.value)
        self.namnd = QComboBox(self)
        self.namnd.addItem(tr("Ingen nämnd angiven"), "")
        for c in namnder:
            self.namnd.addItem(c.name, str(c.id))
        self.record = QLineEdit(self)
        self.record.setPlaceholderText(tr("t.ex. fakturanummer eller diarienummer"))
        self.reason = _text(self, "", tr("Beskrivning"))
        form = QFormLayout()
        for label, widget in (
            (tr("Datum"), self.day), (tr("Region"), self.region), (tr("Nämnd"), self.namnd),
            (tr("Gäller"), self.record), (tr("Beskrivning"), self.reason),
        ):  # fmt: skip
            form.addRow(label, widget)
        self.buttons = _buttons(self, tr("Registrera"))
        self.buttons.accepted.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def value(self) -> ManualAvsteg:
        """What the user entered."""
        namnd = self.namnd.currentData()
        return ManualAvsteg(
            reported_on=self.day.date().toPython(), region=self.region.currentData(),
            organisation_id=uuid.UUID(namnd) if namnd else None,
            reason=self.reason.toPlainText(), record=self.record.text(),
        )  # fmt: skip

    def save(self) -> None:
        """Save in the background; close when saved, else say why."""
        value, service = self.value(), self._service
        self.buttons.setEnabled(False)
        self._tasks.run(
            lambda: service.report(value), lambda _s: self.accept(), self._failed, owner=self
        )

    def _failed(self, exc: BaseException) -> None:
        """Show the Swedish reason; the user may correct and try again."""
        self.buttons.setEnabled(True)
        show_error(self, exc)
