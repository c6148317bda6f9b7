"""The avtalstrohet view: import off the GUI thread, shares shown, Skapa planpost, export."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import mock

from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import ReskontraRow
from inkop_desktop.domain.compliance import Field, PlanPrefill
from inkop_desktop.domain.organisation import Parties, Role
from inkop_desktop.gui.compliance.mapping_dialog import MappingDialog
from inkop_desktop.gui.compliance.page import CompliancePage
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.compliance import ImportCancelledError, ImportResult, ReportKind
from inkop_desktop.services.registry import Services
from tests.services.compliance.setup import ROWS, build_world, csv_file
from tests.services.conftest import acting_as


def _page(qtbot: QtBot, services: Services, tasks: TaskRunner, **kw: Any) -> CompliancePage:
    me = services.people.me()
    page = CompliancePage(services.compliance, tasks, me, **kw)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.reload()
    return page


def _import(qtbot: QtBot, page: CompliancePage, data: bytes, **kw: Any) -> object:
    preview = page._service.preview(data, "r.csv")
    with (
        mock.patch.object(QMessageBox, "information") as told,
        mock.patch.object(QMessageBox, "warning") as warned,
        qtbot.waitSignal(page.importer.finished, timeout=20000) as done,
    ):
        page.importer.run(data, "r.csv", preview.mapping, replace=False, rows=preview.rows, **kw)
    qtbot.waitUntil(lambda: page.status.text() != "Läser in…", timeout=10000)
    return done.args[0], told, warned


def test_import_shows_the_shares_and_the_warning(
    qtbot: QtBot, services: Services, sessions: sessionmaker[Session], tasks: TaskRunner
) -> None:
    build_world(sessions)
    page = _page(qtbot, services, tasks)
    assert "Ingen leverantörsreskontra är inläst" in page.status.text()
    result, told, _warned = _import(qtbot, page, csv_file())
    assert isinstance(result, ImportResult) and "8 rader lästes in" in told.call_args[0][2]
    assert "2026: 14,7 % av inköpen gjordes inom avtal" in page.status.text()
    namnd = page.models[ReportKind.NAMND]
    assert [namnd.row_at(i).percent for i in range(namnd.rowCount())] == [
        "2,3 %", "72,2 %", "33,3 %", "14,7 %",
    ]  # fmt: skip
    assert [s.percent for s in page.chart.shares] == ["2,3 %", "72,2 %", "33,3 %"]
    warning = page.models[ReportKind.VARNINGAR].row_at(0)
    assert (warning.region, warning.kind, warning.total, warning.limit) == (
        "Region Västmanland", "konto 6420", "800\xa0000 kr", "≥ 700\xa0000 kr",
    )  # fmt: skip
    assert page.models[ReportKind.EJ_KOPPLADE].row_at(0).label == "Okänd enhet"


def test_cancel_stores_nothing_and_says_so(
    qtbot: QtBot, services: Services, sessions: sessionmaker[Session], tasks: TaskRunner
) -> None:
    build_world(sessions)
    page = _page(qtbot, services, tasks)
    with mock.patch.object(page.importer, "_cancel") as flag:
        flag.is_set.return_value = True
        result, told, _ = _import(qtbot, page, csv_file(ROWS * 600))
    assert isinstance(result, ImportCancelledError)
    assert "Ingenting har sparats" in told.call_args[0][2]
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(ReskontraRow)) == 0


def test_bad_rows_are_reported_with_row_numbers(
    qtbot: QtBot, services: Services, sessions: sessionmaker[Session], tasks: TaskRunner
) -> None:
    build_world(sessions)
    page = _page(qtbot, services, tasks)
    bad = (*ROWS, ("2026-02-30", "HSN", "556100-0001", "X AB", "100", "4560"))
    _result, _told, warned = _import(qtbot, page, csv_file(bad))
    assert "Rad 10, Fakturadatum" in warned.call_args[0][2]


def test_skapa_planpost_prefills_from_the_chosen_supplier(
    qtbot: QtBot, services: Services, sessions: sessionmaker[Session], tasks: TaskRunner
) -> None:
    build_world(sessions)
    services.compliance.import_file(csv_file(), "r.csv", services.compliance.preview(
        csv_file(), "r.csv").mapping)  # fmt: skip
    asked: list[PlanPrefill] = []
    page = _page(qtbot, services, tasks, on_plan=asked.append)
    assert not page.plan_button.isEnabled()
    view = page.views[ReportKind.UTAN_AVTAL]
    view.selectRow(0)
    assert page.plan_button.isEnabled()
    page.plan_button.click()
    assert asked[0].title.startswith("Upphandling av det som köps av Gamma Konsult AB")
    assert (asked[0].year, asked[0].parties, asked[0].annual_ore) == (
        2027, Parties.VASTMANLAND, 810_000_00,
    )  # fmt: skip


def test_a_budget_holder_sees_the_import_greyed_with_the_rule_and_export_writes_the_tab(
    qtbot: QtBot,
    services: Services,
    sessions: sessionmaker[Session],
    tasks: TaskRunner,
    tmp_path: Path,
) -> None:
    from openpyxl import load_workbook

    build_world(sessions)
    data = csv_file()
    services.compliance.import_file(
        data, "r.csv", services.compliance.preview(data, "r.csv").mapping
    )
    holder = acting_as(services, "bo.budget", "Bo Budget", Role.BUDGETANSVARIG)
    page = _page(qtbot, holder, tasks, on_plan=lambda p: None)
    assert page.import_button.isVisibleTo(page) and not page.import_button.isEnabled()
    assert "Du får inte läsa in leverantörsreskontra" in page.import_button.toolTip()
    assert "Inköpsverksamhetens ansvar" in page.import_button.toolTip()
    assert page.plan_button.isHidden()
    page.tabs.setCurrentIndex(list(page.models).index(ReportKind.REGION))
    target = tmp_path / "region.xlsx"
    with (
        mock.patch.object(QFileDialog, "getSaveFileName", return_value=(str(target), "")),
        mock.patch.object(QMessageBox, "information") as told,
    ):
        page.export_current()
        qtbot.waitUntil(lambda: told.called, timeout=10000)  # the file is written before
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Region", "Inköp totalt", "Inom avtal", "Utanför avtal", "Avtalstrohet")
    assert rows[-1][0] == "Totalt" and rows[-1][4] == "14,7 %"


def test_mapping_dialog_refuses_a_column_chosen_twice(qtbot: QtBot, services, sessions) -> None:
    preview = services.compliance.preview(csv_file(), "r.csv")
    dialog = MappingDialog(preview, "r.csv")
    qtbot.addWidget(dialog)
    dialog.combos[Field.KONTO].setCurrentIndex(1)  # the date column again
    dialog.accept()
    assert "Samma kolumn är vald för flera fält: Fakturadatum" in dialog.error.text()
    assert dialog.result() != MappingDialog.DialogCode.Accepted
