"""After the program was used with a password and closed, no file and no log line holds it.

Issue 11's acceptance: every file under the config and data folders (pointed at a temporary
home) and the log (file and captured output, at DEBUG, SQL included) is scanned for the right
and a wrong password, plain, URL-encoded and base64. PostgreSQL only: SQLite has no password.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from pytestqt.qtbot import QtBot

from inkop_desktop import settings
from inkop_desktop.gui.settings_dialog import SettingsDialog, SettingsResult
from tests.gui.admin.first_run_helpers import WAIT_MS, started, startup
from tests.gui.login_server import LoginServer, login_server, type_passwords

__all__ = ["login_server"]
pytestmark = pytest.mark.postgres
WRONG = "Fel-Lösen/2026"


def encodings(secret: str) -> list[bytes]:
    """The ways a password could end up in a file: plain, URL-encoded, base64."""
    raw = secret.encode()
    forms = [raw, quote(secret, safe="").encode(), quote_plus(secret).encode(),
             quote(secret).encode(), base64.b64encode(raw), base64.urlsafe_b64encode(raw),
             secret.encode("utf-16-le")]  # fmt: skip
    return [f for f in forms if f]


def leaks(blobs: dict[str, bytes], secret: str) -> list[str]:
    """The names of the blobs that contain *secret* in any of its encodings."""
    return [name for name, data in blobs.items() if any(f in data for f in encodings(secret))]


def _files(*folders: Path) -> dict[str, bytes]:
    """Every file below *folders*."""
    return {str(p): p.read_bytes() for folder in folders for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def log_file() -> Iterator[Path]:
    """The program's log file in the data folder, at DEBUG for every logger (SQL too)."""
    path = settings.data_dir() / "inkop-desktop.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root, sql = logging.getLogger(), logging.getLogger("sqlalchemy.engine")
    levels = root.level, sql.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    sql.setLevel(logging.INFO)  # statements and their parameters
    try:
        yield path
    finally:
        root.removeHandler(handler)
        root.setLevel(levels[0])
        sql.setLevel(levels[1])
        handler.close()


def test_the_scan_finds_a_planted_password(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"url=postgresql://u:" + quote("å b/c", safe="").encode())
    (tmp_path / "b.txt").write_bytes(base64.b64encode("å b/c".encode()))
    (tmp_path / "c.txt").write_text("inget här", encoding="utf-8")
    assert sorted(leaks(_files(tmp_path), "å b/c")) == [
        str(tmp_path / "a.txt"), str(tmp_path / "b.txt"),
    ]  # fmt: skip


def test_no_password_in_files_or_logs_after_use(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    login_server: LoginServer,
    log_file: Path,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    url = login_server.url()
    settings.save_settings(settings.Settings(database_url=url))
    type_passwords(monkeypatch, qtbot, [WRONG, login_server.password])
    start = startup()
    started(qtbot, start)  # a wrong password first, then the right one
    assert start.connection is not None
    saved = start.connection.services.suppliers.create(
        {"name": "Skanningsbolaget AB", "orgnr": "556677-8899", "city": "Eskilstuna"}
    )
    assert saved.name == "Skanningsbolaget AB"
    typed = SettingsResult(settings.Settings(database_url=url), login_server.password, True)
    monkeypatch.setattr(SettingsDialog, "ask", lambda *_a: typed)
    start.open_settings()  # the password typed again in Inställningar and saved
    qtbot.waitUntil(lambda: not start.tasks.pending, timeout=WAIT_MS)
    start.window.close()
    start.tasks.wait_idle()
    start.connection.close()
    logging.getLogger().handlers[-1].flush()

    out = capfd.readouterr()
    blobs = _files(settings.config_dir(), settings.data_dir())
    blobs |= {
        "caplog": caplog.text.encode(),
        "stdout": out.out.encode(),
        "stderr": out.err.encode(),
    }
    assert settings.settings_path().is_file() and log_file.stat().st_size > 0
    log_text = log_file.read_text(encoding="utf-8")
    assert "Skanningsbolaget AB" in log_text  # the SQL of the save was logged: a real scan
    assert "Anslutningen misslyckades" in log_text  # and the refused login
    assert leaks(blobs, login_server.password) == []
    assert leaks(blobs, WRONG) == []
