"""At start the main window warns about missing values in force; its button opens the dialog."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.db.tables import ReferenceValue
from inkop_desktop.domain.reference import RefKey
from inkop_desktop.gui.admin.missing_bar import MissingValuesBar
from inkop_desktop.gui.admin.reference_dialog import ReferenceDialog
from inkop_desktop.gui.main_window import MainWindow
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services


def test_the_bar_names_the_missing_value_and_opens_the_reference_dialog(
    qtbot: QtBot,
    services: Services,
    tasks: TaskRunner,
    sessions: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from inkop_desktop.startup import Startup

    with sessions.begin() as s:
        s.execute(delete(ReferenceValue).where(ReferenceValue.key == RefKey.LEAD_EU.value))
    window = MainWindow(tasks)
    qtbot.addWidget(window)
    startup = Startup(demo=False, database=None, view=None, screenshot=None, window=window)
    startup.connection = SimpleNamespace(services=services)  # type: ignore[assignment]
    window.show()
    assert not startup.missing_bar.isVisible()
    startup.check_reference_values()
    qtbot.waitUntil(startup.missing_bar.isVisible, timeout=5000)
    text = startup.missing_bar.label.text()
    assert f"gäller {date.today().year} saknas" in text
    assert "Ledtid för ny upphandling, EU-förfarande" in text
    assert "Direktupphandlingsgräns (LOU)" not in text
    opened: list[ReferenceDialog] = []

    def record(dialog: ReferenceDialog) -> int:
        opened.append(dialog)
        return 0

    monkeypatch.setattr(ReferenceDialog, "exec", record)
    startup.missing_bar.button.click()
    assert len(opened) == 1 and opened[0].parent() is window
    tasks.wait_idle()


def test_nothing_missing_hides_the_bar(qtbot: QtBot) -> None:
    bar = MissingValuesBar()
    qtbot.addWidget(bar)
    bar.show()
    bar.show_missing([RefKey.LOU_EU_WORKS], 2026)
    assert bar.isVisible()
    assert "Tröskelvärde byggentreprenader (LOU)" in bar.label.text()
    bar.show_missing([], 2026)
    assert not bar.isVisible()
