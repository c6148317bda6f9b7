"""One checklist point: its text, the evidence expected, the outcome, a comment, the evidence."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.attachments import check_size, format_size
from inkop_desktop.domain.followup.model import Outcome
from inkop_desktop.gui.followup.common import buttons, current_row, line, show_rows, table, tr
from inkop_desktop.gui.table_model import Column

SERIOUS = "⚠ "
_SHORTCUTS = {
    Outcome.OK: "&OK",
    Outcome.AVVIKELSE: "A&vvikelse",
    Outcome.EJ_TILLAMPLIG: "&Ej tillämplig",
}


def evidence_columns() -> list[Column]:
    """File name, size, when and by whom, the start of the checksum."""
    return [
        Column("filename", tr("Fil"), sortable=False),
        Column("size", tr("Storlek"), format_size, numeric=True, sortable=False),
        Column("created_at", tr("Tillagd"), lambda v: v.astimezone().strftime("%Y-%m-%d %H:%M")),
        Column("created_by", tr("Av"), sortable=False),
        Column("sha256", tr("SHA-256 (början)"), lambda v: f"{v[:16]}…", sortable=False),
    ]


def read_file(path: Path) -> tuple[str, bytes]:
    """The name and content of a file to attach (refused above 50 MB before reading)."""
    check_size(path.stat().st_size)
    return path.name, path.read_bytes()


def write_copy(filename: str, content: bytes) -> Path:
    """A copy in a private temporary folder, to open with the desktop's program."""
    target = Path(tempfile.mkdtemp(prefix="inkop-underlag-")) / filename
    target.write_bytes(content)
    return target


class ItemPanel(QGroupBox):
    """The highlighted checklist point; edits are reported with ``edited``."""

    edited = Signal(str, str)
    add_requested = Signal(Path)
    open_requested = Signal(object)
    remove_requested = Signal(object)
    action_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Kontrollpunkt"), parent)
        self.text = QLabel("", self)
        self.text.setWordWrap(True)
        self.text.setObjectName("itemText")
        self.expected = QLabel("", self)
        self.expected.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.outcomes: dict[Outcome, QRadioButton] = {}
        row = QHBoxLayout()
        for outcome in Outcome:
            radio = QRadioButton(tr(_SHORTCUTS[outcome]), self)
            radio.setObjectName(f"outcome_{outcome.value}")
            self.group.addButton(radio)
            self.outcomes[outcome] = radio
            row.addWidget(radio)
            radio.toggled.connect(self._toggled)
        row.addStretch(1)
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("commentEdit")
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText(tr("Kommentar (vad som kontrollerades, vad som saknas)"))
        self.comment.setMaximumHeight(70)
        self.comment.textChanged.connect(self._emit)
        self.evidence, self.evidence_view = table(self, "evidenceView", evidence_columns())
        self.evidence_view.setMaximumHeight(90)
        self.add_button, self.open_button, self.remove_button, self.action_button = buttons(
            self,
            (tr("&Lägg till underlag…"), "addEvidenceButton", self._choose),
            (tr("Öppna u&nderlag"), "openEvidenceButton", self._open),
            (tr("Ta &bort underlag…"), "removeEvidenceButton", self._remove),
            (tr("Skapa å&tgärd…"), "createActionButton", self.action_requested.emit),
        )
        layout = QVBoxLayout(self)
        for widget in (self.text, self.expected):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.comment)
        layout.addWidget(QLabel(tr("Underlag (bilagor med kontrollsumma):"), self))
        layout.addWidget(self.evidence_view)
        layout.addLayout(
            line([self.add_button, self.open_button, self.remove_button, self.action_button])
        )
        self._quiet = False
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.show_item(None, editable=False)

    def show_item(self, item: Any, *, editable: bool, outcome: str = "", comment: str = "") -> None:
        """Show *item* with the outcome and comment as currently edited."""
        self._quiet = True
        self.setEnabled(item is not None)
        self.text.setText(
            "" if item is None else (SERIOUS if item.serious else "") + item.item_text
        )
        self.expected.setText(self._expected_text(item))
        self.group.setExclusive(False)
        for value, radio in self.outcomes.items():
            radio.setChecked(value.value == outcome)
            radio.setEnabled(editable)
        self.group.setExclusive(True)
        self.comment.setPlainText(comment)
        self.comment.setReadOnly(not editable)
        show_rows(self.evidence, self.evidence_view, item.evidence if item is not None else ())
        self.open_button.setEnabled(bool(item is not None and item.evidence))
        self._quiet = False

    def _expected_text(self, item: Any) -> str:
        """What evidence is expected and whether a deviation is serious."""
        if item is None:
            return ""
        parts = []
        if item.evidence_expected:
            parts.append(tr("Förväntat underlag: %1").replace("%1", item.evidence_expected))
        if item.serious:
            parts.append(tr("En avvikelse här är allvarlig."))
        return "\n".join(parts)

    def _toggled(self, on: bool) -> None:
        """A radio button was chosen (the one switched off says nothing)."""
        if on:
            self._emit()

    def outcome(self) -> str:
        """The chosen outcome code ("" when none)."""
        return next((o.value for o, r in self.outcomes.items() if r.isChecked()), "")

    def _emit(self) -> None:
        """Report the user's edit (not the filling in of a newly chosen point)."""
        if not self._quiet:
            self.edited.emit(self.outcome(), self.comment.toPlainText())

    def show_evidence(self, rows: Sequence[Any]) -> None:
        """The evidence list after a file was stored."""
        show_rows(self.evidence, self.evidence_view, rows)
        self.open_button.setEnabled(bool(rows))

    def _choose(self) -> None:
        """Pick a file to attach as evidence."""
        name, _filter = QFileDialog.getOpenFileName(self, tr("Lägg till underlag"))
        if name:
            self.add_requested.emit(Path(name))

    def _open(self) -> None:
        """Ask for the highlighted evidence file to be opened."""
        row = current_row(self.evidence, self.evidence_view)
        if row is not None:
            self.open_requested.emit(row)

    def _remove(self) -> None:
        """Confirm, then ask for the highlighted evidence file to be removed."""
        row = current_row(self.evidence, self.evidence_view)
        if row is not None and confirm_removal(self, row.filename):
            self.remove_requested.emit(row)


def confirm_removal(parent: QWidget, filename: str) -> bool:
    """Ask before an evidence file is removed (No is the default)."""
    question = tr("Ta bort underlaget ”%1” från kontrollpunkten? Det går inte att ångra.")
    answer = QMessageBox.question(
        parent,
        tr("Ta bort underlag"),
        question.replace("%1", filename),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def open_with_desktop(path: Path) -> None:
    """Hand a copy to the system's program for the file type."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
