"""Small helpers shared by the editors: filling combos and reading typed values."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem

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
