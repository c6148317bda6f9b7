"""Betrodda utfärdare: an administrator adds a CA from a file after seeing it; others only look."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from inkop_desktop.domain.organisation import Role
from inkop_desktop.gui.admin import common
from inkop_desktop.gui.admin.window import AdministrationWindow
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.certs import ca_der
from tests.services.conftest import acting_as

WAIT = 20000


def _open(qtbot: QtBot, services: Services, tasks: TaskRunner) -> AdministrationWindow:
    window = AdministrationWindow(services, tasks)
    qtbot.addWidget(window)
    window.show()
    window.reload()
    qtbot.waitUntil(lambda: window.has_loaded, timeout=WAIT)
    return window


def test_an_administrator_sees_the_certificate_before_trusting_and_removing_it(
    qtbot: QtBot,
    services: Services,
    tasks: TaskRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = _open(qtbot, services, tasks)
    tab = window.trust
    assert all(b.isEnabled() for b in tab.buttons)
    asked: list[str] = []
    monkeypatch.setattr(common, "confirm", lambda _p, _t, text: asked.append(text) or False)
    file = tmp_path / "region.cer"
    file.write_bytes(ca_der())
    tab.add_path(file)
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT)
    assert asked[0].startswith("Lita på utfärdaren ”Region Sörmland CA”?")
    assert "Fingeravtryck (SHA-256):" in asked[0] and "självsignerat" in asked[0]
    assert services.trusted_issuers.list() == []  # refused: nothing stored
    monkeypatch.setattr(common, "confirm", lambda *_a: True)
    tab.add_path(file)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=WAIT)
    assert services.trusted_issuers.list()[0].added_by == "Karin Öberg"
    tab.table.selectRow(0)
    tab.remove()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=WAIT)
    assert services.trusted_issuers.list() == []


def test_others_see_the_issuers_but_cannot_change_them(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    services.trusted_issuers.add(ca_der(), "Regionens CA")
    reader = acting_as(services, "ulla.upphandlare", "Ulla Upphandlare", Role.UPPHANDLARE)
    window = _open(qtbot, reader, tasks)
    qtbot.waitUntil(lambda: window.trust.model.rowCount() == 1, timeout=WAIT)
    assert not any(b.isEnabled() for b in window.trust.buttons)
    assert "betrodda utfärdarna" in window.notice.text()
