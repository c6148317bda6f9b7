"""The lists at a glance: column layout kept per user across a restart, colour roles by state,
closed rows hidden until asked for, one name for the region in every list."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.gui import views
from inkop_desktop.gui.admin.reference_dialog import COLUMNS as REFERENCE_COLUMNS
from inkop_desktop.gui.column_layout import layout_settings
from inkop_desktop.gui.contracts.catalogue import COLUMNS as CATALOGUE_COLUMNS
from inkop_desktop.gui.direct_award.editor import CONTRACT_COLUMNS as AWARD_CONTRACTS
from inkop_desktop.gui.direct_award.report_dialog import COLUMNS as AWARD_REPORT
from inkop_desktop.gui.followup.overview import OVERDUE, FollowupListPage
from inkop_desktop.gui.list_page import ListPage, ViewSpec
from inkop_desktop.gui.main_window import MainWindow
from inkop_desktop.gui.row_state import STATE_ROLE, RowState
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.services.contract_helpers import contract_data
from tests.services.followup.portfolio import TODAY as FOLLOWUP_TODAY
from tests.services.followup.portfolio import build

TODAY = date.today()
FG, BG = Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole


def _page(qtbot: QtBot, spec: ViewSpec, tasks: TaskRunner, settings: QSettings | None = None,
          login: str = "karin.oberg") -> ListPage:  # fmt: skip
    page = ListPage(spec, tasks)
    qtbot.addWidget(page)
    if settings is not None:
        page.remember_layout(login, settings)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.reload()
    return page


def _contracts(services: Services, rows: BaseRows) -> None:
    """Ended, ending in 10 days, in 60 days and in two years."""
    start = TODAY - timedelta(days=800)
    for number, days in [("SRM-1", -5), ("SRM-2", 10), ("SRM-3", 60), ("SRM-4", 730)]:
        end = TODAY + timedelta(days=days)
        services.contracts.create(
            contract_data(rows, contract_number=number, start_date=start, end_date=end)
        )


def _visual_titles(page: ListPage) -> list[str]:
    header = page.table.horizontalHeader()
    return [
        page.model.columns[header.logicalIndex(v)].title
        for v in range(header.count())
        if not header.isSectionHidden(header.logicalIndex(v))
    ]


def test_column_layout_survives_a_restart_per_user(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner, tmp_path: Path
) -> None:
    _contracts(services, base_rows)
    file = tmp_path / "kolumner.ini"
    page = _page(qtbot, views.contract_view(services), tasks, layout_settings(file))
    keys = [c.key for c in page.spec.columns]
    menu = page.columns.menu()
    titles = [a.text() for a in menu.actions() if a.isCheckable()]
    assert titles == [c.title for c in page.spec.columns]  # every column can be hidden
    next(a for a in menu.actions() if a.text() == "Leverantör").setChecked(False)
    header = page.table.horizontalHeader()
    header.moveSection(header.visualIndex(keys.index("owner")), 0)  # Avtalsägare first
    header.resizeSection(keys.index("title"), 123)
    page.close()

    again = _page(qtbot, views.contract_view(services), tasks, layout_settings(file))
    shown = _visual_titles(again)
    assert shown[0] == "Avtalsägare" and "Leverantör" not in shown
    assert again.table.horizontalHeader().sectionSize(keys.index("title")) == 123
    other = _page(qtbot, views.contract_view(services), tasks, layout_settings(file), "hanna.h")
    assert _visual_titles(other)[:2] == ["Avtalsnr", "Benämning"]  # not Karin's layout
    assert "Leverantör" in _visual_titles(other) and "Handläggare" not in _visual_titles(other)
    again.columns.reset()  # the program's defaults: the less important columns hidden again
    hidden = set(again.spec.hidden)
    assert _visual_titles(again) == [c.title for c in again.spec.columns if c.key not in hidden]


def test_a_stored_sort_is_restored_and_the_list_read_once_in_that_order(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner, tmp_path: Path
) -> None:
    _contracts(services, base_rows)
    file = tmp_path / "kolumner.ini"
    page = _page(qtbot, views.contract_view(services), tasks, layout_settings(file))
    number = [c.key for c in page.spec.columns].index("contract_number")
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.table.horizontalHeader().setSortIndicator(number, Qt.SortOrder.DescendingOrder)
    page.columns.save()
    page.close()
    spec = views.contract_view(services)
    reads: list[object] = []
    counted = ViewSpec(**{**spec.__dict__, "load": lambda q: reads.append(q) or spec.load(q)})
    again = _page(qtbot, counted, tasks, layout_settings(file))
    qtbot.wait(200)
    assert len(reads) == 1  # restoring the header's sort is no second read
    shown = [again.model.row_at(r).contract_number for r in range(again.model.rowCount())]
    assert shown == ["SRM-4", "SRM-3", "SRM-2"]  # SRM-1 has ended (hidden)


def test_the_last_visible_column_cannot_be_hidden(
    qtbot: QtBot, services: Services, tasks: TaskRunner, tmp_path: Path
) -> None:
    page = _page(qtbot, views.supplier_view(services), tasks, layout_settings(tmp_path / "k.ini"))
    for logical in range(page.model.columnCount()):
        page.columns.set_hidden(logical, True)
    assert _visual_titles(page) == ["Direktupphandlingar"]


def test_contract_rows_carry_their_state_and_colour_roles(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    _contracts(services, base_rows)
    page = _page(qtbot, views.contract_view(services), tasks)
    numbers = [page.model.row_at(i).contract_number for i in range(page.model.rowCount())]
    assert numbers == ["SRM-2", "SRM-3", "SRM-4"]  # the ended one is hidden by default
    assert page.status.text() == "Visar 1–3 av 3"
    end = [c.key for c in page.spec.columns].index("end_date")
    title = [c.key for c in page.spec.columns].index("title")

    def cell(row: int, column: int, role: int) -> object:
        return page.model.data(page.model.index(row, column), role)

    assert [cell(r, title, STATE_ROLE) for r in range(3)] == ["inom_30", "inom_90", None]
    assert cell(0, end, BG).color() == QColor("#fde68a")  # type: ignore[attr-defined]
    assert cell(1, end, BG).color() == QColor("#fef9c3")  # type: ignore[attr-defined]
    assert cell(0, title, BG) is None  # the date carries the colour, not the whole row
    assert cell(2, end, BG) is None and cell(2, end, FG) is None
    assert page.legend is not None
    assert [state for state, _rule in page.legend.rules] == [
        RowState.INOM_30, RowState.INOM_90, RowState.AVSLUTAD
    ]  # fmt: skip
    assert page.show_closed is not None and page.show_closed.text() == "Visa avslutade"
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.show_closed.setChecked(True)
    assert page.model.rowCount() == 4
    ended = [page.model.row_at(i).contract_number for i in range(4)].index("SRM-1")
    assert cell(ended, title, STATE_ROLE) == "avslutad"
    assert cell(ended, title, FG).color() == QColor("#8a8f98")  # type: ignore[attr-defined]


def test_an_overdue_plan_item_is_red_and_a_closed_one_hidden(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    spec = views.plan_view(services, today=lambda: TODAY)
    assert spec.row_state is not None
    row = type("Row", (), {"status": "annonserad", "contract_start_on": TODAY - timedelta(1)})
    assert spec.row_state(row) is RowState.FORSENAD
    row.status = "avtal_tecknat"
    assert spec.row_state(row) is RowState.AVSLUTAD
    page = _page(qtbot, spec, tasks)
    assert page.query().filters == {"open": "1"}  # the service leaves closed items out
    assert page.describe_filters() == "utan avslutade"  # said on the printout too


@pytest.mark.parametrize("concept", ["Parter", "Gäller för", "Upphandlande myndighet"])
def test_the_region_has_one_name_in_every_list(services: Services, concept: str) -> None:
    specs = [
        views.plan_view(services),
        views.contract_view(services),
        views.followup_view(services),
        views.direct_award_view(services),
    ]
    lists = [CATALOGUE_COLUMNS, AWARD_REPORT, AWARD_CONTRACTS, REFERENCE_COLUMNS]
    titles = [c.title for spec in specs for c in spec.columns]
    titles += [c.title for columns in lists for c in columns]
    filters = [f.label for spec in specs for f in spec.filters]
    assert concept not in titles + filters
    assert titles.count("Region") == 7


def test_an_overdue_follow_up_row_carries_its_state_role(
    qtbot: QtBot, services: Services, sessions: sessionmaker[Session], base_rows: BaseRows,
    tasks: TaskRunner,
) -> None:  # fmt: skip
    build(sessions, base_rows)
    spec = views.followup_view(services, today=FOLLOWUP_TODAY)
    page = FollowupListPage(spec, tasks)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.reload()
    numbers = [page.model.row_at(i).contract_number for i in range(page.model.rowCount())]
    due = [c.key for c in spec.columns].index("next_due")
    role = {n: page.model.data(page.model.index(i, due), STATE_ROLE) for i, n in enumerate(numbers)}
    assert role["SRM-1"] == "forsenad" and role["VMA-1"] == "inom_30"
    assert role["SRM-2"] is None  # no plan: nothing is due
    fg = page.model.data(page.model.index(numbers.index("SRM-1"), due), FG)
    assert fg.color() == QColor(OVERDUE)


DECIDING = {
    "avtal": ("contract_number", "title", "supplier", "end_date", "owner"),
    "plan": ("reference", "title", "status", "contract_start_on", "responsible"),
    "uppfoljning": ("contract_number", "contract_title", "next_due", "due", "responsible"),
    "jav": ("procurement", "procurement_title", "state", "person", "role"),
    "direktupphandling": ("diarienummer", "title", "status", "value_ore", "supplier"),
    "leverantorer": ("name", "orgnr", "city", "contracts"),
}
"""The columns a user decides by, per main list: on screen at 1360 px without scrolling."""


def _long_rows(services: Services, rows: BaseRows) -> None:
    """Contracts and plan items with long titles (the widest first widths)."""
    long = "Ramavtal för personbilar, operationell leasing och tillhörande tjänster – Region"
    for n in range(3):
        services.contracts.create(
            contract_data(rows, contract_number=f"SRM-2026-001{n}", title=f"{long} {n}")
        )


def test_the_deciding_columns_fit_a_1360_window_and_no_heading_is_cut(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    _long_rows(services, base_rows)
    main = MainWindow(tasks)
    qtbot.addWidget(main)
    specs = [views.contract_view(services), views.plan_view(services),
             views.followup_view(services), views.jav_view(services),
             views.direct_award_view(services), views.supplier_view(services)]  # fmt: skip
    main.add_pages(specs)
    main.resize(1360, 800)
    main.show()
    for spec in specs:
        page = main.list_page(spec.name)
        assert page is not None
        with qtbot.waitSignal(page.loaded, timeout=20000):
            main.show_view(spec.name)
        header = page.table.horizontalHeader()
        keys = [c.key for c in spec.columns]
        right = page.table.viewport().width()
        for key in DECIDING[spec.name]:
            logical = keys.index(key)
            assert not header.isSectionHidden(logical), (spec.name, key)
            end = header.sectionViewportPosition(logical) + header.sectionSize(logical)
            assert header.sectionViewportPosition(logical) >= 0 and end <= right, (spec.name, key)
        if spec.name == "avtal":  # the contract list no longer scrolls sideways at 1360
            QApplication.processEvents()
            assert page.table.horizontalScrollBar().maximum() == 0
        for key in spec.hidden:  # chosen in the menu, a hidden column comes back wide enough
            page.columns.set_hidden(keys.index(key), False)
        for logical in range(header.count()):
            text = spec.columns[logical].title
            assert header.sectionSize(logical) > header.fontMetrics().horizontalAdvance(text), (
                spec.name, text,
            )  # fmt: skip
        assert set(spec.hidden) <= set(keys)  # the hidden ones stay choosable in the menu
        menu = [a.text() for a in page.columns.menu().actions() if a.isCheckable()]
        assert menu == [c.title for c in spec.columns]


def test_filters_move_below_the_search_field_when_the_window_is_narrow(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    page = _page(qtbot, views.plan_view(services), tasks)
    page.show()
    for width, beside in ((1100, True), (740, False)):
        page.resize(width, 600)
        qtbot.waitUntil(lambda w=width: page.width() == w)
        QApplication.processEvents()
        search = page.search.geometry()
        for box in page.filter_boxes.values():
            same_row = abs(box.geometry().center().y() - search.center().y()) < search.height()
            assert same_row is beside, (width, box.currentText())
            text = box.fontMetrics().horizontalAdvance(box.currentText())
            assert box.width() > text, (width, box.currentText())  # "Förfarande: alla" whole
        placeholder = page.search.fontMetrics().horizontalAdvance(page.search.placeholderText())
        assert page.search.width() > placeholder


def test_widths_follow_the_window_until_the_user_sets_one(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    _long_rows(services, base_rows)
    page = ListPage(views.contract_view(services), tasks)
    qtbot.addWidget(page)
    page.resize(700, 500)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.reload()
    header = page.table.horizontalHeader()
    title = [c.key for c in page.spec.columns].index("title")
    narrow = header.sectionSize(title)
    page.resize(1300, 500)
    qtbot.waitUntil(lambda: header.sectionSize(title) > narrow + 50)  # room again: wider
    header.resizeSection(title, 150)  # the user's own width stays
    assert not page.autofit.active  # no refit is pending or will be
    page.resize(900, 500)
    QApplication.processEvents()
    assert header.sectionSize(title) == 150 and not page.autofit.active
