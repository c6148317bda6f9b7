"""The timeline: cut bars marked, milestone names on hover, the picture fills the window,
quarter zoom and keyboard stepping."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsPolygonItem, QGraphicsTextItem
from pytestqt.qtbot import QtBot

from inkop_desktop.gui.plan.timeline import TimelinePage
from inkop_desktop.gui.plan.timeline_scene import AFTER, BEFORE, MARK_KEY
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.gui.plan.test_plan_gui import _data

LONG = "Ramavtal byggentreprenader – mindre ombyggnader i vårdlokaler"
"""Longer than the 40 characters the labels were cut at."""


def _page(qtbot: QtBot, services: Services, tasks: TaskRunner, width: int = 1100) -> TimelinePage:
    page = TimelinePage(services.plan, tasks)
    qtbot.addWidget(page)
    page.resize(width, 700)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.year.setValue(2025)
    return page


def _marks(page: TimelinePage) -> dict[str, str]:
    """The ◀/▶ markers: kind → tooltip."""
    return {
        i.data(MARK_KEY): i.toolTip() for i in page.scene.items() if i.data(MARK_KEY) is not None
    }


def _items(page: TimelinePage, kind: type) -> list[Any]:
    return [i for i in page.scene.items() if isinstance(i, kind)]


def test_a_bar_begun_the_year_before_and_one_going_on_after_carry_markers(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    services.plan.create(_data(base_rows, planned_start=date(2024, 10, 1)))
    page = _page(qtbot, services, tasks)
    assert _marks(page) == {BEFORE: "Började 2024-10-01, före perioden"}
    page.period.setCurrentIndex(1)  # Kvartal 1: the bar runs on to contract start in October
    marks = _marks(page)
    assert set(marks) == {BEFORE, AFTER}
    assert marks[AFTER] == "Slutar 2025-10-01, efter perioden"


def test_milestones_name_themselves_on_hover_and_labels_are_whole(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    services.plan.create(_data(base_rows, title=LONG))
    page = _page(qtbot, services, tasks, width=1300)
    tips = {i.toolTip().split("\n")[0] for i in _items(page, QGraphicsPolygonItem)}
    assert {"Behovsanalys", "Avtalsstart"} <= tips
    labels = [i for i in _items(page, QGraphicsTextItem) if LONG in i.toolTip()]
    (label,) = labels
    assert label.toPlainText().endswith(LONG)  # room enough at 1300 px: not cut
    page.resize(700, 700)  # too narrow: cut, with the whole text on hover
    qtbot.waitUntil(lambda: any("…" in i.toPlainText() for i in _items(page, QGraphicsTextItem)))
    (label,) = [i for i in _items(page, QGraphicsTextItem) if LONG in i.toolTip()]
    assert label.toolTip() == f"UP-2025-0001 {LONG}"


def test_the_picture_follows_the_height_of_the_window(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    services.plan.create(_data(base_rows))
    services.plan.create(_data(base_rows, title="Fönsterputs"))
    page = _page(qtbot, services, tasks)
    heights = []
    for height in (500, 800):
        page.resize(1100, height)
        port = page.view.viewport()
        qtbot.waitUntil(lambda p=port: page.scene.sceneRect().height() == p.height())
        assert page.view.verticalScrollBar().maximum() == 0  # the whole picture, no scrolling
        assert page.view.horizontalScrollBar().maximum() == 0
        heights.append(page.scene.sceneRect().height())
    assert heights[1] - heights[0] >= 250
    assert page.view.accessibleName() == "Tidslinje"


def test_zoom_and_step_by_keyboard(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    page = _page(qtbot, services, tasks)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert page.period.currentIndex() == 1
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.step(-1)  # from Kvartal 1 2025 back to Kvartal 4 2024
    assert (page.year.value(), page.period.currentIndex()) == (2024, 4)
    qtbot.keyClick(page.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert page.period.currentIndex() == 1 and page.year.value() == 2025
    qtbot.keyClick(page.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert page.period.currentIndex() == 0
