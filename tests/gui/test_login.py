"""Logging in per person on the shared server: asked once, kept only once it worked, asked again.

PostgreSQL only: the embedded SQLite database has no logins or passwords.
"""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError
from pytestqt.qtbot import QtBot

from inkop_desktop import settings
from inkop_desktop.credentials import SERVICE, account_for
from inkop_desktop.gui.errors import user_text
from inkop_desktop.gui.server_address import kerberos_parameters
from inkop_desktop.gui.settings_dialog import SettingsDialog, SettingsResult
from tests.gui.admin.first_run_helpers import WAIT_MS, started, startup
from tests.gui.login_server import (
    PERSON,
    LoginServer,
    login_server,
    never_asked,
    type_passwords,
)

__all__ = ["login_server"]
pytestmark = pytest.mark.postgres
WRONG = "Fel användarnamn eller lösenord. Skriv lösenordet igen."


class RecordingKeyring(KeyringBackend):
    """An in-memory keyring that also records what was stored and removed (never plaintext)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.passwords: dict[tuple[str, str], str] = {}
        self.log: list[tuple[str, str]] = []

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.log.append(("set", username))
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.log.append(("delete", username))
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


@pytest.fixture
def recording() -> Iterator[RecordingKeyring]:
    """This test's keyring (the autouse fixture restores the previous one afterwards)."""
    backend = RecordingKeyring()
    keyring.set_keyring(backend)
    yield backend


def _close(start: object) -> None:
    """Close the program's window and its database connections."""
    start.tasks.wait_idle()  # type: ignore[attr-defined]
    start.window.close()  # type: ignore[attr-defined]
    if start.connection is not None:  # type: ignore[attr-defined]
        start.connection.close()  # type: ignore[attr-defined]


def test_a_wrong_password_is_asked_again_and_only_the_right_one_is_kept(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    login_server: LoginServer,
    recording: RecordingKeyring,
) -> None:
    url = login_server.url()
    account = account_for(url)
    recording.passwords[(SERVICE, account)] = "gammalt-lösen"  # changed on the server since
    settings.save_settings(settings.Settings(database_url=url))
    asked = type_passwords(monkeypatch, qtbot, ["fel-lösen", login_server.password])

    start = startup()
    started(qtbot, start)

    assert [a.message for a in asked] == [WRONG, WRONG]
    port = login_server.server.url.port
    assert asked[0].user == login_server.login
    assert asked[0].server == f"{login_server.server.url.host}:{port}/{login_server.name}"
    assert asked[0].remember_checked and asked[0].remember_enabled
    assert not asked[0].no_keyring_shown
    # The stale entry was removed, the wrong one never stored, the right one stored once.
    assert recording.log == [("delete", account), ("set", account)]
    assert recording.passwords == {(SERVICE, account): login_server.password}
    assert start.connection is not None and start.connection.actor == login_server.login
    label = start.window.user_label.text()
    assert label == f"Inloggad: {PERSON} (upphandlare)"  # current_user mapped to the person
    _close(start)

    never_asked(monkeypatch)
    again = startup()
    started(qtbot, again)
    assert again.connection is not None and again.connection.actor == login_server.login
    assert again.window.user_label.text() == label
    _close(again)


def test_without_a_keyring_the_password_lasts_only_until_the_program_closes(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, login_server: LoginServer
) -> None:
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    settings.save_settings(settings.Settings(database_url=login_server.url()))
    asked = type_passwords(monkeypatch, qtbot, [login_server.password, login_server.password])

    start = startup()
    started(qtbot, start)
    assert len(asked) == 1 and asked[0].message == ""  # nothing stored: asked, not scolded
    assert asked[0].no_keyring_shown
    assert not asked[0].remember_checked and not asked[0].remember_enabled
    assert start.credentials.get(account_for(login_server.url())) == login_server.password
    _close(start)

    again = startup()  # a new program run: the password is gone, so it is asked again
    started(qtbot, again)
    assert len(asked) == 2
    _close(again)


def test_cancelling_the_login_explains_in_swedish_and_stores_nothing(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    login_server: LoginServer,
    recording: RecordingKeyring,
) -> None:
    settings.save_settings(settings.Settings(database_url=login_server.url()))
    asked = type_passwords(monkeypatch, qtbot, [None])
    start = startup()
    qtbot.addWidget(start.window)
    start.begin()
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not start.tasks.pending, timeout=WAIT_MS)
    assert start.window.waiting.text() == "Databasen kräver ett lösenord för att ansluta."
    assert start.connection is None and recording.passwords == {} and recording.log == []
    _close(start)


def test_a_kerberos_login_never_asks_for_a_password(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    login_server: LoginServer,
    recording: RecordingKeyring,
) -> None:
    url = login_server.url(kerberos=kerberos_parameters(require_auth=True))
    settings.save_settings(settings.Settings(database_url=url))
    recording.passwords[(SERVICE, account_for(url))] = login_server.password  # not even this
    never_asked(monkeypatch)
    start = startup()
    qtbot.addWidget(start.window)
    start.begin()
    qtbot.waitUntil(lambda: "Kunde inte" in start.window.waiting.text(), timeout=WAIT_MS)
    assert start.window.waiting.text() == (
        "Kunde inte ansluta till databasen. Servern bad om ett annat inloggningssätt än "
        "Windows-inloggning (Kerberos). Serverns pg_hba.conf behöver en gss-rad för den här datorn."
    )
    assert start.connection is None
    _close(start)


def test_a_password_typed_in_the_settings_is_kept_only_if_it_connects(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    login_server: LoginServer,
    recording: RecordingKeyring,
) -> None:
    url = login_server.url()
    settings.save_settings(settings.Settings(database_url=url))
    recording.passwords[(SERVICE, account_for(url))] = login_server.password
    start = startup()
    never_asked(monkeypatch)
    started(qtbot, start)
    shown: list[str] = []
    monkeypatch.setattr(
        "inkop_desktop.startup.core.show_error", lambda _w, e: shown.append(user_text(e))
    )

    def save_in_settings(typed: str) -> None:
        result = SettingsResult(settings.Settings(database_url=url), typed, True)
        monkeypatch.setattr(SettingsDialog, "ask", lambda *_a: result)
        start.open_settings()
        qtbot.waitUntil(lambda: not start.tasks.pending, timeout=WAIT_MS)

    for typed in ("fel-lösen", login_server.password + "x"):
        save_in_settings(typed)
    assert shown == ["Fel användarnamn eller lösenord till databasen."] * 2
    assert recording.passwords == {(SERVICE, account_for(url)): login_server.password}
    assert recording.log == []  # the working password was not overwritten
    save_in_settings(login_server.password)
    assert recording.log == [("set", account_for(url))] and len(shown) == 2
    message = start.window.statusBar().currentMessage()
    assert message == "Lösenordet fungerar och är sparat i datorns nyckelring."
    _close(start)
