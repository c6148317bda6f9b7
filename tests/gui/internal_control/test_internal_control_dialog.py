"""Internkontrollrapport… on the Översikt: nämnd and period chosen, the PDF written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from inkop_desktop.domain.organisation import Role
from inkop_desktop.gui import export
from inkop_desktop.gui.internal_control import InternalControlDialog
from inkop_desktop.gui.overview import OverviewPage
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.services.conftest import acting_as
from tests.services.internal_control.world import DAY, build

WAIT = 15_000
NHS = "Nämnden för hälsa och sjukvård"


def test_the_dialog_writes_the_chosen_namnds_report(
    qtbot: QtBot, services: Services, sessions, tasks: TaskRunner, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    build(services, sessions)
    page = OverviewPage(services.pictures, tasks, today=DAY,
                        internal_control=services.internal_control)  # fmt: skip
    qtbot.addWidget(page)
    target = tmp_path / "internkontroll.pdf"
    suggested: list[str] = []

    def ask(_parent: Any, _title: str, name: str, _filter: str) -> Path:
        suggested.append(name)
        return target

    def choose(dialog: InternalControlDialog) -> int:
        qtbot.waitUntil(dialog.ok.isEnabled, timeout=WAIT)
        assert dialog.first.date() == QDate(2026, 1, 1)  # the current calendar year
        assert dialog.last.date() == QDate(2026, 12, 31)
        dialog.namnd.setCurrentIndex(dialog.namnd.findText(NHS))
        dialog.last.setDate(QDate(2026, 2, 28))
        return QDialog.DialogCode.Accepted.value

    saved: list[str] = []
    monkeypatch.setattr(export, "ask_path", ask)
    monkeypatch.setattr(InternalControlDialog, "exec", choose)
    monkeypatch.setattr(QMessageBox, "information", lambda *a: saved.append(a[2]))
    page.control_button.click()
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT)
    assert suggested == [f"Internkontrollrapport {NHS} 2026-01-01–2026-02-28.pdf"]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert f"Internkontrollrapport – {NHS}" in text
    assert "Period 2026-01-01 – 2026-02-28" in text
    assert "DU-1" in text and "DU-2" not in text


def test_the_picker_offers_only_the_namnder_the_person_may_see(
    qtbot: QtBot, services: Services, sessions, tasks: TaskRunner
) -> None:
    build(services, sessions)
    own = acting_as(services, "olle.agare", "Olle Ägare", Role.BUDGETANSVARIG)
    dialog = InternalControlDialog(own.internal_control, tasks, DAY, None)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=WAIT)
    assert [dialog.namnd.itemText(i) for i in range(dialog.namnd.count())] == [NHS]
    nobody = acting_as(services, "mia.m", "Mia Medarbetare", Role.MEDARBETARE)
    refused = InternalControlDialog(nobody.internal_control, tasks, DAY, None)
    qtbot.addWidget(refused)
    qtbot.waitUntil(lambda: "får inte" in refused.status.text(), timeout=WAIT)
    assert not refused.ok.isEnabled()
