"""First run: local database with the first person, a pick list, the shared server, cancel."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from inkop_desktop import settings
from inkop_desktop.credentials import SERVICE
from inkop_desktop.db.tables import Person, PersonRole
from inkop_desktop.domain.organisation import OrgKind, Region
from inkop_desktop.gui.admin import first_run
from inkop_desktop.gui.admin.first_run import FirstRunDialog, FirstRunResult, LocalDatabase
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.admin import FirstRunService
from inkop_desktop.services.connection import connect
from tests.conftest import MemoryKeyring

Drive = Callable[[FirstRunDialog], None]


def _startup() -> Any:
    from inkop_desktop.startup import Startup

    return Startup(demo=False, database=None, view=None, screenshot=None)


def _patch_ask(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, drive: Drive) -> list[int]:
    """Run the real dialog without a modal loop: *drive* clicks through it."""
    calls: list[int] = []

    def ask(
        parent: QWidget | None, tasks: TaskRunner, test: Any, local: LocalDatabase, login: str
    ) -> FirstRunResult | None:
        calls.append(1)
        dialog = FirstRunDialog(tasks, test, local, login, parent)
        dialog.show()
        drive(dialog)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)
        accepted = dialog.result() == QDialog.DialogCode.Accepted
        return dialog.result_value if accepted else None

    monkeypatch.setattr(first_run, "ask", ask)
    return calls


def _no_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    def ask(*_args: object) -> None:
        raise AssertionError("the first-run dialog was shown again")

    monkeypatch.setattr(first_run, "ask", ask)


def test_local_choice_creates_the_first_person_and_the_next_start_asks_nothing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def drive(d: FirstRunDialog) -> None:
        assert d.choice.embedded.isChecked() and d.next_button.text() == "Nästa ›"
        d.next_button.click()
        assert d.pages.currentWidget() is d.person_page
        assert not settings.default_sqlite_path().exists()  # nothing written yet
        assert d.login.text() == getpass.getuser()
        d.name.setText("Karin Öberg")
        d.email.setText("karin.oberg@regionsormland.se")
        d.login.setText("karin.oberg")
        d.organisation.setText("Region Sörmland")
        d.region.setCurrentIndex(d.region.findData(Region.SORMLAND))
        d.orgnr.setText("232100-0033")
        assert d.next_button.text() == "Slutför"
        d.next_button.click()
        qtbot.waitUntil(lambda: "fel kontrollsiffra" in d.error.text(), timeout=30000)
        assert d.isVisible() and not settings.settings_exist()
        d.orgnr.setText("232100-0032")
        d.next_button.click()

    calls = _patch_ask(monkeypatch, qtbot, drive)
    first = _startup()
    qtbot.addWidget(first.window)
    with qtbot.waitSignal(first.window.view_loaded, timeout=30000):
        first.begin()
    assert calls == [1]
    assert first.window.user_label.text() == "Inloggad: Karin Öberg (upphandlare, administratör)"
    assert first.window.database_label.text() == "Lokal databas (inkop.sqlite)"
    saved = settings.load_settings()
    assert (saved.database_url, saved.user_login) == (None, "karin.oberg")
    first.tasks.wait_idle()

    _no_dialog(monkeypatch)
    second = _startup()
    qtbot.addWidget(second.window)
    with qtbot.waitSignal(second.window.view_loaded, timeout=30000):
        second.begin()
    assert second.window.user_label.text() == "Inloggad: Karin Öberg (upphandlare, administratör)"
    second.tasks.wait_idle()


def _local_with_two_people() -> None:
    """A local database made elsewhere (a restored copy): Karin and a budgetansvarig."""
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


def test_a_local_database_with_people_offers_a_pick_list(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _local_with_two_people()

    def drive(d: FirstRunDialog) -> None:
        d.next_button.click()
        qtbot.waitUntil(lambda: d.pages.currentWidget() is d.pick_page, timeout=30000)
        names = [d.people.item(i).text() for i in range(d.people.count())]
        assert names == ["Annika Berg", "Karin Öberg (Inköpsverksamheten)"]
        d.people.setCurrentRow(0)
        d.next_button.click()

    _patch_ask(monkeypatch, qtbot, drive)
    startup = _startup()
    qtbot.addWidget(startup.window)
    with qtbot.waitSignal(startup.window.view_loaded, timeout=30000):
        startup.begin()
    assert startup.window.user_label.text() == "Inloggad: Annika Berg (budgetansvarig)"
    assert settings.load_settings().user_login == "annika.berg"
    startup.tasks.wait_idle()


def test_server_choice_reports_a_refused_connection_in_swedish_and_saves_only_on_ok(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    def drive(d: FirstRunDialog) -> None:
        c = d.choice
        c.server.setChecked(True)
        assert d.next_button.text() == "Slutför"
        c.host.setText("")
        d.next_button.click()
        assert d.error.text() == "Värd måste fyllas i." and d.isVisible()
        c.host.setText("127.0.0.1")
        c.port.setValue(1)
        c.user.setText("karin")
        c.set_ssl_mode("verify-full")
        c.password.setText("hemligt")
        c.test_button.click()
        qtbot.waitUntil(lambda: c.test_button.isEnabled(), timeout=30000)
        assert c.test_result.text() == (
            "Kunde inte ansluta till databasen. Servern svarar inte. Kontrollera värd och port."
        )
        assert not settings.settings_exist() and memory_keyring.passwords == {}
        d.next_button.click()

    _patch_ask(monkeypatch, qtbot, drive)
    startup = _startup()
    qtbot.addWidget(startup.window)
    startup.begin()
    url = "postgresql+psycopg://karin@127.0.0.1:1/inkop?sslmode=verify-full"
    qtbot.waitUntil(lambda: "Servern svarar inte" in startup.window.waiting.text(), timeout=30000)
    qtbot.waitUntil(lambda: bool(memory_keyring.passwords), timeout=10000)
    assert memory_keyring.passwords == {(SERVICE, "karin@127.0.0.1:1/inkop"): "hemligt"}
    assert settings.load_settings().database_url == url
    assert "hemligt" not in settings.settings_path().read_text(encoding="utf-8")
    assert startup.url == url
    startup.tasks.wait_idle()


def test_cancel_closes_the_program_without_writing_anything(qtbot: QtBot) -> None:
    def cancel_open_dialogs() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, FirstRunDialog) and widget.isVisible():
                widget.cancel_button.click()

    startup = _startup()
    qtbot.addWidget(startup.window)
    QTimer.singleShot(0, cancel_open_dialogs)
    startup.begin()  # the real, modal dialog
    assert startup.exit_code == 0 and not startup.window.isVisible()
    assert not settings.settings_exist()
    assert not settings.default_sqlite_path().exists()
    assert startup.connection is None


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

    startup = Startup(view=None, **options)
    qtbot.addWidget(startup.window)
    assert not startup._first_start()


def test_the_pick_list_starts_on_the_person_with_this_os_login(
    qtbot: QtBot, tasks: TaskRunner
) -> None:
    _local_with_two_people()
    opened: list[Any] = []

    def open_local() -> FirstRunService:
        url = "sqlite:///" + str(settings.default_sqlite_path())
        opened.append(connect(url, actor="karin.oberg"))
        return FirstRunService(opened[0].services.context)

    local = LocalDatabase("inkop.sqlite", settings.default_sqlite_path().exists, open_local)
    dialog = FirstRunDialog(tasks, lambda _u, _p: "", local, "karin.oberg")
    qtbot.addWidget(dialog)
    dialog.next_button.click()
    assert not dialog.cancel_button.isEnabled()  # nothing to break off while the file opens
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.pick_page, timeout=30000)
    assert dialog.people.currentItem().text() == "Karin Öberg (Inköpsverksamheten)"
    dialog.next_button.click()
    assert dialog.result_value == FirstRunResult(None, "karin.oberg")
    opened[0].close()
