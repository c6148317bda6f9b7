"""The value fields' rules shown where they apply: the frozen original value, the annual value."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from inkop_desktop.domain.contracts.model import annual_problem
from inkop_desktop.domain.errors import ValidationError
from inkop_desktop.gui.contracts.form import read_kronor
from inkop_desktop.gui.uiloader import FormError

FIELDS = ("total_value_ore", "annual_value_ore")
"""The fields whose refusal is shown beside the annual value as well."""


def tr(text: str) -> str:
    """Translate (context "Avtalsvärde")."""
    return QCoreApplication.translate("Avtalsvärde", text)


FROZEN_TIP = tr(
    "Avtalet har ändringar: det ursprungliga totala värdet står kvar som det först tecknades. "
    "Ett nytt värde registreras som en ändring på fliken Ändringar."
)


class ValueRules:
    """Keeps the total read-only after amendments and explains a wrong annual value beside it."""

    def __init__(self, form: QWidget, total: QLineEdit, annual: QLineEdit) -> None:
        self.total, self.annual = total, annual
        self.problem = QLabel(form)
        self.problem.setObjectName("annualProblemLabel")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setVisible(False)
        self.problem.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = form.findChild(QFormLayout, "valueForm")
        if not isinstance(layout, QFormLayout):
            raise FormError(f"Formuläret {form.objectName()} saknar QFormLayout ”valueForm”.")
        position: Any = layout.getWidgetPosition(annual)
        layout.insertRow(int(position[0]) + 1, "", self.problem)
        self._tip = total.toolTip()
        total.textChanged.connect(lambda _t: self.check())
        annual.textChanged.connect(lambda _t: self.check())

    def set_amended(self, amended: bool) -> None:
        """Read-only with the reason as tooltip once the contract has an amendment."""
        self.total.setReadOnly(amended)
        self.total.setToolTip(FROZEN_TIP if amended else self._tip)
        self.total.setStyleSheet("QLineEdit { background: palette(window); }" if amended else "")

    def check(self) -> None:
        """Show (or clear) the annual value's problem while the user types."""
        try:
            total = read_kronor(self.total.text(), "", required=False)
            annual = read_kronor(self.annual.text(), "", required=False)
        except ValidationError:
            self.show("")
            return
        problem = annual_problem(annual, total) if self.total.text().strip() else None
        self.show(tr("Årligt värde: %1").replace("%1", problem) if problem else "")

    def show(self, text: str) -> None:
        """Put *text* beside the annual value (empty: hide the line)."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
