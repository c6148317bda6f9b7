"""CPV picked from the shipped vocabulary: type digits or words, choose, the code is filled in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit

from inkop_desktop.services.vocabulary import cpv_name, cpv_vocabulary


def _tr(text: str) -> str:
    """Translate (context "CPV")."""
    return QCoreApplication.translate("CPV", text)


class CpvPicker(QObject):
    """Turns a CPV line edit into a search over code and Swedish name (keyboard: ↓ and Enter).

    The popup lists ``38432000-2 Analysapparater``; choosing one leaves the code in the field
    and shows the name in *name_label* (when given) and as the field's tooltip.
    """

    def __init__(self, edit: QLineEdit, name_label: QLabel | None = None) -> None:
        super().__init__(edit)
        self.edit, self.name_label = edit, name_label
        labels = [f"{e.code} {e.name}" for e in cpv_vocabulary().entries()]
        self.completer = QCompleter(QStringListModel(labels, self), self)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.completer.activated.connect(self._chosen)
        edit.setCompleter(self.completer)
        edit.setPlaceholderText(_tr("sök kod eller benämning, t.ex. centrifug"))
        edit.textChanged.connect(self._show_name)

    def _chosen(self, label: str) -> None:
        """Keep only the code of the chosen line (after the completer has put in the line)."""
        code = label.split(" ", 1)[0]
        QTimer.singleShot(0, self, lambda: self.edit.setText(code))

    def _show_name(self, text: str) -> None:
        """The Swedish name of the code in the field, beside it."""
        code = text.strip().split(" ", 1)[0]
        name = cpv_name(code) if len(code) >= 8 else ""
        self.edit.setToolTip(name)
        if self.name_label is not None:
            self.name_label.setText(name)
