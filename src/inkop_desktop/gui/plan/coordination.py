"""Samordning: plan items with the same need from different regions or nämnder, and merging."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inkop_desktop.domain.money import format_kronor
from inkop_desktop.domain.organisation import Parties
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from inkop_desktop.services.plan.service import PlanService


class CoordinationDialog(QDialog):
    """Groups by year and CPV group; tick the items to merge into one joint item."""

    def __init__(self, plan: PlanService, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._plan = plan
        self._tasks = tasks
        self.merged: list[str] = []
        self.setWindowTitle(self.tr("Samordning av behov"))
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Planposter med samma CPV-grupp samma år från olika regioner eller nämnder. "
                "Markera de poster som ska bli en gemensam upphandling och välj ”Slå samman”."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(
            [
                self.tr("Grupp / planpost"),
                self.tr("Benämning"),
                self.tr("Region"),
                self.tr("Nämnder"),
                self.tr("Värde"),
            ]
        )
        layout.addWidget(self.tree, 1)
        self.status = QLabel(self.tr("Läser in…"), self)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.merge_button = buttons.addButton(
            self.tr("Slå samman"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.merge_button.clicked.connect(self.merge)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        """Fetch the groups in the background."""
        self._tasks.run(self._plan.coordination, self._show, self._failed)

    def _show(self, groups: list[Any]) -> None:
        """One top-level row per group, checkable items below."""
        self.tree.clear()
        for group in groups:
            top = QTreeWidgetItem(self.tree, [f"{group.year} – CPV {group.cpv_group}"])
            for item in group.items:
                row = QTreeWidgetItem(
                    top,
                    [
                        item.reference,
                        item.title,
                        Parties(item.parties).label,
                        ", ".join(item.organisations),
                        format_kronor(item.estimated_total_ore),
                    ],
                )
                row.setData(0, Qt.ItemDataRole.UserRole, item.id)
                row.setCheckState(0, Qt.CheckState.Unchecked)
            top.setExpanded(True)
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)
        self.status.setText(
            self.tr("%1 grupper att samordna").replace("%1", str(len(groups)))
            if groups
            else self.tr("Inga behov att samordna just nu.")
        )

    def checked(self) -> list[Any]:
        """Ids of the ticked plan items."""
        found = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            children = [top.child(j) for j in range(top.childCount())] if top else []
            for item in children:
                if item is not None and item.checkState(0) == Qt.CheckState.Checked:
                    found.append(item.data(0, Qt.ItemDataRole.UserRole))
        return found

    def merge(self) -> None:
        """Merge the ticked items after a confirmation."""
        ids = self.checked()
        answer = QMessageBox.question(
            self,
            self.tr("Slå samman"),
            self.tr("Slå samman %1 planposter till en gemensam upphandling?").replace(
                "%1", str(len(ids))
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._tasks.run(lambda: self._plan.merge(ids), self._merged, self._failed)

    def _merged(self, detail: Any) -> None:
        """Tell the user which joint item was made and refresh."""
        self.merged.append(detail.reference)
        self.status.setText(self.tr("Gemensam planpost %1 skapad.").replace("%1", detail.reference))
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        """Explain in Swedish."""
        self.status.setText(user_text(exc))
