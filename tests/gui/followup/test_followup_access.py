"""Who may do what in the follow-up GUI: others read, the commands are disabled with the rule."""

from __future__ import annotations

from datetime import date
from unittest import mock

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from inkop_desktop.domain.followup.model import Outcome
from inkop_desktop.domain.organisation import Role
from inkop_desktop.gui.followup.checklist import FollowupEditor
from inkop_desktop.gui.followup.contract_tab import FollowupTab
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.gui.followup.helpers import planned_contract, template_id
from tests.services.conftest import acting_as
from tests.services.contract_helpers import contract_data

WAIT = 15000
RULE = "Du får inte genomföra och signera avtalsuppföljning"


def test_a_person_who_is_not_responsible_sees_every_command_disabled_with_the_rule(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    contract_id, plan_id = planned_contract(services, base_rows)
    started = services.followup.start_followup(plan_id)
    other = acting_as(services, "per.annan", "Per Annan", Role.UPPHANDLARE)
    editor = FollowupEditor(other, tasks)
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.loaded, timeout=WAIT):
        editor.start(started.id)
    for button in (editor.draft_button, editor.sign_button, editor.panel.add_button):
        assert not button.isEnabled()
        assert button.toolTip().startswith(RULE)
        assert "som är ansvarig för posten" in button.toolTip()
    assert not editor.panel.outcomes[Outcome.OK].isEnabled()
    assert editor.panel.comment.isReadOnly() and editor.summary.isReadOnly()
    editor.panel.outcomes[Outcome.AVVIKELSE].setChecked(True)  # even if forced, nothing is kept
    assert not editor.dirty

    tab = FollowupTab(other, tasks)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loaded, timeout=WAIT):
        tab.show_contract(contract_id)
    assert tab.followups.rowCount() == 1 and tab.open_button.isEnabled()  # reading is open
    for button in (tab.new_button, tab.contact_button):
        assert not button.isEnabled() and button.toolTip().startswith(RULE)
    assert "redan en plan" in tab.plan_button.toolTip()


def test_the_responsible_adds_to_the_contact_log_and_a_reader_only_reads_it(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    contract_id, _plan_id = planned_contract(services, base_rows)
    tab = FollowupTab(services, tasks)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loaded, timeout=WAIT):
        tab.show_contract(contract_id)
    tab.contact_button.click()
    dialog = tab.contact_dialog
    assert dialog is not None
    dialog.save()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=WAIT)
    assert "Anteckning" in dialog.error.text()  # nothing written: refused in Swedish
    dialog.person.setText("Lena Ek, VD")
    dialog.note.setPlainText("Telefonsamtal om leveransförseningar i november.")
    with qtbot.waitSignal(tab.loaded, timeout=WAIT):
        dialog.save()
    assert tab.contacts.rowCount() == 1
    assert tab.contacts.index(0, 2).data() == "Lena Ek, VD"
    assert tab.contacts.index(0, 4).data() == "Karin Öberg"

    reader = acting_as(services, "mia.medarbetare", "Mia Medarbetare", Role.MEDARBETARE)
    seen = FollowupTab(reader, tasks)
    qtbot.addWidget(seen)
    with qtbot.waitSignal(seen.loaded, timeout=WAIT):
        seen.show_contract(contract_id)
    assert seen.contacts.rowCount() == 1
    assert not seen.contact_button.isEnabled() and not seen.plan_button.isEnabled()
    assert seen.plan_button.toolTip().startswith("Du får inte planera avtalsuppföljning")


def test_a_contract_without_a_plan_gets_the_proposed_one_and_a_new_contract_waits(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    contract = services.contracts.create(
        contract_data(base_rows, start_date=date(2025, 1, 1), end_date=date(2029, 12, 31))
    )
    template_id(services)
    fresh = FollowupTab(services, tasks)
    qtbot.addWidget(fresh)
    fresh.show_contract(None)
    assert fresh.plan.text().startswith("Spara avtalet först")
    assert not fresh.new_button.isEnabled() and tasks.pending == 0

    tab = FollowupTab(services, tasks)
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loaded, timeout=WAIT):
        tab.show_contract(contract.id)
    assert tab.plan.text() == "Avtalet har ingen uppföljningsplan ännu."
    assert not tab.new_button.isEnabled() and tab.plan_button.isEnabled()
    with (
        mock.patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes),
        qtbot.waitSignal(tab.changed, timeout=WAIT),
    ):
        tab.plan_button.click()
        qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: tab.data is not None and tab.data.plan is not None, timeout=WAIT)
    plan = services.followup.plan_for_contract(contract.id)
    assert plan is not None and plan.template_names
    assert tab.new_button.isEnabled() and not tab.plan_button.isEnabled()
    assert tab.plan.text().startswith(f"Riskklass {plan.risk_tier.label}")
