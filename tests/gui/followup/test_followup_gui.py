"""The follow-up list (colours, filters, keyboard, export) and the report page with its chart."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.gui import views
from inkop_desktop.gui.followup.list_commands import followup_commands
from inkop_desktop.gui.followup.overview import OVERDUE, SOON, FollowupListPage
from inkop_desktop.gui.followup.report_page import FollowupReportPage
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.followup.report_export import ReportKind
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.services.followup.portfolio import NAMND_A, TODAY, Portfolio, build


@pytest.fixture
def portfolio(
    services: Services, sessions: sessionmaker[Session], base_rows: BaseRows
) -> Portfolio:
    return build(sessions, base_rows)


def _page(
    qtbot: QtBot, services: Services, tasks: TaskRunner, opened: list[Any]
) -> FollowupListPage:
    spec = views.followup_view(services, opened.append, today=TODAY)
    page = FollowupListPage(spec, tasks, services.followup_overview.namnd_options)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.reload()
    return page


def _numbers(page: FollowupListPage) -> list[str]:
    return [page.model.row_at(i).contract_number for i in range(page.model.rowCount())]


def _cell(page: FollowupListPage, number: str, key: str, role: Qt.ItemDataRole) -> Any:
    row = _numbers(page).index(number)
    column = [c.key for c in page.spec.columns].index(key)
    return page.model.data(page.model.index(row, column), role)


def test_overdue_in_red_with_days_ago_and_due_soon_marked(
    qtbot: QtBot, services: Services, portfolio: Portfolio, tasks: TaskRunner
) -> None:
    page = _page(qtbot, services, tasks, [])
    display, fg, bg = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
    )
    assert _cell(page, "SRM-1", "due", display) == "12 dagar sen"
    assert _cell(page, "SRM-1", "due", fg).color() == QColor(OVERDUE)
    assert _cell(page, "SRM-1", "next_due", fg).color() == QColor(OVERDUE)
    assert _cell(page, "SRM-1", "deviations", display) == "2 öppna (1 allvarlig)"
    assert _cell(page, "SRM-1", "deviations", fg).color() == QColor(OVERDUE)
    assert _cell(page, "VMA-1", "due", bg).color() == QColor(SOON)
    assert _cell(page, "VMA-1", "due", fg) is None
    assert _cell(page, "BADA-1", "due", bg) is None and _cell(page, "BADA-1", "due", fg) is None
    assert _cell(page, "SRM-2", "due", display) == "Saknar plan"
    assert "12 dagar sen" in page.model.as_tsv([_numbers(page).index("SRM-1")])


def test_filters_change_the_rows(
    qtbot: QtBot, services: Services, portfolio: Portfolio, tasks: TaskRunner
) -> None:
    page = _page(qtbot, services, tasks, [])
    assert _numbers(page) == ["SRM-1", "VMA-1", "BADA-1", "VMA-3", "SRM-2"]
    namnd = page.filter_boxes["namnd"]
    qtbot.waitUntil(lambda: namnd.findData(str(portfolio.namnd_a)) >= 0, timeout=10000)
    assert namnd.itemText(namnd.findData(str(portfolio.namnd_a))) == NAMND_A

    def choose(key: str, value: str) -> None:
        box = page.filter_boxes[key]
        with qtbot.waitSignal(page.loaded, timeout=10000):
            box.setCurrentIndex(box.findData(value))

    choose("namnd", str(portfolio.namnd_a))
    assert _numbers(page) == ["SRM-1", "BADA-1", "SRM-2"]
    choose("mine", "1")
    assert _numbers(page) == ["SRM-1", "BADA-1"]
    choose("state", "forsenad")
    assert _numbers(page) == ["SRM-1"]
    assert page.status.text() == "Visar 1–1 av 1"
    choose("namnd", "")
    choose("mine", "")
    choose("state", "")
    choose("region", "VMA")
    assert _numbers(page) == ["VMA-1", "BADA-1", "VMA-3"]
    choose("risk_tier", "hog")
    assert _numbers(page) == ["VMA-1", "VMA-3"]
    assert "Region: Region Västmanland" in page.describe_filters()


def test_keyboard_down_from_search_then_enter_opens_the_row(
    qtbot: QtBot, services: Services, portfolio: Portfolio, tasks: TaskRunner
) -> None:
    opened: list[Any] = []
    page = _page(qtbot, services, tasks, opened)
    page.show()
    page.search.setFocus()
    qtbot.waitUntil(page.search.hasFocus)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert [row.contract_number for row in opened] == ["VMA-1"]
    assert opened[0].id == opened[0].plan_id


def test_excel_export_of_the_list_as_filtered(
    qtbot: QtBot, services: Services, portfolio: Portfolio, tasks: TaskRunner, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    page = _page(qtbot, services, tasks, [])
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.search.setText("SRM")
    shown: list[bool] = []
    commands = dict(followup_commands(page, services.followup_overview, tasks, lambda: page,
                                      lambda: shown.append(True), TODAY))  # fmt: skip
    target = tmp_path / "uppfoljning.xlsx"
    with (
        mock.patch.object(QFileDialog, "getSaveFileName", return_value=(str(target), "")),
        mock.patch.object(QMessageBox, "information") as told,
    ):
        commands["Exportera till Excel…"]()
        qtbot.waitUntil(lambda: told.called, timeout=10000)
    sheet = load_workbook(io.BytesIO(target.read_bytes())).active
    assert sheet is not None
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["SRM-1", "SRM-2"]
    commands["Rapporter…"]()
    assert shown == [True]


def test_report_page_shows_the_counts_the_chart_and_exports(
    qtbot: QtBot, services: Services, portfolio: Portfolio, tasks: TaskRunner, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    page = FollowupReportPage(services.followup_reports, tasks, TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.reload()
    assert (
        "1 försenade" in page.status.text()
        and "Öppna avvikelser: 3 (1 allvarliga)" in page.status.text()
    )
    totals = page.models[ReportKind.NAMND].row_at(page.models[ReportKind.NAMND].rowCount() - 1)
    assert (totals.label, totals.overdue, totals.without_plan) == ("Totalt", 1, 1)
    assert page.models[ReportKind.AVVIKELSER].rowCount() == 3
    assert len(page.chart.months) == 12 and page.chart.current == "2026-06"
    assert (
        "feb 26: 1 att göra, 1 genomförda, 3 öppna avvikelser" in page.chart.accessibleDescription()
    )
    page.show()
    picture = page.chart.grab().toImage()
    colours = {picture.pixelColor(x, y).name() for x in range(0, picture.width(), 3)
               for y in range(0, picture.height(), 3)}  # fmt: skip
    assert {"#15803d", "#93c5fd", "#b91c1c"} <= colours  # done bars, due bars, the deviation line
    page.tabs.setCurrentIndex(list(page.models).index(ReportKind.LEVERANTORER))
    target = tmp_path / "leverantorer.xlsx"
    with (
        mock.patch.object(QFileDialog, "getSaveFileName", return_value=(str(target), "")),
        mock.patch.object(QMessageBox, "information") as told,
    ):
        page.export_button.click()
        qtbot.waitUntil(lambda: told.called, timeout=10000)
    sheet = load_workbook(io.BytesIO(target.read_bytes())).active
    assert sheet is not None and sheet.title == "Leverantörer" and sheet.max_row == 4
