"""The register's filter row: period, region, nämnd, avsteg and öppna/alla."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

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


class FilterRow(QWidget):
    """Emits ``changed`` whenever a filter is changed."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
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
        for label, widget in (
            (tr("Från"), self.first), (tr("Till"), self.last), (tr("Region"), self.region),
            (tr("Nämnd"), self.namnd), (tr("Avsteg"), self.rule),
        ):  # fmt: skip
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            layout.addWidget(caption)
            layout.addWidget(widget)
            widget.setAccessibleName(label)
        layout.addWidget(self.show_closed)
        layout.addStretch(1)
        for box in (self.region, self.namnd, self.rule):
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
