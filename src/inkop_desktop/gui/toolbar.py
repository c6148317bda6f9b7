"""A view's toolbar: its commands as QActions with icon, text and shortcut (tooltip and menu)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from inkop_desktop.gui import icons

COMMAND_PREFIX = "command_"
"""Object names of the views' command actions (the main window's Åtgärder menu finds them)."""

_LOOKS: tuple[tuple[str, str, str], ...] = (
    ("Ny", "ny", "Ctrl+N"),
    ("Bevakning", "bevakning", "Ctrl+B"),
    ("Rapport", "rapport", "Ctrl+Shift+R"),
    ("Till kalender", "kalender", "Ctrl+Shift+K"),
    ("Exportera", "exportera", "Ctrl+E"),
    ("Importera", "importera", "Ctrl+I"),
    ("Skriv ut", "skriv-ut", "Ctrl+P"),
    ("Öppna", "oppna", "Ctrl+O"),
    ("Samordning", "samordning", "Ctrl+Shift+S"),
    ("Behovsanmälan", "behov", "Ctrl+Shift+B"),
)
"""A command's icon and shortcut by how its text begins (the first match counts)."""


def look(text: str) -> tuple[str, str]:
    """The icon name and shortcut of a command called *text* (a plain icon, no key, if new)."""
    for start, icon_name, shortcut in _LOOKS:
        if text.startswith(start):
            return icon_name, shortcut
    return "kommando", ""


def tooltip(action: QAction) -> str:
    """ "Nytt avtal (Ctrl+N)": the text without mnemonic and dots, the shortcut in brackets."""
    text = action.text().replace("&", "").rstrip("…").strip()
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{text} ({keys})" if keys else text


def command_action(text: str, run: Callable[[], None], parent: QWidget) -> QAction:
    """One command as an action: icon from the palette, shortcut, tooltip naming it."""
    icon_name, shortcut = look(text)
    action = QAction(icons.icon(icon_name, parent.palette()), text, parent)
    action.setObjectName(COMMAND_PREFIX + icon_name)
    action.setProperty("icon_name", icon_name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.setToolTip(tooltip(action))
    action.triggered.connect(lambda _checked=False: run())
    return action


def command_bar(
    commands: Sequence[tuple[str, Callable[[], None]]], parent: QWidget
) -> tuple[QToolBar, list[QAction]]:
    """The view's toolbar (icons beside their text) and its actions, in the given order."""
    bar = QToolBar(parent)
    bar.setObjectName("commandBar")
    bar.setAccessibleName(parent.tr("Verktygsfält"))
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.setIconSize(icons.TOOL_SIZE)
    bar.setFloatable(False)
    bar.setMovable(False)
    actions = [command_action(text, run, parent) for text, run in commands]
    bar.addActions(actions)
    for action in actions:
        button = bar.widgetForAction(action)
        if button is not None:
            button.setAccessibleName(action.text().replace("&", "").rstrip("…").strip())
            button.setAccessibleDescription(action.toolTip())
    return bar, actions


def retheme(root: QWidget) -> None:
    """Draw the command icons below *root* again in its palette's colours."""
    for action in root.findChildren(QAction):
        name = action.property("icon_name")
        if isinstance(name, str) and icons.exists(name):
            action.setIcon(icons.icon(name, root.palette()))
