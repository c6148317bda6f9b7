"""What the follow-up widgets share: translation, dates, small tables and button rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QWidget,
)

from inkop_desktop.gui.list_page import fit_columns, style_table
from inkop_desktop.gui.table_model import Column, RowTableModel


def tr(text: str) -> str:
    """Translate (context "Uppföljning")."""
    return QCoreApplication.translate("Uppföljning", text)


def date_edit(parent: QWidget, value: date | None = None) -> QDateEdit:
    """A calendar date field in ISO form (today when no value is given)."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    day = value or date.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def date_of(edit: QDateEdit) -> date:
    """The chosen day."""
    d = edit.date()
    return date(d.year(), d.month(), d.day())


def table(
    parent: QWidget, name: str, columns: Sequence[Column], on_open: Callable[[], None] | None = None
) -> tuple[RowTableModel, QTableView]:
    """A read-only table of rows; Enter or double-click calls *on_open*."""
    model = RowTableModel(list(columns), parent)
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    style_table(view)
    if on_open is not None:
        view.activated.connect(lambda _i: on_open())
    return model, view


def show_rows(model: RowTableModel, view: QTableView, rows: Sequence[Any]) -> None:
    """Replace the rows and fit the columns to them (no column wider than 300 pixels)."""
    model.set_rows(list(rows))
    fit_columns(view, cap=300)


def current_row(model: RowTableModel, view: QTableView) -> Any:
    """The row under the cursor (the only row when there is just one)."""
    index = view.currentIndex()
    if index.isValid():
        return model.row_at(index.row())
    return model.row_at(0) if model.rowCount() == 1 else None


def buttons(parent: QWidget, *items: tuple[str, str, Callable[[], None]]) -> list[QPushButton]:
    """Push buttons (text, object name, slot) in order."""
    made = []
    for text, name, slot in items:
        button = QPushButton(text, parent)
        button.setObjectName(name)
        button.clicked.connect(slot)
        made.append(button)
    return made


def line(widgets: Sequence[QWidget]) -> QHBoxLayout:
    """The widgets side by side, left-aligned."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def gate(button: QPushButton, refusal: str) -> None:
    """Disable *button* when *refusal* is a reason; the tooltip gives it."""
    button.setEnabled(not refusal)
    button.setToolTip(refusal)


def enum_choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """(value, Swedish label) of every member, for a drop-down."""
    return [(m.value, str(m.label)) for m in enum]  # type: ignore[attr-defined]
