"""The register's filter row: period, region, nämnd, avsteg and öppna/alla."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.avsteg import RULES
from inkop_desktop.domain.avsteg.rules import MANUAL_KEY, MANUAL_NAME
from inkop_desktop.domain.organisation import Region
from inkop_desktop.gui.avsteg.columns import tr
from inkop_desktop.services.avsteg import AvstegFilter, NamndChoice


def _date_edit(day: date, parent: QWidget) -> QDateEdit:
    """A date field with a calendar pop-up."""
    edit = QDateEdit(QDate(day.year, day.month, day.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _shrinkable(box: QComboBox) -> None:
    """A combo that may be narrower than its longest item (a small screen); the list shows all."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(12)
    box.currentTextChanged.connect(box.setToolTip)


class FilterRow(QWidget):
    """Emits ``changed`` whenever a filter is changed."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        period, choices = QHBoxLayout(), QHBoxLayout()
        rows.addLayout(period)
        rows.addLayout(choices)
        self.first = _date_edit(date(today.year - 1, 1, 1), self)
        self.last = _date_edit(date(today.year, 12, 31), self)
        self.region = QComboBox(self)
        self.region.addItem(tr("Alla regioner"), "")
        for r in Region:
            self.region.addItem(r.label, r.value)
        self.namnd = QComboBox(self)
        self.namnd.addItem(tr("Alla nämnder"), "")
        self.rule = QComboBox(self)
        self.rule.addItem(tr("Alla avsteg"), "")
        for rule in RULES:
            self.rule.addItem(rule.name, rule.key)
        self.rule.addItem(MANUAL_NAME, MANUAL_KEY)
        self.show_closed = QCheckBox(tr("Visa stängda"), self)
        for row, label, widget in (
            (period, tr("Från"), self.first), (period, tr("Till"), self.last),
            (choices, tr("Region"), self.region), (choices, tr("Nämnd"), self.namnd),
            (choices, tr("Avsteg"), self.rule),
        ):  # fmt: skip
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
            widget.setAccessibleName(label)
        period.addWidget(self.show_closed)
        period.addStretch(1)
        choices.addStretch(1)
        for box in (self.region, self.namnd, self.rule):
            _shrinkable(box)
            box.currentIndexChanged.connect(self.changed)
        self.first.dateChanged.connect(self.changed)
        self.last.dateChanged.connect(self.changed)
        self.show_closed.toggled.connect(self.changed)

    def set_namnder(self, choices: list[NamndChoice]) -> None:
        """Offer *choices* (keeping the current one when still there)."""
        current = self.namnd.currentData()
        self.namnd.blockSignals(True)
        self.namnd.clear()
        self.namnd.addItem(tr("Alla nämnder"), "")
        for c in choices:
            self.namnd.addItem(c.name, str(c.id))
        found = self.namnd.findData(current)
        self.namnd.setCurrentIndex(max(0, found))
        self.namnd.blockSignals(False)

    def value(self) -> AvstegFilter:
        """The filter as chosen."""
        namnd = self.namnd.currentData()
        return AvstegFilter(
            first=self.first.date().toPython(),
            last=self.last.date().toPython(),
            region=self.region.currentData() or None,
            organisation_id=uuid.UUID(namnd) if namnd else None,
            rule=self.rule.currentData() or None,
            only_open=not self.show_closed.isChecked(),
        )

    def namnd_name(self) -> str:
        """The chosen nämnd's name ("" for all)."""
        return self.namnd.currentText() if self.namnd.currentData() else ""
