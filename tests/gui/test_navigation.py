"""The navigation: counted to-dos that follow changes, views by keyboard, toolbars, icons."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QLineEdit, QToolBar, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from inkop_desktop.db import audit
from inkop_desktop.db.engine import make_engine, make_sessionmaker
from inkop_desktop.gui import icons, views
from inkop_desktop.gui.actions import ActionId
from inkop_desktop.gui.live import LiveRefresh
from inkop_desktop.gui.main_window import MainWindow
from inkop_desktop.gui.navigation import BADGES, COUNT_ROLE
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.base import ServiceContext
from inkop_desktop.services.changes import ChangeFeed
from inkop_desktop.services.registry import Services
from tests.services.conftest import TEST_ACTOR, BaseRows
from tests.services.followup.helpers import assess, planned

WAIT = 15_000
TODAY = date.today()


class _StubPage(QWidget):
    """A page that loads nothing."""

    loaded = Signal()
    failed = Signal(str)
    has_loaded = True

    def __init__(self) -> None:
        super().__init__()
        self.search = QLineEdit(self)

    def reload(self) -> None:
        """Nothing to read."""


def _overdue_plan(services: Services, rows: BaseRows) -> uuid.UUID:
    """A contract whose follow-up was due twelve days ago; returns the plan's id."""
    late = planned(services, rows)
    plan = services.followup.save_plan(
        late.contract_id,
        {"risk_tier": late.plan.risk_tier, "interval_months": 12,
         "template_ids": late.plan.template_ids, "responsible_id": rows.officer,
         "next_due": TODAY - timedelta(days=12)},
        late.plan.version,
    )  # fmt: skip
    return plan.id


def _complete(services: Services, plan_id: uuid.UUID) -> None:
    """Perform and sign the plan's follow-up (every point OK), as the checklist editor does."""
    detail = services.followup.start_followup(plan_id)
    detail = services.followup.save_followup(detail.id, detail.version, assess(detail))
    services.followup.complete_followup(detail.id, detail.version)


@pytest.fixture
def window(qtbot: QtBot, services: Services, tasks: TaskRunner) -> Iterator[MainWindow]:
    """The main window with the Avtal, Avtalsuppföljning and Upphandlingsplan lists."""
    main = MainWindow(tasks)
    qtbot.addWidget(main)
    main.add_pages(
        [
            views.contract_view(services, commands=[("Nytt avtal…", lambda: None)]),
            views.followup_view(services),
            views.plan_view(services, commands=[("Ny planpost…", lambda: None)]),
        ]
    )
    main.show()
    yield main
    main.close()


def _count(qtbot: QtBot, window: MainWindow, key: str, expected: int) -> None:
    """Wait until the badge *key* shows *expected*."""
    qtbot.waitUntil(lambda: window.navigation.count(key) == expected, timeout=WAIT)


def test_an_overdue_badge_follows_a_follow_up_signed_while_another_view_is_shown(
    qtbot: QtBot, window: MainWindow, services: Services, base_rows: BaseRows
) -> None:
    plan_id = _overdue_plan(services, base_rows)
    page = window.list_page("avtal")
    assert page is not None
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        window.show_view("avtal")
    window.watch_counts(services.overview)
    _count(qtbot, window, "forsenade_uppfoljningar", 1)
    assert (
        window.navigation.badge_item("forsenade_uppfoljningar").data(
            Qt.ItemDataRole.AccessibleTextRole
        )
        == "Försenade uppföljningar: 1"
    )
    _complete(services, plan_id)  # signed in a dialog over the Avtal view …
    page.reload()  # … which re-reads the view after the save, as every editor does
    _count(qtbot, window, "forsenade_uppfoljningar", 0)
    follow = window.list_page("uppfoljning")
    assert follow is not None and not follow.has_loaded  # the follow-up list was never opened


@pytest.fixture
def other(db_url: str) -> Iterator[Engine]:
    """Another program's connection to the same database."""
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def test_another_users_signed_follow_up_lowers_the_badge_without_a_restart(
    qtbot: QtBot, window: MainWindow, services: Services, base_rows: BaseRows, other: Engine
) -> None:
    plan_id = _overdue_plan(services, base_rows)
    window.watch_counts(services.overview)
    _count(qtbot, window, "forsenade_uppfoljningar", 1)
    feed = ChangeFeed(services.context)
    live = LiveRefresh(window, feed)
    live.received.connect(window.refresh_counts)
    feed.start()
    try:
        sessions = make_sessionmaker(other)
        audit.install(sessions)
        _complete(Services.create(ServiceContext(sessions, actor=TEST_ACTOR)), plan_id)
        _count(qtbot, window, "forsenade_uppfoljningar", 0)
    finally:
        feed.stop()


def test_the_overdue_entry_opens_the_follow_up_list_filtered_to_the_same_rows(
    qtbot: QtBot, window: MainWindow, services: Services, base_rows: BaseRows
) -> None:
    _overdue_plan(services, base_rows)
    planned(services, base_rows, contract_number="SRM-2026-0002")  # due later: not listed
    window.watch_counts(services.overview)
    _count(qtbot, window, "forsenade_uppfoljningar", 1)
    page = window.list_page("uppfoljning")
    assert page is not None
    item = window.navigation.badge_item("forsenade_uppfoljningar")
    rect = window.navigation.todo.visualItemRect(item)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        qtbot.mouseClick(window.navigation.todo.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())  # fmt: skip
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    assert window.current_page() is page
    assert page.filter_boxes["state"].currentData() == "forsenad"
    assert page.model.row_at(0).due == "12 dagar sen"  # type: ignore[attr-defined]


