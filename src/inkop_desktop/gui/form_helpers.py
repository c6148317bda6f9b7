"""Small helpers shared by the editors: filling combos, date pickers and reading typed values."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QDate, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
)

E = TypeVar("E", bound=Enum)


def fill_enum(combo: QComboBox, enum: type[Enum], *, empty: str | None = None) -> None:
    """Offer every member of *enum* by its Swedish label (and an optional empty choice)."""
    combo.clear()
    if empty is not None:
        combo.addItem(empty, None)
    for member in enum:
        combo.addItem(str(getattr(member, "label", member.value)), member.value)


def current_enum(combo: QComboBox, enum: type[E]) -> E | None:
    """The chosen member (Qt hands StrEnum data back as plain text)."""
    value = combo.currentData()
    return None if value is None else enum(value)


def fill_items(
    combo: QComboBox, items: Iterable[tuple[str, Any]], *, empty: str | None = None
) -> None:
    """Offer (text, value) pairs (and an optional empty choice)."""
    combo.clear()
    if empty is not None:
        combo.addItem(empty, None)
    for text, value in items:
        combo.addItem(text, value)


def select_data(combo: QComboBox, value: Any) -> None:
    """Select the entry holding *value* (the first entry if none does)."""
    if isinstance(value, Enum):
        value = value.value
    for i in range(combo.count()):
        if combo.itemData(i) == value:
            combo.setCurrentIndex(i)
            return
    combo.setCurrentIndex(0)


def fill_checklist(widget: QListWidget, items: Iterable[tuple[str, Any]]) -> None:
    """A list of checkable (text, value) entries."""
    widget.clear()
    for text, value in items:
        entry = QListWidgetItem(text, widget)
        entry.setData(Qt.ItemDataRole.UserRole, value)
        entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        entry.setCheckState(Qt.CheckState.Unchecked)


def checked_values(widget: QListWidget) -> list[Any]:
    """Values of the checked entries."""
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


def set_checked(widget: QListWidget, values: Iterable[Any]) -> None:
    """Check exactly the entries holding *values*."""
    wanted = set(values)
    for i in range(widget.count()):
        item = widget.item(i)
        state = item.data(Qt.ItemDataRole.UserRole) in wanted
        item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)


ISO_FORMAT = "yyyy-MM-dd"
_NO_DATE = QDate(1900, 1, 1)


def picker(edit: QDateEdit, value: date | None = None) -> QDateEdit:
    """Make *edit* a calendar date field in ISO form showing *value* (today if none)."""
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(ISO_FORMAT)
    edit.setDate(qdate(value or date.today()))
    return edit


def qdate(day: date) -> QDate:
    """*day* as a QDate."""
    return QDate(day.year, day.month, day.day)


def day_of(edit: QDateEdit) -> date:
    """The day chosen in *edit*."""
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class OptionalDate(QObject):
    """A date picker that may also say "no date": a tick box (beside it in the form) turns the
    date on and off."""

    changed = Signal()

    def __init__(self, given: QCheckBox, edit: QDateEdit) -> None:
        super().__init__(edit)
        self.given, self.edit = given, picker(edit)
        given.setAccessibleName(_tr("%1: datum angivet").replace("%1", edit.accessibleName()))
        given.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(_tr("(inget datum)"))
        given.toggled.connect(self._toggled)
        edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.set_value(None)

    def value(self) -> date | None:
        """The chosen day, or None for "no date"."""
        return day_of(self.edit) if self.given.isChecked() else None

    def set_value(self, value: date | None) -> None:
        """Show *value* (None: no date)."""
        self.given.blockSignals(True)
        self.given.setChecked(value is not None)
        self.given.blockSignals(False)
        self.edit.setEnabled(value is not None)
        self.edit.setDate(_NO_DATE if value is None else qdate(value))

    def _toggled(self, on: bool) -> None:
        """Ticked: a date (today to start with) that can be edited; unticked: no date."""
        self.edit.setEnabled(on)
        if on and self.edit.date() == _NO_DATE:
            self.edit.setDate(QDate.currentDate())
        elif not on:
            self.edit.setDate(_NO_DATE)
        if on:
            self.edit.setFocus()
        self.changed.emit()


def show_rules(label: QLabel, lines: Iterable[tuple[str, str]]) -> None:
    """Short bullet lines in *label*; their citations (LOU, policy) in its tooltip."""
    shown = [(text, cite) for text, cite in lines if text]
    label.setText("\n".join(f"• {text}" for text, _cite in shown))
    label.setToolTip("\n".join(f"{text.rstrip('.')}: {cite}" for text, cite in shown if cite))


def _tr(text: str) -> str:
    """Translate (context "Formulär")."""
    return QCoreApplication.translate("Formulär", text)
