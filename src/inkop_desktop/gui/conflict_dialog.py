"""The question after a concurrent edit and the field-by-field compare dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.errors import ConcurrentEditError
from inkop_desktop.gui.conflict import Choice, ConflictSide, Saved, differing, normal, plain
from inkop_desktop.gui.errors import show_error
from inkop_desktop.gui.tasks import TaskRunner

MINE, THEIRS = 1, 2
"""The columns of the user's value and of the saved value (each a radio button)."""


class CompareDialog(QDialog):
    """Fält | Ditt värde | Sparat värde: per differing field, keep yours or take the saved."""

    def __init__(
        self,
        parent: QWidget | None,
        side: ConflictSide,
        mine: dict[str, Any],
        opened: dict[str, Any],
        saved: Saved,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Jämför fält för fält")
        self._mine, self._saved = mine, saved
        self.keys = differing(mine, saved.values)
        self.groups: dict[str, QButtonGroup] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_intro(self.keys), self))
        self.table = self._table(side, opened)
        layout.addWidget(self.table)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            "Spara valda värden", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(760, 120 + 34 * max(len(self.keys), 3))

    def _table(self, side: ConflictSide, opened: dict[str, Any]) -> QTableWidget:
        """One row per differing field; the user's own changes are chosen at first."""
        table = QTableWidget(len(self.keys), 3, self)
        stamp = self._saved.stamp()
        table.setHorizontalHeaderLabels(["Fält", "Ditt värde", f"Sparat värde {stamp}".strip()])
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, key in enumerate(self.keys):
            table.setItem(row, 0, QTableWidgetItem(side.field_label(key)))
            group = QButtonGroup(table)
            for column, value in ((MINE, self._mine[key]), (THEIRS, self._saved.values.get(key))):
                button = QRadioButton(side.show_value(key, value), table)
                group.addButton(button, column)
                table.setCellWidget(row, column, button)
            changed_by_me = normal(self._mine[key]) != normal(opened.get(key))
            group.button(MINE if changed_by_me else THEIRS).setChecked(True)
            self.groups[key] = group
        return table

    def pick(self, key: str, *, mine: bool) -> None:
        """Choose the user's value (or the saved one) for *key*."""
        self.groups[key].button(MINE if mine else THEIRS).setChecked(True)

    def keeps_mine(self, key: str) -> bool:
        """Whether the user's value is chosen for *key*."""
        return self.groups[key].checkedId() == MINE

    def chosen(self) -> dict[str, Any]:
        """The user's values with the saved value wherever that was chosen."""
        values = dict(self._mine)
        for key in self.keys:
            if not self.keeps_mine(key):
                values[key] = self._saved.values.get(key)
        return values


def _intro(keys: list[str]) -> str:
    """What the dialog is for, in one or two sentences."""
    if not keys:
        return (
            "Någon annan har sparat posten, men inget av fälten i formuläret skiljer sig. "
            "Spara för att lägga dina värden ovanpå den sparade versionen."
        )
    return (
        "Någon annan sparade posten efter att du öppnade den. Välj för varje fält vilket "
        "värde som ska gälla; det sparas ovanpå den nya versionen (och kontrolleras igen)."
    )


def ask_choice(parent: QWidget | None, exc: ConcurrentEditError) -> Choice:
    """Ask what to do; closing the question keeps editing."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Posten har ändrats", exc.text, parent=parent)
    box.setInformativeText(
        "Läs in den sparade versionen (dina ändringar förloras), jämför fält för fält "
        "och välj vad som ska gälla, eller fortsätt redigera."
    )
    buttons = {
        Choice.RELOAD: box.addButton(Choice.RELOAD.value, QMessageBox.ButtonRole.DestructiveRole),
        Choice.COMPARE: box.addButton(Choice.COMPARE.value, QMessageBox.ButtonRole.AcceptRole),
        Choice.CONTINUE: box.addButton(Choice.CONTINUE.value, QMessageBox.ButtonRole.RejectRole),
    }
    box.setDefaultButton(buttons[Choice.COMPARE])
    box.setEscapeButton(buttons[Choice.CONTINUE])
    box.exec()
    clicked = box.clickedButton()
    return next((c for c, b in buttons.items() if b is clicked), Choice.CONTINUE)


def resolve(
    parent: QWidget,
    tasks: TaskRunner,
    exc: BaseException,
    side: ConflictSide,
    mine: dict[str, Any],
    opened: dict[str, Any],
) -> bool:
    """After a failed save: offer the three ways on a ConcurrentEditError (else False)."""
    if not isinstance(exc, ConcurrentEditError):
        return False
    choice = ask_choice(parent, exc)
    if choice is Choice.RELOAD:
        side.reload()
    elif choice is Choice.COMPARE:
        tasks.run(side.fetch_saved, _compare(parent, side, mine, opened), _failed(parent))
    return True


def _compare(
    parent: QWidget, side: ConflictSide, mine: dict[str, Any], opened: dict[str, Any]
) -> Callable[[Saved], None]:
    """Once the saved version is here: the field-by-field dialog, then save the mix."""

    def show(saved: Saved) -> None:
        dialog = CompareDialog(parent, side, mine, opened, saved)
        dialog.accepted.connect(lambda: side.save_mix(saved, dialog.chosen()))
        dialog.open()

    return show


def _failed(parent: QWidget) -> Callable[[BaseException], None]:
    """The saved version could not be read: say so; the form keeps the user's input."""
    return lambda exc: show_error(parent, exc)


def item_text(widget: QComboBox | QListWidget, value: Any) -> str:
    """The text a drop-down or list shows for *value* (the value itself when it has none)."""
    if value is None:
        return plain(None)
    wanted = {value, str(value)}
    count = widget.count()
    for i in range(count):
        data = (
            widget.itemData(i)
            if isinstance(widget, QComboBox)
            else widget.item(i).data(Qt.ItemDataRole.UserRole)
        )
        if data in wanted or str(data) in wanted:
            return widget.itemText(i) if isinstance(widget, QComboBox) else widget.item(i).text()
    return str(value)
