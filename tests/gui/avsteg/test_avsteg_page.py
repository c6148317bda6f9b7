"""The register in the main window: an act elsewhere shows up, handling it closes it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from inkop_desktop.domain.organisation import Parties, Role
from inkop_desktop.gui import views
from inkop_desktop.gui.avsteg import AvstegPage
from inkop_desktop.gui.avsteg import page as page_module
from inkop_desktop.gui.avsteg.dialogs import HandleDialog
from inkop_desktop.gui.main_window import MainWindow
from inkop_desktop.gui.row_state import STATE_ROLE, RowState
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.services.award_setup import AwardWorld, covering_contract, world
from tests.services.conftest import acting_as
from tests.services.followup.helpers import plan_data

__all__ = ["world"]
WAIT = 15_000
REASON = "Avtalsleverantören kan inte leverera före höstterminen."


@pytest.fixture
def window(qtbot: QtBot, services: Services, tasks: TaskRunner) -> Iterator[MainWindow]:
    """The main window with the Direktupphandlingar list and the avsteg register."""
    main = MainWindow(tasks)
    qtbot.addWidget(main)
    main.add_pages([views.direct_award_view(services)])
    register = AvstegPage(services.avsteg, tasks, services.people.me())
    register.changed.connect(main.refresh_counts)
    main.add_page("avsteg", "Avsteg", register)
    main.show()
    yield main
    main.close()


def _award_despite_contract(services: Services, world: AwardWorld) -> None:
    """The "finns det avtal?" step of the direct-award editor, going on despite a contract."""
    contract = covering_contract(services, world, Parties.SORMLAND)
    services.followup_templates.sync_shipped()  # the contract is followed up: no other avsteg
    services.followup.save_plan(contract, plan_data(services.followup.propose_plan(contract)))
    detail = services.direct_awards.create(world.record())
    services.direct_awards.record_contract_check(detail.id, detail.version, None, REASON)


def test_an_avsteg_made_in_another_view_is_counted_listed_and_closed_by_handling(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    world: AwardWorld,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.watch_counts(services.overview)
    qtbot.waitUntil(lambda: window.navigation.count("avsteg") == 0, timeout=WAIT)
    _award_despite_contract(services, world)
    window.refresh_counts()
    qtbot.waitUntil(lambda: window.navigation.count("avsteg") == 1, timeout=WAIT)
    register = window.pages["avsteg"]
    assert isinstance(register, AvstegPage)
    with qtbot.waitSignal(register.loaded, timeout=WAIT):
        window.go_to_todo("avsteg")  # the badge opens the register
    assert window.current_page() is register
    assert register.model.rowCount() == 1
    entry = register.model.row_at(0)
    assert (entry.rule_name, entry.reason) == ("Direktupphandling trots gällande avtal", REASON)
    assert register.model.index(0, 0).data(STATE_ROLE) is None  # open, reported today
    asked: list[str] = []

    def yes(*args: Any, **_kw: Any) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)

    class Scripted(HandleDialog):
        def exec(self) -> int:
            self.comment.setPlainText("Leveransproblemet är bekräftat av avtalsleverantören.")
            self.close_box.setChecked(True)
            self.save()
            qtbot.waitUntil(lambda: self.result() == QDialog.DialogCode.Accepted, timeout=WAIT)
            return self.result()

    monkeypatch.setattr(page_module, "HandleDialog", Scripted)
    register.table.selectRow(0)
    with qtbot.waitSignal(register.loaded, timeout=WAIT):
        register.handle_selected()
    assert asked and "kan inte ändras" in asked[0]
    assert register.model.rowCount() == 0  # only open entries are listed
    qtbot.waitUntil(lambda: window.navigation.count("avsteg") == 0, timeout=WAIT)
    with qtbot.waitSignal(register.loaded, timeout=WAIT):
        register.filters.show_closed.setChecked(True)
    closed = register.model.row_at(0)
    assert closed.status == "Stängt" and closed.closed_by == "Karin Öberg"
    assert register.model.index(0, 0).data(STATE_ROLE) == RowState.AVSLUTAD.value


def test_a_budgetansvarig_sees_the_register_but_may_not_handle_or_report(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    holder = acting_as(services, "bo.budget", "Bo Budget", Role.BUDGETANSVARIG)
    register = AvstegPage(holder.avsteg, tasks, holder.people.me())
    qtbot.addWidget(register)
    with qtbot.waitSignal(register.loaded, timeout=WAIT):
        register.reload()
    assert not register.handle_button.isEnabled()
    assert "hantera avsteg" in register.handle_button.toolTip()
    assert not register.manual_button.isEnabled()
    assert register.pdf_button.isEnabled() and register.excel_button.isEnabled()
