"""Excel export of the supplier list as filtered, and import with its report, through the GUI."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from inkop_desktop.gui import views
from inkop_desktop.gui.exchange.commands import ExchangeCommands
from inkop_desktop.gui.list_page import ListPage
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.exchange.service import ExchangeKind
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows


def test_export_follows_the_filter_and_a_bad_import_stores_nothing(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner, tmp_path: Path
) -> None:
    services.suppliers.create(
        {"name": "Nordic Medtech AB", "orgnr": "556074-7569", "city": "Eskilstuna"}
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    page = ListPage(views.supplier_view(services), tasks)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.reload()
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.search.setText("medtech")
    imported: list[bool] = []
    commands = ExchangeCommands(
        parent,
        lambda: services.exchange,
        tasks,
        ExchangeKind.LEVERANTORER,
        lambda: page,
        lambda: imported.append(True),
    )
    target = tmp_path / "leverantorer.xlsx"
    with (
        mock.patch.object(QFileDialog, "getSaveFileName", return_value=(str(target), "")),
        mock.patch.object(QMessageBox, "information") as told,
    ):
        commands.export("xlsx")
        qtbot.waitUntil(lambda: told.called, timeout=10000)
    table = services.exchange.export_table(ExchangeKind.LEVERANTORER, page.query())
    assert len(table.rows) == 1 and target.stat().st_size > 1000

    bad = tmp_path / "fel.csv"
    bad.write_text("Namn;Organisationsnummer\nNy Leverantör AB;556074-7568\n", encoding="utf-8-sig")
    with (
        mock.patch.object(QFileDialog, "getOpenFileName", return_value=(str(bad), "")),
        mock.patch.object(QMessageBox, "warning") as warned,
    ):
        commands.import_file()
        qtbot.waitUntil(lambda: warned.called, timeout=10000)
    text = warned.call_args.args[2]
    assert text.startswith("Inget importerades") and "Rad 2" in text and "kontrollsiffra" in text
    assert not imported
    assert services.suppliers.list(ListQuery()).total == 2