def test_every_view_has_a_shortcut_and_the_toolbar_commands_of_the_view_on_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    keys = {a.text(): a.shortcut().toString() for a in window.view_menu.actions() if a.text()}
    assert keys == {
        "&Uppdatera": keys["&Uppdatera"],
        "Avtal": "Ctrl+1",
        "Avtalsuppföljning": "Ctrl+2",
        "Upphandlingsplan": "Ctrl+3",
    }
    assert window.nav.item(2).toolTip() == "Upphandlingsplan (Ctrl+3)"
    window.show_view("plan")
    bar = window.pages["plan"].findChild(QToolBar, "commandBar")
    assert bar is not None and bar.isVisibleTo(window)
    (new,) = bar.actions()
    assert (new.text(), new.toolTip(), new.shortcut().toString()) == (
        "Ny planpost…", "Ny planpost (Ctrl+N)", "Ctrl+N",
    )  # fmt: skip
    assert not new.icon().isNull()
    menu = [a.text() for a in window.commands_menu.actions() if a.text()]
    assert menu == ["Ny planpost…", "&Uppdatera"]
    window.show_view("avtal")
    menu = [a.text() for a in window.commands_menu.actions() if a.text()]
    assert menu == ["Nytt avtal…", "&Uppdatera"]  # one Ctrl+N at a time, the shown view's


def test_the_ten_views_of_the_program_get_ctrl_1_to_0(qtbot: QtBot, tasks: TaskRunner) -> None:
    main = MainWindow(tasks)
    qtbot.addWidget(main)
    for i in range(11):
        main.add_page(f"v{i}", f"Vy {i}", _StubPage())
    keys = [a.shortcut().toString() for a in main.view_menu.actions()[2:]]
    assert keys == [f"Ctrl+{k}" for k in "1234567890"] + [""]
    assert main.navigation.todo.accessibleName() == "Att göra"
    assert main.nav.accessibleName() == "Vyer"


def test_icons_take_their_colour_from_the_palette(qapp: object) -> None:
    light, dark = QPalette(QColor("#f0f0f0")), QPalette(QColor("#202020"))
    for palette in (light, dark):
        ink = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
        image = icons.icon("plan", palette).pixmap(24, 24).toImage()
        drawn = {
            image.pixelColor(x, y).name()
            for x in range(24)
            for y in range(24)
            if image.pixelColor(x, y).alpha() == 255
        }
        assert drawn == {ink.name()}
    assert light.color(QPalette.ColorRole.ButtonText) != dark.color(QPalette.ColorRole.ButtonText)
    assert all(icons.exists(b.icon) for b in BADGES)


def test_a_count_that_cannot_be_read_shows_a_dash_and_why(qtbot: QtBot, window: MainWindow) -> None:
    window.navigation.counts_failed("Databasen svarar inte.")
    item = window.navigation.badge_item("avsteg")
    assert item.data(COUNT_ROLE) == "–" and window.navigation.count("avsteg") is None
    assert "Databasen svarar inte." in item.toolTip()


def test_arrow_keys_browse_the_views_and_enter_goes_into_the_view(
    qtbot: QtBot, tasks: TaskRunner
) -> None:
    main = MainWindow(tasks)
    qtbot.addWidget(main)
    pages = [_StubPage() for _ in range(3)]
    for i, page in enumerate(pages):
        main.add_page(f"v{i}", f"Vy {i}", page)
    main.show()
    qtbot.waitExposed(main)
    main.show_view("v0")
    main.activateWindow()
    main.nav.setFocus()
    qtbot.waitUntil(main.nav.hasFocus)
    qtbot.keyClick(main.nav, Qt.Key.Key_Down)
    assert main.current_page() is pages[1] and main.nav.hasFocus()
    qtbot.keyClick(main.nav, Qt.Key.Key_Return)
    assert pages[1].search.hasFocus()
    main.show_view("v2")  # Ctrl+3, the menu or a click from elsewhere: straight into the view
    assert pages[2].search.hasFocus()
    chosen: list[str] = []
    main.navigation.todo_chosen.connect(chosen.append)
    main.navigation.todo.setFocus()
    qtbot.waitUntil(main.navigation.todo.hasFocus)
    qtbot.keyClick(main.navigation.todo, Qt.Key.Key_Down)
    qtbot.keyClick(main.navigation.todo, Qt.Key.Key_Return)
    assert chosen == ["forsenade_uppfoljningar"]  # Enter on an "Att göra" entry goes there


def _ink(icon: QIcon) -> set[str]:
    """The colours of an icon's fully drawn pixels at 20 px."""
    image = icon.pixmap(20, 20).toImage()
    return {
        image.pixelColor(x, y).name()
        for x in range(20)
        for y in range(20)
        if image.pixelColor(x, y).alpha() == 255
    }


def test_a_dark_palette_redraws_the_navigation_and_toolbar_icons(
    qtbot: QtBot, tasks: TaskRunner
) -> None:
    main = MainWindow(tasks)
    qtbot.addWidget(main)
    main.add_page("avtal", "Avtal", _StubPage())
    light = main.palette().color(QPalette.ColorRole.ButtonText).name()
    assert _ink(main.nav.item(0).icon()) == {light}
    dark = QPalette(QColor("#202020"))
    dark.setColor(QPalette.ColorRole.ButtonText, QColor("#eeeeee"))
    main.setPalette(dark)
    qtbot.waitUntil(lambda: _ink(main.nav.item(0).icon()) == {"#eeeeee"})
    assert _ink(main.navigation.badge_item("avsteg").icon()) == {"#eeeeee"}
    assert _ink(main.registry[ActionId.RELOAD].icon()) == {"#eeeeee"}
