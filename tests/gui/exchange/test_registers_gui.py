"""Arkiv → Register: organisations, people and delegation out to Excel and in with the report."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from inkop_desktop.documents.exchange.spreadsheet import read
from inkop_desktop.gui.actions import ActionId
from tests.gui.waits import FIRST_START_MS


def test_registers_are_exported_and_imported_from_the_archive_menu(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from inkop_desktop.startup import Startup

    startup = Startup(demo=True, database=None, view="avtal", screenshot=None)
    qtbot.addWidget(startup.window)
    with qtbot.waitSignal(startup.window.view_loaded, timeout=FIRST_START_MS):
        startup.begin()
    archive = startup.window.menuBar().actions()[0].menu()
    registers = next(a.menu() for a in archive.actions() if a.text() == "&Register")
    texts = [a.text() for a in registers.actions() if a.text()]
    assert texts[0] == "Importera &organisationer…" and len(texts) == 6
    target = tmp_path / "personer.xlsx"
    with (
        mock.patch.object(QFileDialog, "getSaveFileName", return_value=(str(target), "")),
        mock.patch.object(QMessageBox, "information") as told,
    ):
        startup.window.registry[ActionId.EXPORT_PEOPLE].trigger()
        qtbot.waitUntil(lambda: told.called, timeout=10000)
    people = read(target.read_bytes(), "xlsx")
    assert people.headers[:2] == ("Namn", "Inloggning") and len(people.rows) == 44
    action = startup.window.registry[ActionId.IMPORT_PEOPLE]  # the demo's Karin: upphandlare
    assert not action.isEnabled()
    assert action.toolTip().startswith("Du får inte administrera organisation, personer")
    assert startup.window.registry[ActionId.EXPORT_PEOPLE].isEnabled()
    startup.tasks.wait_idle()
