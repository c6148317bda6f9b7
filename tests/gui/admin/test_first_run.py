"""First run on the local database: yourself, the organisation file, a pick list, cancel."""

from __future__ import annotations

import csv
import getpass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inkop_desktop import settings
from inkop_desktop.db.tables import Person, PersonRole
from inkop_desktop.domain.organisation import OrgKind, Region, Role
from inkop_desktop.gui.admin.first_run import FirstRunDialog, FirstRunResult, LocalDatabase
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.admin import FirstRunService
from inkop_desktop.services.connection import Connection, connect
from tests.gui.admin.first_run_helpers import (
    WAIT_MS,
    Closes,
    no_dialog,
    patch_ask,
    started,
    startup,
)


def _restart_shows_no_dialog(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> str:
    """A new start on the same home folder: no dialog; the status bar's person."""
    no_dialog(monkeypatch)
    again = startup()
    started(qtbot, again)
    text = str(again.window.user_label.text())
    again.tasks.wait_idle()
    return text


def test_local_choice_creates_the_first_person_as_administrator_and_the_next_start_asks_nothing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def drive(d: FirstRunDialog) -> None:
        assert d.choice.embedded.isChecked() and d.next_button.text() == "Nästa ›"
        d.next_button.click()
        assert d.pages.currentWidget() is d.start_page and d.own_radio.isChecked()
        d.next_button.click()
        assert d.pages.currentWidget() is d.person_page
        assert not settings.default_sqlite_path().exists()  # nothing written yet
        assert d.login.text() == getpass.getuser()
        assert d.roles.administrator.isChecked() and not d.roles.administrator.isEnabled()
        d.name.setText("Karin Öberg")
        d.email.setText("karin.oberg@regionsormland.se")
        d.login.setText("karin.oberg")
        d.organisation.setText("Region Sörmland")
        d.region.setCurrentIndex(d.region.findData(Region.SORMLAND))
        d.roles.boxes[Role.INKOPSCHEF].setChecked(True)
        d.orgnr.setText("232100-0033")
        assert d.next_button.text() == "Slutför"
        d.next_button.click()
        qtbot.waitUntil(lambda: "fel kontrollsiffra" in d.error.text(), timeout=WAIT_MS)
        assert d.isVisible() and not settings.settings_exist()
        d.orgnr.setText("232100-0032")
        d.next_button.click()

    shown = patch_ask(monkeypatch, qtbot, drive)
    closes = Closes(monkeypatch)
    first = startup()
    started(qtbot, first)
    assert len(shown) == 1
    expected = "Inloggad: Karin Öberg (upphandlare, inköpschef, administratör)"
    assert first.window.user_label.text() == expected
    assert first.window.database_label.text() == "Lokal databas (inkop.sqlite)"
    saved = settings.load_settings()
    assert (saved.database_url, saved.user_login) == (None, "karin.oberg")
    qtbot.waitUntil(closes.all_closed, timeout=WAIT_MS)  # the set-up connection, in the pool
    first.tasks.wait_idle()
    assert _restart_shows_no_dialog(qtbot, monkeypatch) == expected


def _organisation_file(folder: Path, *, people_org: str) -> tuple[Path, Path]:
    """organisationer.xlsx (openpyxl) and personer.csv (semicolons, as Swedish Excel writes)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Namn", "Kortnamn", "Typ", "Region", "Organisationsnummer", "Överordnad"])
    sheet.append(["Region Sörmland", "RS", "Region", "Region Sörmland", "232100-0032", None])
    sheet.append(["Hälso- och sjukvårdsförvaltningen", "HSF", "Förvaltning", "Region Sörmland",
                  None, "Region Sörmland"])  # fmt: skip
    organisations = folder / "organisationer.xlsx"
    book.save(organisations)
    people = folder / "personer.csv"
    with people.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["Namn", "Inloggning", "E-post", "Titel", "Organisation",
                         "Externt företag", "Aktiv", "Roller"])  # fmt: skip
        writer.writerow(["Annika Berg", "annika.berg", "annika.berg@regionsormland.se",
                         "Verksamhetschef", people_org, "", "Ja", "Budgetansvarig"])  # fmt: skip
        writer.writerow(["Karin Öberg", "karin.oberg", "", "", "Region Sörmland", "", "Ja",
                         "Upphandlare"])  # fmt: skip
    return organisations, people


def test_the_organisation_file_is_imported_and_you_choose_yourself_as_administrator(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    organisations, people = _organisation_file(tmp_path, people_org="Okänd förvaltning")

    def drive(d: FirstRunDialog) -> None:
        d.next_button.click()
        d.import_radio.setChecked(True)
        d.next_button.click()
        assert d.pages.currentWidget() is d.import_page and d.next_button.text() == "Läs in ›"
        d.next_button.click()
        assert d.error.text() == "Välj filen med personerna."
        d.files.organisations.setText(str(organisations))
        d.files.people.setText(str(people))
        d.next_button.click()
        qtbot.waitUntil(lambda: "Personer: Inget importerades" in d.error.text(), timeout=WAIT_MS)
        assert "Rad 2, Organisation" in d.error.text() and "Traceback" not in d.error.text()
        assert d.pages.currentWidget() is d.import_page
        _organisation_file(tmp_path, people_org="Hälso- och sjukvårdsförvaltningen")
        d.next_button.click()  # the organisations again (now updated, not refused), then people
        qtbot.waitUntil(lambda: d.pages.currentWidget() is d.pick_page, timeout=WAIT_MS)
        names = [d.people.item(i).text() for i in range(d.people.count())]
        assert names == [
            "Annika Berg (Hälso- och sjukvårdsförvaltningen)",
            "Karin Öberg (Region Sörmland)",
        ]
        assert "Organisationsfilen är inläst" in d.pick_intro.text()
        d.people.setCurrentRow(0)
        d.next_button.click()

    patch_ask(monkeypatch, qtbot, drive)
    first = startup()
    started(qtbot, first)
    expected = "Inloggad: Annika Berg (budgetansvarig, administratör)"
    assert first.window.user_label.text() == expected
    assert settings.load_settings().user_login == "annika.berg"
    first.tasks.wait_idle()
    assert _restart_shows_no_dialog(qtbot, monkeypatch) == expected


def _local_with_two_people() -> None:
    """A local database made elsewhere (a restored copy): Karin (administratör) and Annika."""
    url = "sqlite:///" + str(settings.default_sqlite_path())
    connection = connect(url, actor="installation")
    try:
        FirstRunService(connection.services.context).create_first_person(
            {
                "name": "Karin Öberg",
                "login": "karin.oberg",
                "organisation": "Inköpsverksamheten",
                "kind": OrgKind.FORVALTNING,
            }
        )
        with connection.services.context.sessions.begin() as s:
            person = Person(version=1, name="Annika Berg", login="annika.berg")
            s.add(person)
            s.flush()
            s.add(PersonRole(version=1, person_id=person.id, role="budgetansvarig"))
    finally:
        connection.close()


def test_a_local_database_with_people_offers_a_pick_list_and_keeps_its_administrator(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _local_with_two_people()

    def drive(d: FirstRunDialog) -> None:
        d.next_button.click()
        qtbot.waitUntil(lambda: d.pages.currentWidget() is d.pick_page, timeout=WAIT_MS)
        names = [d.people.item(i).text() for i in range(d.people.count())]
        assert names == ["Annika Berg", "Karin Öberg (Inköpsverksamheten)"]
        d.people.setCurrentRow(0)
        d.next_button.click()

    patch_ask(monkeypatch, qtbot, drive)
    start = startup()
    started(qtbot, start)
    assert start.window.user_label.text() == "Inloggad: Annika Berg (budgetansvarig)"
    assert settings.load_settings().user_login == "annika.berg"
    start.tasks.wait_idle()


def _cancel_open_dialogs() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, FirstRunDialog) and widget.isVisible():
            widget.cancel_button.click()


def test_cancel_closes_the_program_without_writing_anything(qtbot: QtBot) -> None:
    start = startup()
    qtbot.addWidget(start.window)
    QTimer.singleShot(0, _cancel_open_dialogs)
    start.begin()  # the real, modal dialog
    assert start.exit_code == 0 and not start.window.isVisible()
    assert not settings.settings_exist()
    assert not settings.default_sqlite_path().exists()
    assert start.connection is None


def test_cancel_after_an_import_removes_the_database_it_created_and_closes_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    organisations, people = _organisation_file(tmp_path, people_org="Okänd förvaltning")

    def drive(d: FirstRunDialog) -> None:
        d.next_button.click()
        d.import_radio.setChecked(True)
        d.next_button.click()
        d.files.organisations.setText(str(organisations))
        d.files.people.setText(str(people))
        d.next_button.click()
        qtbot.waitUntil(lambda: "Personer: Inget importerades" in d.error.text(), timeout=WAIT_MS)
        assert settings.default_sqlite_path().exists()  # the organisations are in it
        d.cancel_button.click()

    patch_ask(monkeypatch, qtbot, drive)
    closes = Closes(monkeypatch)
    start = startup()
    qtbot.addWidget(start.window)
    start.begin()
    qtbot.waitUntil(lambda: start.exit_code == 0, timeout=WAIT_MS)
    assert closes.all_closed() and not start.window.isVisible()
    assert not settings.default_sqlite_path().exists()
    assert list(settings.data_dir().glob("inkop.sqlite*")) == []
    assert not settings.settings_exist() and start.connection is None


def _local(opened: list[Connection]) -> LocalDatabase:
    """The local database of the test's home folder; connections opened are listed."""
    path = settings.default_sqlite_path()

    def open_local() -> Connection:
        connection = connect("sqlite:///" + str(path), actor="karin.oberg")
        opened.append(connection)
        return connection

    return LocalDatabase("inkop.sqlite", path.exists, open_local, lambda: None)


def test_the_pick_list_starts_on_the_person_with_this_os_login(
    qtbot: QtBot, tasks: TaskRunner
) -> None:
    _local_with_two_people()
    opened: list[Connection] = []
    dialog = FirstRunDialog(tasks, lambda _u, _p: "", _local(opened), "karin.oberg")
    qtbot.addWidget(dialog)
    dialog.next_button.click()
    assert not dialog.cancel_button.isEnabled()  # nothing to break off while the file opens
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.pick_page, timeout=WAIT_MS)
    assert dialog.people.currentItem().text() == "Karin Öberg (Inköpsverksamheten)"
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=WAIT_MS)
    assert dialog.result_value == FirstRunResult(None, "karin.oberg")


