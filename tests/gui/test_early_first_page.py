"""At start on SQLite the Avtal page shows its first page before the database is open."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop import settings
from inkop_desktop.domain.organisation import Role
from inkop_desktop.gui.list_page import ListPage
from inkop_desktop.services.contracts.first_page import opening_query
from inkop_desktop.services.registry import Services
from inkop_desktop.startup import Startup
from tests.conftest import DemoDb
from tests.gui.waits import FIRST_START_MS
from tests.services.conftest import TEST_ACTOR, ensure_person

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def demo(services: Services, sessions: sessionmaker[Session], demo_db: DemoDb) -> Services:
    demo_db(date(2026, 11, 24), services=True)
    return services


def _start(qtbot: QtBot, db_url: str, view: str | None, seen: list[dict[str, Any]]) -> Startup:
    """Begin a start; at each loaded view note what was on screen and whether it was open."""
    if not settings.settings_exist():  # the person the services act as: every role
        settings.save_settings(settings.Settings(user_login=TEST_ACTOR))
    startup = Startup(demo=False, database=db_url, view=view, screenshot=None)
    window = startup.window
    qtbot.addWidget(window)

    def loaded(name: str) -> None:
        page = window.current_page()
        seen.append({
            "name": name, "open": startup.connection is not None, "page": page,
            "rows": page.model.rowCount() if isinstance(page, ListPage) else 0,
            "commands": [a.text() for a in getattr(page, "command_actions", [])],
        })  # fmt: skip

    window.view_loaded.connect(loaded)
    startup.begin()
    qtbot.waitUntil(lambda: startup.connection is not None and bool(seen), timeout=FIRST_START_MS)
    return startup


def _stop(startup: Startup) -> None:
    """Let the background work end and close the window."""
    startup.stop_live()
    startup.tasks.wait_idle()
    startup.window.close()


def test_the_rows_come_first_the_toolbar_once_the_database_is_open(
    qtbot: QtBot, demo: Services, db_url: str
) -> None:
    expected = demo.contract_list.list(opening_query(200))
    seen: list[dict[str, Any]] = []
    startup = _start(qtbot, db_url, "avtal", seen)
    first = seen[0]
    assert first["name"] == "avtal" and not first["open"]  # data before the database layers
    assert first["rows"] == len(expected.rows) > 0 and first["commands"] == []
    page = first["page"]
    assert [page.model.row_at(r).id for r in range(3)] == [r.id for r in expected.rows[:3]]
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: "Nytt avtal…" in [a.text() for a in page.command_actions])
    assert startup.window.current_page() is page is startup.window.pages.built("avtal")
    assert len(seen) == 1  # the early rows stay: not read a second time
    menu = [a.text() for a in startup.window.commands_menu.actions()]
    assert "Nytt avtal…" in menu  # Åtgärder lists the toolbar that came after
    _stop(startup)


def test_opening_a_row_before_the_database_is_open_says_to_wait(
    qtbot: QtBot, demo: Services, db_url: str
) -> None:
    seen: list[dict[str, Any]] = []
    settings.save_settings(settings.Settings(user_login=TEST_ACTOR))
    startup = Startup(demo=False, database=db_url, view="avtal", screenshot=None)
    qtbot.addWidget(startup.window)
    texts: list[str] = []

    def activate(_name: str) -> None:
        page = startup.window.current_page()
        assert isinstance(page, ListPage)
        page.table.doubleClicked.emit(page.model.index(0, 0))  # no editor yet: a note
        texts.append(page.status.text())
        seen.append({"open": startup.connection is not None})

    startup.window.view_loaded.connect(activate)
    startup.begin()
    qtbot.waitUntil(lambda: startup.connection is not None and bool(seen), timeout=FIRST_START_MS)
    assert seen[0] == {"open": False}
    assert texts[0].startswith("Databasen öppnas")
    _stop(startup)


def test_an_inkopschef_without_a_chosen_view_starts_in_the_oversikt(
    qtbot: QtBot, demo: Services, sessions: sessionmaker[Session], db_url: str
) -> None:
    ensure_person(sessions, "chefen", "Chefen Chefsson", [Role.INKOPSCHEF])
    settings.save_settings(settings.Settings(user_login="chefen", last_view="avtal"))
    seen: list[dict[str, Any]] = []
    startup = _start(qtbot, db_url, None, seen)
    assert seen[0]["name"] == "oversikt" and seen[0]["open"]
    assert startup.window.pages.built("avtal") is None  # no early Avtal page was shown
    _stop(startup)


def test_a_stored_sort_is_read_once_the_database_is_open_and_only_once(
    qtbot: QtBot, demo: Services, db_url: str
) -> None:
    startup = _start(qtbot, db_url, "avtal", [])
    page = startup.window.pages.built("avtal")
    assert isinstance(page, ListPage)
    title = [c.key for c in page.spec.columns].index("title")
    with qtbot.waitSignal(page.loaded, timeout=FIRST_START_MS):
        page.table.horizontalHeader().setSortIndicator(title, Qt.SortOrder.AscendingOrder)
    page.columns.save()  # as a moved or resized column does
    _stop(startup)
    seen: list[dict[str, Any]] = []
    again = _start(qtbot, db_url, "avtal", seen)
    assert seen[0]["open"]  # the stored sort is not the opening page: read after opening
    titles = [seen[0]["page"].model.row_at(r).title for r in range(seen[0]["rows"])]
    assert titles == sorted(titles, key=str.casefold) or titles == sorted(titles)
    qtbot.wait(300)
    assert len(seen) == 1  # one read, not one per restored header state
    _stop(again)


def test_a_view_chosen_before_the_database_is_open_is_shown_once_it_is(
    qtbot: QtBot, demo: Services, db_url: str
) -> None:
    settings.save_settings(settings.Settings(user_login=TEST_ACTOR))
    startup = Startup(demo=False, database=db_url, view="avtal", screenshot=None)
    window = startup.window
    qtbot.addWidget(window)
    loaded: list[str] = []
    window.view_loaded.connect(loaded.append)
    window.view_loaded.connect(
        lambda name: window.show_view("leverantorer") if name == "avtal" else None
    )
    startup.begin()
    qtbot.waitUntil(lambda: loaded == ["avtal", "leverantorer"], timeout=FIRST_START_MS)
    assert window.current_page() is window.pages.built("leverantorer")
    _stop(startup)


def test_on_the_first_demo_start_the_page_made_after_opening_fits_its_columns(
    qtbot: QtBot, db_url: str
) -> None:
    startup = Startup(demo=True, database=None, view="avtal", screenshot=None)
    qtbot.addWidget(startup.window)  # no demo file yet: nothing to read early, the page waits
    with qtbot.waitSignal(startup.window.view_loaded, timeout=FIRST_START_MS):
        startup.begin()
    page = startup.window.current_page()
    assert isinstance(page, ListPage) and startup.connection is not None
    numbers = [page.model.row_at(r).contract_number for r in range(page.model.rowCount())]
    widest = max(page.table.fontMetrics().horizontalAdvance(n) for n in numbers)
    margins = 2 * page.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 8
    assert page.table.horizontalHeader().sectionSize(0) >= widest + margins  # numbers whole
    _stop(startup)


def test_a_failing_early_read_leaves_the_start_to_the_ordinary_read(
    qtbot: QtBot, demo: Services, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import inkop_desktop.services.contracts.first_page as quick

    def broken(*_args: object) -> None:
        raise ValueError("oväntat innehåll")

    monkeypatch.setattr(quick, "first_page", broken)
    seen: list[dict[str, Any]] = []
    startup = _start(qtbot, db_url, "avtal", seen)
    assert seen[0]["name"] == "avtal" and seen[0]["open"] and seen[0]["rows"] > 0
    assert startup.window.current_page() is startup.window.pages.built("avtal")
    assert "Nytt avtal…" in seen[0]["commands"]
    _stop(startup)


def test_a_start_without_a_chosen_view_shows_the_plan_before_the_database_is_open(
    qtbot: QtBot, demo: Services, sessions: sessionmaker[Session], db_url: str
) -> None:
    from inkop_desktop.services.plan.first_page import opening_query as plan_opening

    ensure_person(sessions, "upphandlaren", "Upp Handlare", [Role.UPPHANDLARE])
    settings.save_settings(settings.Settings(user_login="upphandlaren"))  # no inköpschef

    expected = demo.plan.list(plan_opening(200))
    seen: list[dict[str, Any]] = []
    startup = _start(qtbot, db_url, None, seen)  # the settings' start view: the plan
    first = seen[0]
    assert first["name"] == "plan" and not first["open"]
    assert first["rows"] == len(expected.rows) > 0 and first["commands"] == []
    page = first["page"]
    assert [page.model.row_at(r).id for r in range(3)] == [r.id for r in expected.rows[:3]]
    qtbot.waitUntil(lambda: "Ny planpost…" in [a.text() for a in page.command_actions])
    assert startup.window.current_page() is page is startup.window.pages.built("plan")
    assert len(seen) == 1
    _stop(startup)
