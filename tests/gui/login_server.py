"""A database set up with init-server and one person's login that must give a real password.

The throw-away cluster trusts every local login, so this adds pg_hba.conf lines (at the top)
asking SCRAM passwords of the members of one test group role, reloads the server and restores
the file afterwards. The file is written by the server itself (lo_export as superuser), so the
same works with TEST_PG_URL.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from inkop_desktop.db.engine import make_engine
from inkop_desktop.db.server_setup import add_user, init_server
from inkop_desktop.db.tables import Person, PersonRole
from inkop_desktop.domain.organisation import Role
from inkop_desktop.gui import login_dialog
from inkop_desktop.gui.login_dialog import LoginAnswer, LoginDialog
from inkop_desktop.gui.server_address import server_url
from inkop_desktop.services.connection import connect
from tests.conftest import PgServer, _admin

GROUP = "inkop_test_password_login"
PASSWORD = "Vinter/2026 åäö+&%"
"""Characters that differ when URL-encoded, so an encoded leak is looked for too."""
PERSON = "Hanna Handläggare"


@dataclass(frozen=True)
class LoginServer:
    """The database, the login that needs a password, and the password."""

    server: PgServer
    name: str
    login: str
    password: str

    def url(self, **query: Any) -> str:
        """The password-free URL the app is given (no SSL on the test server)."""
        host, port = str(self.server.url.host), int(self.server.url.port or 5432)
        return str(server_url(host, port, self.name, self.login, "disable", **query))


def _write_hba(conn: psycopg.Connection[Any], path: str, content: str) -> None:
    """Let the server write its own pg_hba.conf and reload it."""
    row = conn.execute("SELECT lo_from_bytea(0, convert_to(%s, 'UTF8'))", (content,)).fetchone()
    assert row is not None
    conn.execute("SELECT lo_export(%s, %s)", (row[0], path))
    conn.execute("SELECT lo_unlink(%s)", (row[0],))
    conn.execute("SELECT pg_reload_conf()")


def _wait_until_refused(dsn: str) -> None:
    """Until the reloaded server asks the login for a password (bounded; no sleeping)."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            psycopg.connect(dsn, connect_timeout=5).close()
        except psycopg.OperationalError as exc:
            if "password" in str(exc):
                return
            raise
    raise AssertionError("the server never started asking for the password")


@contextlib.contextmanager
def _password_rule(server: PgServer, login_dsn: str) -> Iterator[None]:
    """Members of GROUP log in with SCRAM passwords for as long as the block runs."""
    with psycopg.connect(server.libpq_url(), autocommit=True, connect_timeout=10) as conn:
        row = conn.execute("SELECT current_setting('hba_file')").fetchone()
        assert row is not None
        path = str(row[0])
        original = conn.execute("SELECT pg_read_file(%s)", (path,)).fetchone()
        assert original is not None
        rule = "".join(
            f"host all +{GROUP} {net} scram-sha-256\n" for net in ("127.0.0.1/32", "::1/128")
        )
        _write_hba(conn, path, rule + str(original[0]))
        try:
            _wait_until_refused(login_dsn)
            yield
        finally:
            _write_hba(conn, path, str(original[0]))


def _person(engine: Any, login: str) -> str:
    """An upphandlare (may save suppliers) whose e-mail add-user finds; the e-mail."""
    email = f"{login}@regionsormland.se"
    with Session(engine) as s, s.begin():
        person = Person(version=1, name=PERSON, login=f"pre-{login}", email=email)
        s.add(person)
        s.flush()
        s.add(PersonRole(version=1, person_id=person.id, role=Role.UPPHANDLARE.value))
    return email


@pytest.fixture(scope="module")
def login_server(pg_server: PgServer) -> Iterator[LoginServer]:
    """init-server, one person with a login role that has a password and must give it."""
    name = f"inkop_login_{uuid.uuid4().hex[:12]}"
    login = f"hanna_{uuid.uuid4().hex[:6]}"
    _admin(pg_server, "CREATE DATABASE {}", name)
    engine = make_engine(pg_server.database_url(name))
    try:
        init_server(engine)
        admin_url = pg_server.database_url(name).render_as_string(hide_password=False)
        connect(admin_url, actor="postgres").close()  # the shipped reference values
        add_user(engine, login, _person(engine, login), PASSWORD)
        with psycopg.connect(pg_server.libpq_url(), autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (GROUP,)).fetchone():
                conn.execute(f"CREATE ROLE {GROUP} NOLOGIN")
            conn.execute(f'GRANT {GROUP} TO "{login}"')
        dsn = pg_server.database_url(name).set(drivername="postgresql", username=login)
        with _password_rule(pg_server, dsn.render_as_string(hide_password=False)):
            yield LoginServer(pg_server, name, login, PASSWORD)
    finally:
        engine.dispose()
        with contextlib.suppress(Exception):
            _admin(pg_server, "DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
        with contextlib.suppress(Exception):
            _admin(pg_server, "DROP ROLE IF EXISTS {}", login)


@dataclass
class Asked:
    """What one login dialog showed."""

    user: str
    server: str
    message: str
    remember_checked: bool
    remember_enabled: bool
    no_keyring_shown: bool


def type_passwords(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, answers: list[str | None]
) -> list[Asked]:
    """Drive the real login dialog: type the next answer and log in (None: Avbryt)."""
    shown: list[Asked] = []

    def ask(
        parent: QWidget | None, user: str, server: str, available: bool, message: str = ""
    ) -> LoginAnswer | None:
        if not answers:
            raise AssertionError(f"asked for a password once too often ({len(shown)} times)")
        dialog = LoginDialog(user, server, available, message, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        shown.append(
            Asked(
                user, server, dialog.error.text() if dialog.error.isVisible() else "",
                dialog.remember.isChecked(), dialog.remember.isEnabled(),
                dialog.no_keyring.isVisible(),
            )
        )  # fmt: skip
        assert not dialog.ok.isEnabled()  # nothing typed yet
        typed = answers.pop(0)
        if typed is None:
            dialog.reject()
            return None
        dialog.password.setText(typed)
        dialog.ok.click()
        assert dialog.result() == QDialog.DialogCode.Accepted
        return dialog.answer()

    monkeypatch.setattr(login_dialog, "ask", ask)
    return shown


def never_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if the login dialog is shown."""

    def ask(*_args: object) -> None:
        raise AssertionError("the password was asked again")

    monkeypatch.setattr(login_dialog, "ask", ask)
