"""The one registry of QActions, keyed by an Enum."""

from __future__ import annotations

from enum import Enum, auto

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from inkop_desktop.gui import icons


class ActionId(Enum):
    """Every command the main window offers."""

    SETTINGS = auto()
    QUIT = auto()
    RELOAD = auto()
    COPY_ROWS = auto()
    ABOUT = auto()
    NEW_SUPPLIER = auto()
    REFERENCE_VALUES = auto()
    ADMINISTRATION = auto()
    IMPORT_ORGANISATIONS = auto()
    IMPORT_PEOPLE = auto()
    IMPORT_DELEGATION = auto()
    EXPORT_ORGANISATIONS = auto()
    EXPORT_PEOPLE = auto()
    EXPORT_DELEGATION = auto()
    WORK_OFFLINE = auto()
    SYNC_NOW = auto()


def _tr(text: str) -> str:
    """Translate an action text (context "Kommandon")."""
    return QCoreApplication.translate("Kommandon", text)


_DEFINITIONS: dict[ActionId, tuple[str, QKeySequence | str | None]] = {
    ActionId.SETTINGS: ("&Inställningar…", "Ctrl+,"),
    ActionId.QUIT: ("&Avsluta", QKeySequence.StandardKey.Quit),  # type: ignore[dict-item]
    ActionId.RELOAD: ("&Uppdatera", QKeySequence.StandardKey.Refresh),  # type: ignore[dict-item]
    ActionId.COPY_ROWS: ("&Kopiera markerade rader", None),
    ActionId.ABOUT: ("&Om inkop-desktop", None),
    ActionId.NEW_SUPPLIER: ("&Ny leverantör…", "Ctrl+Shift+L"),
    ActionId.REFERENCE_VALUES: ("&Beloppsgränser och ledtider…", None),
    ActionId.ADMINISTRATION: ("A&dministration", "Ctrl+Shift+A"),
    ActionId.IMPORT_ORGANISATIONS: ("Importera &organisationer…", None),
    ActionId.IMPORT_PEOPLE: ("Importera &personer…", None),
    ActionId.IMPORT_DELEGATION: ("Importera &delegation…", None),
    ActionId.EXPORT_ORGANISATIONS: ("Exportera organisationer…", None),
    ActionId.EXPORT_PEOPLE: ("Exportera personer…", None),
    ActionId.EXPORT_DELEGATION: ("Exportera delegation…", None),
    ActionId.WORK_OFFLINE: ("Arbeta &offline", "Ctrl+Shift+O"),
    ActionId.SYNC_NOW: ("S&ynkronisera nu", "F9"),
}

REGISTER_ACTIONS = (
    ActionId.IMPORT_ORGANISATIONS,
    ActionId.IMPORT_PEOPLE,
    ActionId.IMPORT_DELEGATION,
    ActionId.EXPORT_ORGANISATIONS,
    ActionId.EXPORT_PEOPLE,
    ActionId.EXPORT_DELEGATION,
)
"""Arkiv → Register: organisations, people and delegation in and out of Excel."""


_ICONS = {
    ActionId.RELOAD: "uppdatera",
    ActionId.COPY_ROWS: "kopiera",
    ActionId.NEW_SUPPLIER: "ny",
    ActionId.ADMINISTRATION: "administration",
    ActionId.IMPORT_ORGANISATIONS: "importera",
    ActionId.IMPORT_PEOPLE: "importera",
    ActionId.IMPORT_DELEGATION: "importera",
    ActionId.EXPORT_ORGANISATIONS: "exportera",
    ActionId.EXPORT_PEOPLE: "exportera",
    ActionId.EXPORT_DELEGATION: "exportera",
}
"""The shipped icon of each command that has one (menus show it beside the text)."""


class ActionRegistry:
    """Creates each action once; views and menus look them up by id."""

    def __init__(self, parent: QWidget) -> None:
        self._actions: dict[ActionId, QAction] = {}
        for action_id, (text, shortcut) in _DEFINITIONS.items():
            action = QAction(_tr(text), parent)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            action.setObjectName(f"action_{action_id.name.lower()}")
            if action_id in _ICONS:
                action.setIcon(icons.icon(_ICONS[action_id], parent.palette()))
                action.setProperty("icon_name", _ICONS[action_id])
            self._actions[action_id] = action

    def __getitem__(self, action_id: ActionId) -> QAction:
        """The action for *action_id*."""
        return self._actions[action_id]
