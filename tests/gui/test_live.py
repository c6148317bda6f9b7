"""Another user's change reaches the open list within seconds; selection and scroll stay."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, text

from inkop_desktop.db.changes import CHANNEL
from inkop_desktop.db.engine import is_sqlite, make_engine
from inkop_desktop.domain.organisation import Parties, Role
from inkop_desktop.domain.plan.status import Procedure
from inkop_desktop.gui import views
from inkop_desktop.gui.contracts.editor import ContractEditor
from inkop_desktop.gui.list_page import ListPage
from inkop_desktop.gui.live import LiveRefresh
from inkop_desktop.gui.main_window import MainWindow
from inkop_desktop.gui.plan.editor import PlanItemEditor
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.changes import ChangeFeed, Changes
from inkop_desktop.services.registry import Services
from tests.services.conftest import BaseRows, acting_as
from tests.services.contract_helpers import contract_data

CONTRACTS = 40
WAIT_MS = 10_000


@pytest.fixture
def contracts(services: Services, base_rows: BaseRows) -> list[Any]:
    """Forty contracts in force, ending one day apart (a stable order by end date)."""
    first_end = date.today() + timedelta(days=30)
    return [
        services.contracts.create(
            contract_data(
                base_rows,
                contract_number=f"SRM-2026-{i + 1:04d}",
                title=f"Avtal nummer {i + 1}",
                end_date=first_end + timedelta(days=i),
            )
        )
        for i in range(CONTRACTS)
    ]


@pytest.fixture
def other(db_url: str) -> Iterator[Engine]:
    """Another program's connection to the same database."""
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def window(
    qtbot: QtBot, services: Services, tasks: TaskRunner, contracts: list[Any]
) -> Iterator[tuple[MainWindow, ChangeFeed]]:
    """The main window with the Avtal list on screen and the live refresh running."""
    main = MainWindow(tasks)
    qtbot.addWidget(main)
    main.add_pages([views.contract_view(services), views.supplier_view(services)])
    main.resize(1100, 520)
    main.show()
    page = main.list_page("avtal")
    assert page is not None
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        main.show_view("avtal")
    feed = ChangeFeed(services.context)
    LiveRefresh(main, feed)
    feed.start()
    yield main, feed
    feed.stop()


def _rename(engine: Engine, contract_id: Any, title: str) -> None:
    """Another user's save (with the notification the audit trigger sends on PostgreSQL)."""
    ident = contract_id.hex if is_sqlite(engine.url) else str(contract_id)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE contract SET title = :t, version = version + 1 WHERE id = :i"),
            {"t": title, "i": ident},
        )
        if not is_sqlite(engine.url):
            conn.execute(text(f"NOTIFY {CHANNEL}, 'contract'"))


def _titles(page: ListPage) -> dict[Any, str]:
    return {
        page.model.row_at(r).id: page.model.row_at(r).title for r in range(page.model.rowCount())
    }


def _select(page: ListPage, row: int) -> None:
    flags = QItemSelectionModel.SelectionFlag
    page.table.selectionModel().setCurrentIndex(
        page.model.index(row, 1), flags.ClearAndSelect | flags.Rows
    )


