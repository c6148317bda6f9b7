"""First run on the shared PostgreSQL database: the test, a refusal in Swedish, no person."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from inkop_desktop import settings
from inkop_desktop.credentials import SERVICE
from inkop_desktop.domain.organisation import OrgKind
from inkop_desktop.domain.permissions import PermissionDeniedError
from inkop_desktop.gui.admin.first_run import FirstRunDialog
from inkop_desktop.services.admin import FirstRunService
from tests.conftest import MemoryKeyring, PgServer, _admin
from tests.gui.admin.first_run_helpers import WAIT_MS, patch_ask, started, startup

pytestmark = pytest.mark.postgres


@pytest.fixture
def database(pg_server: PgServer) -> Iterator[str]:
    """An empty database on the test server (its name)."""
    name = f"inkop_first_{uuid.uuid4().hex[:12]}"
    _admin(pg_server, "CREATE DATABASE {}", name)
    try:
        yield name
    finally:
        _admin(pg_server, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)


def _fill(d: FirstRunDialog, server: PgServer, database: str, port: int) -> None:
    """The server fields as an administrator would type them."""
    c = d.choice
    c.server.setChecked(True)
    c.host.setText(str(server.url.host))
    c.port.setValue(port)
    c.database.setText(database)
    c.user.setText(str(server.url.username))
    c.set_ssl_mode("disable")


def test_a_working_server_is_tested_saved_and_a_login_without_a_person_opens_read_only(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
    pg_server: PgServer,
    database: str,
) -> None:
    port = int(pg_server.url.port or 5432)

    def drive(d: FirstRunDialog) -> None:
        c = d.choice
        c.server.setChecked(True)
        assert d.next_button.text() == "Slutför"
        d.next_button.click()
        assert d.error.text() == "Värd måste fyllas i." and d.isVisible()
        _fill(d, pg_server, database, port)
        assert c.ssl_mode.findData("verify-full") >= 0  # every libpq mode is offered
        c.password.setText("hemligt")
        c.test_button.click()
        qtbot.waitUntil(lambda: c.test_button.isEnabled(), timeout=WAIT_MS)
        assert c.test_result.text().startswith("Anslutningen fungerar (PostgreSQL ")
        assert not settings.settings_exist() and memory_keyring.passwords == {}
        d.next_button.click()

    shown = patch_ask(monkeypatch, qtbot, drive)
    start = startup()
    started(qtbot, start)
    assert shown[0].pages.currentWidget() is shown[0].choice_page  # no "who are you" page
    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/{database}?sslmode=disable"
    assert settings.load_settings().database_url == url
    assert "hemligt" not in settings.settings_path().read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: bool(memory_keyring.passwords), timeout=WAIT_MS)
    assert memory_keyring.passwords == {
        (SERVICE, f"postgres@127.0.0.1:{port}/{database}"): "hemligt"
    }
    window = start.window
    assert window.user_label.text() == "Inloggad: postgres (endast läsning)"
    bar = window.findChild(type(window.waiting), "readOnlyBar")
    assert bar is not None and bar.isVisible()
    assert "Din inloggning ”postgres” finns inte bland personerna" in bar.text()
    assert "Be en administratör" in bar.text()
    if folder := os.environ.get("INKOP_FIRST_RUN_PNG"):  # to look at the bar
        window.resize(1024, 700)
        window.grab().save(str(Path(folder) / "read-only-window.png"))
    assert start.connection is not None
    first = FirstRunService(start.connection.services.context)
    person = {"name": "Karin", "login": "postgres", "organisation": "X", "kind": OrgKind.REGION}
    with pytest.raises(PermissionDeniedError, match="bara för läsning"):
        first.create_first_person(person)  # the server itself refuses every write
    assert not first.has_people()
    start.tasks.wait_idle()
    start.connection.close()


def test_a_wrong_port_is_reported_in_swedish_and_nothing_is_saved(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
    pg_server: PgServer,
    database: str,
) -> None:
    refused = "Kunde inte ansluta till databasen. Servern svarar inte. Kontrollera värd och port."

    def drive(d: FirstRunDialog) -> None:
        c = d.choice
        _fill(d, pg_server, database, 1)
        c.set_ssl_mode("verify-full")
        c.password.setText("hemligt")
        c.test_button.click()
        qtbot.waitUntil(lambda: c.test_button.isEnabled(), timeout=WAIT_MS)
        assert c.test_result.text() == refused
        d.next_button.click()  # Slutför tries the server again and stays
        qtbot.waitUntil(lambda: d.error.text() == refused, timeout=WAIT_MS)
        assert d.isVisible() and d.next_button.isEnabled()
        assert not settings.settings_exist() and memory_keyring.passwords == {}
        d.cancel_button.click()

    patch_ask(monkeypatch, qtbot, drive)
    start = startup()
    qtbot.addWidget(start.window)
    start.begin()
    assert start.exit_code == 0 and not start.window.isVisible()
    assert not settings.settings_exist() and memory_keyring.passwords == {}
    assert not settings.default_sqlite_path().exists() and start.connection is None
