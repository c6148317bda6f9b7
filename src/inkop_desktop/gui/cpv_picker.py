"""CPV picked from the shipped vocabulary: type digits or words, choose, the code is filled in."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit

from inkop_desktop.services.vocabulary import cpv_name, cpv_vocabulary


def _tr(text: str) -> str:
    """Translate (context "CPV")."""
    return QCoreApplication.translate("CPV", text)


class _ListCompleter(QCompleter):
    """Completes the last code of a comma-separated list, keeping the codes before it."""

    def splitPath(self, path: str) -> list[str]:
        """Search with what follows the last comma."""
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        """The earlier codes, then the chosen line."""
        edit = self.widget()
        typed = edit.text() if isinstance(edit, QLineEdit) else ""
        head = typed.rsplit(",", 1)[0] + ", " if "," in typed else ""
        return head + str(index.data())


def _codes(text: str) -> list[str]:
    """The codes in a field holding one or several (comma-separated) codes."""
    return [part.strip().split(" ", 1)[0] for part in text.split(",") if part.strip()]


class CpvPicker(QObject):
    """Turns a CPV line edit into a search over code and Swedish name (keyboard: ↓ and Enter).

    The popup lists ``38432000-2 Analysapparater``; choosing one leaves the code in the field
    and shows the name in *name_label* (when given) and as the field's tooltip. With
    *several*, the field holds a comma-separated list and each code is searched in turn.
    """

    def __init__(
        self, edit: QLineEdit, name_label: QLabel | None = None, *, several: bool = False
    ) -> None:
        super().__init__(edit)
        self.edit, self.name_label, self.several = edit, name_label, several
        labels = [f"{e.code} {e.name}" for e in cpv_vocabulary().entries()]
        kind = _ListCompleter if several else QCompleter
        self.completer = kind(QStringListModel(labels, self), self)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.completer.activated.connect(self._chosen)
        edit.setCompleter(self.completer)
        edit.setPlaceholderText(_tr("sök kod eller benämning, t.ex. centrifug"))
        edit.textChanged.connect(self._show_name)

    def _chosen(self, label: str) -> None:
        """Keep only the codes of the chosen lines (after the completer has put in the line)."""
        codes = _codes(label)  # with several, the label already holds the earlier codes
        text = ", ".join(codes) if self.several else codes[0] if codes else ""
        QTimer.singleShot(0, self, lambda: self.edit.setText(text))

    def _show_name(self, text: str) -> None:
        """The Swedish names of the codes in the field, beside it and as its tooltip."""
        names = [cpv_name(code) for code in _codes(text) if len(code) >= 8]
        shown = "; ".join(name for name in names if name)
        self.edit.setToolTip(shown)
        if self.name_label is not None:
            self.name_label.setText(shown)
