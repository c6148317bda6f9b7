"""Where a list row stands (overdue, due within 30/90 days, closed): its colours and the legend."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

STATE_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""Model data role naming a row's state (a RowState value, or None)."""

SOON_DAYS = 30
LATER_DAYS = 90


def tr(text: str) -> str:
    """Translate a legend string (context "Listor")."""
    return QCoreApplication.translate("Listor", text)


class RowState(StrEnum):
    """What a row's date or status says at a glance."""

    FORSENAD = "forsenad"
    INOM_30 = "inom_30"
    INOM_90 = "inom_90"
    AVSLUTAD = "avslutad"

    @property
    def label(self) -> str:
        """Swedish name of the state, as in the legend."""
        return {
            "forsenad": tr("Försenad"),
            "inom_30": tr("Inom 30 dagar"),
            "inom_90": tr("Inom 90 dagar"),
            "avslutad": tr("Avslutad"),
        }[self]


_FOREGROUND = {
    RowState.FORSENAD: QColor("#b91c1c"),
    RowState.INOM_30: QColor("#1f2937"),
    RowState.INOM_90: QColor("#1f2937"),
    RowState.AVSLUTAD: QColor("#8a8f98"),
}
_BACKGROUND = {RowState.INOM_30: QColor("#fde68a"), RowState.INOM_90: QColor("#fef9c3")}

RowStateFn = Callable[[Any], RowState | None]


def foreground(state: RowState | None) -> QBrush | None:
    """Text colour of a row in *state* (red when overdue, grey when closed)."""
    return QBrush(_FOREGROUND[state]) if state is not None else None


def background(state: RowState | None) -> QBrush | None:
    """Background of a row in *state* (amber within 30 days, pale yellow within 90)."""
    color = _BACKGROUND.get(state) if state is not None else None
    return QBrush(color) if color is not None else None


def by_due_date(due: date | None, today: date) -> RowState | None:
    """Overdue before *today*, else within 30 or 90 days, else nothing."""
    if due is None:
        return None
    days = (due - today).days
    if days < 0:
        return RowState.FORSENAD
    if days <= SOON_DAYS:
        return RowState.INOM_30
    return RowState.INOM_90 if days <= LATER_DAYS else None


def by_end_date(end: date | None, today: date) -> RowState | None:
    """A term that ends: ended before *today* is closed, else within 30 or 90 days."""
    state = by_due_date(end, today)
    return RowState.AVSLUTAD if state is RowState.FORSENAD else state


class Legend(QWidget):
    """ "Slut:" and one swatch per state, its text the view's rule for it."""

    def __init__(
        self, basis: str, rules: Sequence[tuple[RowState, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        self.setAccessibleName(tr("Färgförklaring"))
        self.setAccessibleDescription(f"{basis} {', '.join(r for _s, r in rules)}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rules = list(rules)
        heading = QLabel(basis, self)
        heading.setToolTip(tr("Radens färg följer %1").replace("%1", basis.rstrip(":").lower()))
        layout.addWidget(heading)
        for state, rule in rules:
            swatch = QLabel(rule, self)
            swatch.setObjectName(f"legend_{state.value}")
            bg = _BACKGROUND.get(state)
            css = f"color:{_FOREGROUND[state].name()};padding:1px 6px;border:1px solid #d1d5db;"
            swatch.setStyleSheet(css + (f"background:{bg.name()};" if bg is not None else ""))
            swatch.setToolTip(state.label)
            layout.addWidget(swatch)
        layout.addStretch(1)
