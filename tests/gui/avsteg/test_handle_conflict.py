"""Handling an avsteg someone else handled first: the compare dialog, as in other editors."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from inkop_desktop.domain.avsteg import Handling
from inkop_desktop.gui import conflict_dialog
from inkop_desktop.gui.avsteg import dialogs
from inkop_desktop.gui.avsteg.dialogs import HandleDialog
from inkop_desktop.gui.conflict import Choice
from inkop_desktop.gui.conflict_dialog import CompareDialog
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.avsteg import ManualAvsteg
from inkop_desktop.services.registry import Services

WAIT = 15_000


def test_a_concurrent_handling_opens_the_compare_dialog(
    qtbot: QtBot, services: Services, tasks: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = services.avsteg.report(
        ManualAvsteg(
            reported_on=date(2026, 3, 2),
            region="SRM",
            organisation_id=None,
            reason="Beställning utan avrop",
        )
    )
    monkeypatch.setattr(conflict_dialog, "ask_choice", lambda _p, _e: Choice.COMPARE)
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, exc: shown.append(str(exc)))
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = HandleDialog(services.avsteg, tasks, entry, parent)
    services.avsteg.handle(entry.id, entry.version, Handling("Påmint beställaren", "", False))
    dialog.comment.setPlainText("Min kommentar")
    dialog.action.setPlainText("Utbildning i avrop")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.findChild(CompareDialog) is not None, timeout=WAIT)
    compare = dialog.findChild(CompareDialog)
    assert set(compare.keys) == {"comment", "action"}
    assert compare.table.item(compare.keys.index("action"), 0).text() == "Åtgärd"
    compare.pick("comment", mine=False)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        compare.save_button.click()
    stored = services.avsteg.entry(entry.id)
    assert (stored.comment, stored.action, stored.version) == (
        "Påmint beställaren",
        "Utbildning i avrop",
        entry.version + 2,
    )
    assert shown == []
