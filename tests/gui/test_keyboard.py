"""Keyboard and accessibility, walked through every view of the demo: Enter opens a list's row,
every toolbar command has a shortcut or a menu entry, custom widgets carry accessible names,
Esc closes an editor."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView, QToolBar, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from inkop_desktop.gui.followup.chart import FollowupChart
from inkop_desktop.gui.list_page import ListPage
from inkop_desktop.gui.plan.editor import PlanItemEditor
from inkop_desktop.gui.plan.timeline import TimelineView
from inkop_desktop.gui.row_state import Legend
from inkop_desktop.gui.suppliers.editor import SupplierEditor
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.gui.waits import FIRST_START_MS

CUSTOM = (Legend, FollowupChart, TimelineView, QTableView)
"""Widgets a screen reader could not name from their text: each must carry a name."""


def _enter_opens(qtbot: QtBot, page: ListPage) -> None:
    """Enter on the current row hands that row to the page's opener."""
    opened: list[Any] = []
    page.spec = dataclasses.replace(page.spec, on_activate=opened.append)
    assert page.model.rowCount() > 0, page.spec.name
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(1, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.keyClick(page.table, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert opened == [page.model.row_at(1)] * 2, page.spec.name


def _commands_reachable(window: Any, page: QWidget) -> None:
    """Every toolbar button: a shortcut (named in its tooltip) or the Åtgärder menu."""
    menu = set(window.commands_menu.actions())
    for bar in page.findChildren(QToolBar):
        for action in bar.actions():
            keys = action.shortcut().toString()
            assert keys or action in menu, action.text()
            if keys:
                assert keys in action.toolTip(), action.text()
            button = bar.widgetForAction(action)
            if isinstance(button, QToolButton):
                assert button.accessibleName(), action.text()


def test_every_view_by_keyboard_and_with_accessible_names(qtbot: QtBot) -> None:
    from inkop_desktop.startup import Startup

    startup = Startup(demo=True, database=None, view="avtal", screenshot=None)
    window = startup.window
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.view_loaded, timeout=FIRST_START_MS):
        startup.begin()
    assert window.navigation.accessibleName() == "Navigering"
    lists = 0
    for name in list(window.pages):
        page = window.show_view(name)
        qtbot.waitUntil(lambda p=page: getattr(p, "has_loaded", True), timeout=20_000)
        _commands_reachable(window, page)
        for widget in page.findChildren(QWidget):
            if isinstance(widget, CUSTOM) and widget.isVisibleTo(page):
                assert widget.accessibleName(), (name, type(widget).__name__)
        for inner in [page, *page.findChildren(ListPage)]:
            if isinstance(inner, ListPage) and inner.isVisibleTo(window):
                _enter_opens(qtbot, inner)
                lists += 1
    assert lists >= 6  # plan, avtal, uppföljning, jäv, direktupphandling, leverantörer
    narrowest = {name: page.minimumSizeHint().width() for name, page in window.pages.items()}
    assert max(narrowest.values()) <= 1024 - 260, narrowest  # a 1024 px screen, beside navigation
    assert window.minimumSizeHint().width() <= 1024
    startup.tasks.wait_idle()
    window.close()


def test_esc_closes_an_editor(qtbot: QtBot, services: Services, tasks: TaskRunner) -> None:
    for editor in (PlanItemEditor(services, tasks), SupplierEditor(services.suppliers, tasks)):
        qtbot.addWidget(editor)
        editor.show()
        qtbot.waitExposed(editor)
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        assert not editor.isVisible(), type(editor).__name__
