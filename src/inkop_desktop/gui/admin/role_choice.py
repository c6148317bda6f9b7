"""The roles the first person chooses besides administratör (always given)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QGridLayout, QWidget

from inkop_desktop.domain.first_person import CHOSEN_ROLES
from inkop_desktop.domain.organisation import Role

COLUMNS = 3


class RoleChoice:
    """Check boxes in the roles group: administratör checked and locked, upphandlare ticked."""

    def __init__(self, group: QWidget) -> None:
        layout = group.layout()
        assert isinstance(layout, QGridLayout)
        self.administrator = QCheckBox(Role.ADMINISTRATOR.label, group)
        self.administrator.setChecked(True)
        self.administrator.setEnabled(False)
        self.administrator.setToolTip(
            QCoreApplication.translate(
                "FirstRunDialog", "Den första personen administrerar alltid programmet."
            )
        )
        layout.addWidget(self.administrator, 0, 0)
        self.boxes: dict[Role, QCheckBox] = {}
        for index, role in enumerate(CHOSEN_ROLES, start=1):
            box = QCheckBox(role.label, group)
            box.setChecked(role is Role.UPPHANDLARE)
            layout.addWidget(box, index // COLUMNS, index % COLUMNS)
            self.boxes[role] = box

    def chosen(self) -> tuple[Role, ...]:
        """The roles ticked (administratör is added by the service anyway)."""
        return tuple(role for role, box in self.boxes.items() if box.isChecked())
