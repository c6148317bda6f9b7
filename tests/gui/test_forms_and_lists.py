"""Designer forms load, list pages page/sort/filter in SQL, the supplier editor protects input."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from inkop_desktop.gui import conflict_dialog, views
from inkop_desktop.gui.conflict import Choice
from inkop_desktop.gui.database_choice import server_url
from inkop_desktop.gui.list_page import ListPage
from inkop_desktop.gui.settings_dialog import SettingsDialog
from inkop_desktop.gui.suppliers.editor import SupplierEditor
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.gui.uiloader import load_form
from inkop_desktop.paths import ui_dir
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.registry import Services
from inkop_desktop.settings import Settings
from tests.gui.conftest import BaseRows


@pytest.mark.parametrize("form", sorted(p.stem for p in ui_dir().glob("*.ui")))
def test_every_form_loads(qtbot: QtBot, form: str) -> None:
    widget = load_form(form)
    qtbot.addWidget(widget)
    assert isinstance(widget, QWidget) and widget.windowTitle()


def test_settings_dialog_builds_a_password_free_url(qtbot: QtBot, tasks: TaskRunner) -> None:
    dialog = SettingsDialog(Settings(), "/tmp/inkop.sqlite", tasks, lambda url, pw: "PostgreSQL 15")
    qtbot.addWidget(dialog)
    choice = dialog.choice
    choice.server.setChecked(True)
    choice.host.setText("db.example")
    choice.user.setText("karin")
    choice.password.setText("hemligt")
    choice.test_button.click()
    qtbot.waitUntil(lambda: "fungerar" in choice.test_result.text())
    result = dialog.result_value()
    assert result.settings.database_url == server_url("db.example", 5432, "inkop", "karin")
    assert (result.settings.database_url or "").endswith("?sslmode=prefer")
    assert "hemligt" not in (result.settings.database_url or "")
    assert result.password == "hemligt"


def test_settings_keep_the_ssl_mode_and_offer_no_login_to_type(
    qtbot: QtBot, tasks: TaskRunner
) -> None:
    url = server_url("db.example", 5433, "inkop", "karin", "verify-full")
    chosen = Settings(database_url=url, user_login="karin.oberg")
    dialog = SettingsDialog(chosen, "/tmp/inkop.sqlite", tasks, lambda url, pw: "PostgreSQL 15")
    qtbot.addWidget(dialog)
    assert dialog.choice.ssl_mode.currentData() == "verify-full"
    assert dialog.choice.port.value() == 5433
    assert dialog.findChild(QLineEdit, "loginEdit") is None  # who you are is not typed here
    result = dialog.result_value()
    assert result.settings.database_url == url and result.settings.user_login == "karin.oberg"


def _supplier_page(qtbot: QtBot, services: Services, tasks: TaskRunner) -> ListPage:
    page = ListPage(views.supplier_view(services), tasks)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.reload()
    return page


def test_supplier_list_searches_and_sorts_in_sql(
    qtbot: QtBot, qtmodeltester: object, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    services.suppliers.create({"name": "Alfa Labb AB", "orgnr": "556074-7569", "city": "Västerås"})
    page = _supplier_page(qtbot, services, tasks)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    assert [page.model.row_at(i).name for i in range(2)] == ["Alfa Labb AB", "Städ & Service AB"]
    with qtbot.waitSignal(page.loaded):
        page.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    assert page.model.row_at(0).name == "Städ & Service AB"
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.search.setText("västerås")
    assert page.model.rowCount() == 1 and "Visar 1–1 av 1" in page.status.text()
    assert "Alfa Labb AB\t556074-7569" in page.model.as_tsv([0])


def test_editor_refuses_bad_orgnr_and_keeps_the_input(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    editor = SupplierEditor(services.suppliers, tasks)
    qtbot.addWidget(editor)
    editor.edits["name"].setText("Ny Leverantör AB")
    editor.edits["orgnr"].setText("556074-7568")
    editor.save()
    qtbot.waitUntil(lambda: "kontrollsiffra" in editor.error.text())
    assert editor.edits["name"].text() == "Ny Leverantör AB"
    assert services.suppliers.list(ListQuery()).total == 1


def test_editor_reports_a_concurrent_edit_in_swedish(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    editor = SupplierEditor(services.suppliers, tasks)
    qtbot.addWidget(editor)
    editor.open_supplier(base_rows.supplier)
    qtbot.waitUntil(lambda: editor.edits["name"].text() == "Städ & Service AB")
    other = services.suppliers.get(base_rows.supplier)
    data = other.model_dump(include={"name", "orgnr", "address", "city", "email", "phone", "notes"})
    services.suppliers.update(other.id, other.version, {**data, "city": "Västerås"})
    editor.edits["city"].setText("Nyköping")
    with mock.patch.object(conflict_dialog, "ask_choice", return_value=Choice.CONTINUE) as asked:
        editor.save()
        qtbot.waitUntil(lambda: asked.called)
    assert "Posten har ändrats av någon annan" in editor.error.text()
    assert editor.edits["city"].text() == "Nyköping"
    assert services.suppliers.get(base_rows.supplier).city == "Västerås"


def test_ui_folder_ships_the_forms() -> None:
    assert {"settings_dialog", "supplier_editor"} <= {p.stem for p in Path(ui_dir()).glob("*.ui")}


def test_editor_edits_contacts_and_shows_contracts(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    editor = SupplierEditor(services.suppliers, tasks)
    qtbot.addWidget(editor)
    editor.open_supplier(base_rows.supplier)
    qtbot.waitUntil(lambda: editor.edits["name"].text() == "Städ & Service AB")
    editor.add_contact()
    editor.contacts.item(0, 0).setText("Åke Ström")
    editor.contacts.item(0, 2).setText("ake@stad.se")
    editor.save()
    qtbot.waitUntil(lambda: editor.result() == 1, timeout=5000)
    assert [(c.name, c.email) for c in services.suppliers.get(base_rows.supplier).contacts] == [
        ("Åke Ström", "ake@stad.se")
    ]