def test_another_users_change_shows_in_the_open_list_keeping_selection_and_scroll(
    qtbot: QtBot, window: tuple[MainWindow, ChangeFeed], other: Engine, contracts: list[Any]
) -> None:
    main, _feed = window
    page = main.list_page("avtal")
    assert page is not None and page.model.rowCount() == CONTRACTS
    _select(page, 2)  # then scrolled out of sight
    bar = page.table.verticalScrollBar()
    assert bar.maximum() > 0  # the list really scrolls
    bar.setValue(bar.maximum() // 2)
    scrolled, selected = bar.value(), page.model.row_at(2).id
    changed = page.model.row_at(30).id  # another row than the selected one
    _rename(other, changed, "Omdöpt av någon annan")
    qtbot.waitUntil(lambda: _titles(page)[changed] == "Omdöpt av någon annan", timeout=WAIT_MS)
    current = page.table.currentIndex()
    assert page.model.row_at(current.row()).id == selected
    rows = page.table.selectionModel().selectedRows()
    assert [page.model.row_at(i.row()).id for i in rows] == [selected]
    assert bar.value() == scrolled


def test_hidden_loaded_page_is_read_again_when_shown(
    qtbot: QtBot, window: tuple[MainWindow, ChangeFeed], tasks: TaskRunner
) -> None:
    main, _feed = window
    live = main.findChild(LiveRefresh)
    assert live is not None
    suppliers = main.list_page("leverantorer")
    assert suppliers is not None
    with qtbot.waitSignal(suppliers.loaded, timeout=WAIT_MS):
        main.show_view("leverantorer")
    main.show_view("avtal")
    with qtbot.waitSignal(live.refreshed, timeout=WAIT_MS) as refreshed:
        live.deliver(Changes.of({"supplier"}))  # as the feed does, from its thread
    assert refreshed.args == [frozenset({"avtal"})]  # the page on screen, now
    assert live.stale == {"leverantorer"}  # the hidden one when it is shown again
    with qtbot.waitSignal(suppliers.loaded, timeout=WAIT_MS):
        main.show_view("leverantorer")
    assert live.stale == set()


def test_open_editor_shows_notice_and_keeps_input_when_the_record_changed(
    qtbot: QtBot,
    services: Services,
    tasks: TaskRunner,
    window: tuple[MainWindow, ChangeFeed],
    contracts: list[Any],
) -> None:
    main, _feed = window
    live = main.findChild(LiveRefresh)
    assert live is not None
    editor = ContractEditor(services.contracts, tasks, main)
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.ready, timeout=WAIT_MS):
        editor.start(contracts[3].id)
    editor.show()
    editor.fields.texts["title"].setText("Mitt osparade namn")
    anna = acting_as(services, _login_of_anna(services), "Anna Lind", Role.UPPHANDLARE)
    detail = anna.contracts.get(contracts[3].id)
    anna.contracts.update(
        detail.id, detail.version, {**detail.data.model_dump(), "title": "Annas namn"}
    )
    live.deliver(Changes.of({"contract"}))
    notice = editor.watch.notice
    qtbot.waitUntil(notice.isVisible, timeout=WAIT_MS)
    assert "Posten har ändrats av Anna Lind" in notice.text.text()
    assert (
        editor.fields.texts["title"].text() == "Mitt osparade namn"
    )  # nothing is reloaded by itself
    with qtbot.waitSignal(editor.ready, timeout=WAIT_MS):
        notice.button.click()
    assert editor.fields.texts["title"].text() == "Annas namn"
    assert not notice.isVisible()


def test_plan_editor_notices_only_a_change_of_its_own_item(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    data = {
        "title": "Lokalvård",
        "year": 2026,
        "parties": Parties.SORMLAND,
        "organisation_ids": (base_rows.region,),
        "cpv_codes": ("90910000-9",),
        "estimated_total_ore": 3_000_000_00,
        "procedure": Procedure.OPPET,
        "planned_start": date(2026, 3, 1),
    }
    shown, other_item = services.plan.create(data), services.plan.create(data)
    editor = PlanItemEditor(services, tasks)
    qtbot.addWidget(editor)
    editor.show()
    editor.open_item(shown.id)
    qtbot.waitUntil(lambda: editor.title.text() == "Lokalvård", timeout=WAIT_MS)
    anna = acting_as(services, _login_of_anna(services), "Anna Lind", Role.UPPHANDLARE)
    anna.plan.update(other_item.id, other_item.version, {**data, "title": "Annat"})
    editor.changed_elsewhere(Changes.of({"plan_item"}))
    assert tasks.pending == 1  # the item is looked up in the background …
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT_MS)
    assert not editor.watch.notice.isVisible()  # another item changed, not this one
    anna.plan.update(shown.id, shown.version, {**data, "title": "Lokalvård, ny"})
    editor.changed_elsewhere(Changes.of({"supplier"}))  # nothing of a plan item: not looked up
    assert tasks.pending == 0
    editor.changed_elsewhere(Changes.of({"plan_item_cpv"}))
    qtbot.waitUntil(editor.watch.notice.isVisible, timeout=WAIT_MS)
    assert "Anna Lind" in editor.watch.notice.text.text()
    assert editor.title.text() == "Lokalvård"


def _login_of_anna(services: Services) -> str:
    """Anna's login: on PostgreSQL the trail names the database login, "postgres" in the tests."""
    engine = services.context.sessions.kw["bind"]
    return "postgres" if engine.dialect.name == "postgresql" else "anna.lind"