def _closed_spy(monkeypatch: pytest.MonkeyPatch) -> list[Connection]:
    closed: list[Connection] = []
    real = Connection.close

    def close(connection: Connection) -> None:
        closed.append(connection)
        real(connection)

    monkeypatch.setattr(Connection, "close", close)
    return closed


@pytest.mark.parametrize("how", ["escape", "deleted"])
def test_a_connection_still_opening_when_the_dialog_goes_is_closed_in_the_pool(
    qtbot: QtBot, tasks: TaskRunner, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    _local_with_two_people()
    closed = _closed_spy(monkeypatch)
    opened: list[Connection] = []
    dialog: Any = FirstRunDialog(tasks, lambda _u, _p: "", _local(opened), "karin.oberg")
    dialog.show()
    dialog.next_button.click()  # opens the file in the pool
    if how == "escape":
        dialog.reject()  # Esc while busy: nobody wants the connection any more
    else:
        shiboken6.delete(dialog)  # the window went away with the dialog
    qtbot.waitUntil(lambda: bool(opened) and opened[0] in closed, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT_MS)
    assert settings.default_sqlite_path().exists()  # not made by this first run: kept
    if how == "escape":
        assert dialog.pages.currentWidget() is dialog.choice_page  # nothing delivered late
        qtbot.addWidget(dialog)


@pytest.mark.parametrize(
    "options",
    [
        {"demo": True, "database": None, "screenshot": None},
        {"demo": False, "database": "sqlite:///annan.sqlite", "screenshot": None},
        {"demo": False, "database": None, "screenshot": Path("bild.png")},
    ],
    ids=["demo", "database", "screenshot"],
)
def test_no_first_run_for_the_demo_a_given_database_or_a_screenshot(
    qtbot: QtBot, options: dict[str, Any]
) -> None:
    from inkop_desktop.startup import Startup

    start = Startup(view=None, **options)
    qtbot.addWidget(start.window)
    assert not start._first_start()
