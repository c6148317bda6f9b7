"""Shared pieces of the jäv area: translation, highlighted table model, PDF preview."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QDialogButtonBox, QTableView, QWidget

from inkop_desktop.domain.jav.kinds import DeclarationState
from inkop_desktop.gui.errors import show_error
from inkop_desktop.gui.list_page import style_table
from inkop_desktop.gui.pdf_preview import PdfPreviewDialog
from inkop_desktop.gui.table_model import Column, RowTableModel
from inkop_desktop.gui.tasks import TaskRunner

MATCH = "match"
MUTED = "muted"
WARN = "warn"
_BACKGROUND = {MATCH: QColor("#fde2e1"), WARN: QColor("#fff4d6")}
_FOREGROUND = {MATCH: QColor("#8a1010"), MUTED: QColor("#6b6b6b")}


def tr(text: str) -> str:
    """Translate a string of the jäv area (context "Jav")."""
    return QCoreApplication.translate("Jav", text)


_BUTTONS = {
    QDialogButtonBox.StandardButton.Ok: "OK",
    QDialogButtonBox.StandardButton.Save: "Spara",
    QDialogButtonBox.StandardButton.Cancel: "Avbryt",
    QDialogButtonBox.StandardButton.Close: "Stäng",
}


def swedish_buttons(box: QDialogButtonBox) -> QDialogButtonBox:
    """Swedish texts on the standard buttons (no Qt translation is installed)."""
    for which, text in _BUTTONS.items():
        button = box.button(which)
        if button is not None:
            button.setText(tr(text))
    return box


def state_tone(state: DeclarationState) -> str | None:
    """How a state is shown: waiting states in yellow, a jävig person greyed."""
    if state is DeclarationState.JAVIG:
        return MUTED
    if state in (DeclarationState.SAKNAS, DeclarationState.OBEKRAFTAD, DeclarationState.EJ_BEDOMD):
        return WARN
    return None


class ToneModel(RowTableModel):
    """A row model whose rows may be highlighted (cross-check hits) or greyed (removed, jävig)."""

    def __init__(
        self, columns: Sequence[Column], tone: Callable[[Any], str | None], parent: Any = None
    ) -> None:
        super().__init__(columns, parent)
        self._tone = tone

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        """Add background, foreground and bold font for highlighted rows."""
        if index.isValid() and index.row() < self.rowCount():
            tone = self._tone(self.row_at(index.row()))
            if role == Qt.ItemDataRole.BackgroundRole and tone in _BACKGROUND:
                return QBrush(_BACKGROUND[tone])
            if role == Qt.ItemDataRole.ForegroundRole and tone in _FOREGROUND:
                return QBrush(_FOREGROUND[tone])
            if role == Qt.ItemDataRole.FontRole and tone == MATCH:
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)


def make_table(model: RowTableModel, parent: QWidget) -> QTableView:
    """A read-only, row-selecting table like every list in the app."""
    table = QTableView(parent)
    table.setModel(model)
    style_table(table)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    return table


def selected_row(table: QTableView, model: RowTableModel) -> Any | None:
    """The DTO of the selected row, or None."""
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    return model.row_at(rows[0].row()) if rows else None


def file_name(*parts: str) -> str:
    """A safe file name from *parts*: ``Jävsdeklaration UP-2026-001 Anna Ek.pdf``."""
    text = " ".join(p for p in parts if p)
    return re.sub(r'[\\/:*?"<>|]+', "-", text).strip() + ".pdf"


class PdfExport:
    """Make a PDF in the background, then preview it (with "Skriv ut…" and "Spara som…")."""

    def __init__(
        self, parent: QWidget, tasks: TaskRunner, on_shown: Callable[[bytes], None] | None = None
    ) -> None:
        self._parent = parent
        self._tasks = tasks
        self._on_shown = on_shown

    def show(self, make: Callable[[], bytes], title: str, filename: str) -> None:
        """Run *make* off the GUI thread and show the result in the QtPdf preview."""
        self._tasks.run(
            make,
            lambda data: self._preview(data, title, filename),
            lambda exc: show_error(self._parent, exc),
            owner=self._parent,
        )

    def _preview(self, data: bytes, title: str, filename: str) -> None:
        """Open the preview dialog."""
        if self._on_shown is not None:
            self._on_shown(data)
        PdfPreviewDialog.ask(self._parent, data, title, str(Path.home() / filename), self._tasks)
