"""Changing what exists in the GUI: the plan (tier → next due), an åtgärd, a draft's evidence."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from unittest import mock

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from inkop_desktop.domain.contracts.model import RiskTier
from inkop_desktop.domain.followup.model import Outcome, Sanction
from inkop_desktop.domain.followup.schedule import add_months
from inkop_desktop.domain.organisation import Role
from inkop_desktop.gui import conflict_dialog, views
from inkop_desktop.gui.conflict import Choice
from inkop_desktop.gui.conflict_dialog import CompareDialog
from inkop_desktop.gui.followup import FollowupCommands
from inkop_desktop.gui.followup.checklist import FollowupEditor
from inkop_desktop.gui.followup.contract_tab import FollowupTab
from inkop_desktop.gui.followup.overview import FollowupListPage
from inkop_desktop.gui.followup.plan_editor import PlanEditor
from inkop_desktop.gui.form_helpers import select_data
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.gui.followup.helpers import contract_tab, planned_contract, sign_all_ok
from tests.services.conftest import acting_as

WAIT = 30000
TODAY = date.today()
SAVE = QDialogButtonBox.StandardButton.Save


def _tab(
    qtbot: QtBot, services: Services, tasks: TaskRunner, contract_id: uuid.UUID
) -> FollowupTab:
    """The contract editor's "Uppföljning" tab, loaded."""
    return contract_tab(qtbot, services, tasks, contract_id, WAIT)


def _plan_editor(qtbot: QtBot, tab: FollowupTab) -> PlanEditor:
    """Click "Ändra plan…" and wait for the plan to be read."""
    assert tab.edit_plan_button.isEnabled()
    tab.edit_plan_button.click()
    editor = tab.plan_editor
    assert editor is not None
    qtbot.waitUntil(lambda: editor.data is not None, timeout=WAIT)
    return editor


def test_a_changed_tier_moves_the_next_due_date_and_survives_reopening(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    contract_id, plan_id = planned_contract(services, base_rows)
    sign_all_ok(services, plan_id)
    tab = _tab(qtbot, services, tasks, contract_id)
    editor = _plan_editor(qtbot, tab)
    four, twelve = add_months(TODAY, 4).isoformat(), add_months(TODAY, 12).isoformat()
    assert editor.due.text() == f"{four} (oförändrad, intervallet är detsamma)"

    select_data(editor.tier, RiskTier.HOG)
    assert editor.interval.value() == 12  # the tier's reference value
    assert editor.due.text().startswith(f"{twelve} (ett intervall efter senast genomförda")
    with qtbot.waitSignal(tab.loaded, timeout=WAIT):
        editor.buttons.button(SAVE).click()
    assert "Riskklass Hög (30 %)" in tab.plan.text()
    assert f"Nästa uppföljning: {twelve}." in tab.plan.text()

    again = _plan_editor(qtbot, tab)
    assert again is not editor
    assert (again.tier.currentData(), again.interval.value()) == (RiskTier.HOG.value, 12)
    assert again.due.text().startswith(twelve)
    stored = services.followup.plan_for_contract(contract_id)
    assert stored is not None and stored.next_due == add_months(TODAY, 12)


def test_a_plan_saved_meanwhile_is_compared_field_by_field(
    qtbot: QtBot,
    services: Services,
    base_rows: BaseRows,
    tasks: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(conflict_dialog, "ask_choice", lambda _p, _e: Choice.COMPARE)
    contract_id, _plan_id = planned_contract(services, base_rows)
    tab = _tab(qtbot, services, tasks, contract_id)
    editor = _plan_editor(qtbot, tab)
    opened = services.followup.plan_for_contract(contract_id)
    assert opened is not None
    keys = {"risk_tier", "interval_months", "template_ids", "responsible_id", "next_due"}
    theirs = {**opened.model_dump(include=keys), "note": "Möte i maj."}
    services.followup.save_plan(contract_id, theirs, opened=opened.version)

    editor.note.setPlainText("Leverantören byter ägare.")
    editor.buttons.button(SAVE).click()
    qtbot.waitUntil(lambda: editor.findChild(CompareDialog) is not None, timeout=WAIT)
    dialog = editor.findChild(CompareDialog)
    assert dialog is not None and dialog.keys == ["note"]
    assert dialog.table.item(0, 0).text() == "Anteckning"
    with qtbot.waitSignal(editor.saved, timeout=WAIT):
        dialog.save_button.click()
    stored = services.followup.plan_for_contract(contract_id)
    assert stored is not None
    assert (stored.note, stored.version) == ("Leverantören byter ägare.", opened.version + 2)


def test_the_list_offers_the_plan_editor_in_its_context_menu_only_to_planners(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    contract_id, _plan_id = planned_contract(services, base_rows)
    reader = acting_as(services, "mia.medarbetare", "Mia Medarbetare", Role.MEDARBETARE)
    for who, may in ((services, True), (reader, False)):
        commands = FollowupCommands(None, who, tasks, lambda: None)  # type: ignore[arg-type]
        menu = commands.row_commands(who.people.me(), lambda _r: None, lambda _c: None)
        page = FollowupListPage(views.followup_view(who), tasks, row_commands=menu)
        qtbot.addWidget(page)
        with qtbot.waitSignal(page.loaded, timeout=WAIT):
            page.reload()
        row = next(page.model.row_at(i) for i in range(page.model.rowCount())
                   if page.model.row_at(i).contract_id == contract_id)  # fmt: skip
        actions = {a.text(): a for a in page.menu_for(row).actions()}
        assert list(actions) == ["Öppna uppföljning", "Ändra plan…", "Öppna avtalet"]
        change = actions["Ändra plan…"]
        assert change.isEnabled() is may
        if not may:
            assert "Du får inte planera avtalsuppföljning" in change.toolTip()
            continue
        change.trigger()
        editor = commands.plan_editor
        assert editor is not None
        qtbot.waitUntil(lambda: editor.data is not None, timeout=WAIT)  # noqa: B023
        assert editor.header.text().startswith("SRM-2026-0001")


def test_an_open_actions_due_date_and_sanction_are_changed(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    contract_id, plan_id = planned_contract(services, base_rows)
    started = services.followup.start_followup(plan_id)
    point = started.results[0]
    services.followup.save_followup(
        started.id, started.version,
        [{"result_id": point.id, "outcome": Outcome.AVVIKELSE, "comment": "Skuld."}],
    )  # fmt: skip
    services.followup.add_action(
        point.id, {"description": "Begär skuldsaldo.", "due_on": TODAY + timedelta(days=30)}
    )
    tab = _tab(qtbot, services, tasks, contract_id)
    panel = tab.action_panel
    panel.view.selectRow(0)
    assert panel.change_button.isEnabled()
    panel.change_button.click()
    dialog = panel.dialog
    assert dialog is not None and dialog.windowTitle() == "Ändra åtgärd"
    assert dialog.description.toPlainText() == "Begär skuldsaldo."  # type: ignore[attr-defined]
    later = TODAY + timedelta(days=75)
    dialog.due.setDate(QDate(later.year, later.month, later.day))  # type: ignore[attr-defined]
    select_data(dialog.sanction, Sanction.VITE)  # type: ignore[attr-defined]
    with qtbot.waitSignal(tab.loaded, timeout=WAIT):
        dialog.save()
    (action,) = services.followup.actions_of_contract(contract_id)
    assert (action.due_on, action.sanction, action.description) == (
        later,
        Sanction.VITE,
        "Begär skuldsaldo.",
    )
    assert panel.model.index(0, 3).data() == later.isoformat()
    assert panel.model.index(0, 4).data() == "Vite"


def test_an_evidence_file_is_removed_from_a_draft_and_refused_once_signed(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    _contract_id, plan_id = planned_contract(services, base_rows)
    started = services.followup.start_followup(plan_id)
    point = started.results[0].id
    services.followup.add_evidence(point, "fel-utdrag.pdf", b"%PDF-1.4 fel")
    services.followup.add_evidence(point, "skattekonto.pdf", b"%PDF-1.4 konto")
    editor = FollowupEditor(services, tasks)
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.loaded, timeout=WAIT):
        editor.start(started.id)
    editor.items.setCurrentCell(0, 2)
    panel = editor.panel
    assert panel.remove_button.isEnabled()
    panel.evidence_view.selectRow(0)
    with mock.patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.No):
        panel.remove_button.click()
    assert panel.evidence.rowCount() == 2  # not confirmed: nothing removed
    with (
        mock.patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes),
        qtbot.waitSignal(editor.loaded, timeout=WAIT),
    ):
        panel.remove_button.click()
    assert editor.message.text() == "Underlaget ”fel-utdrag.pdf” är borttaget."
    assert [panel.evidence.row_at(i).filename for i in range(panel.evidence.rowCount())] == [
        "skattekonto.pdf"
    ]

    sign_all_ok(services, plan_id)  # someone signs while the editor still shows the draft
    panel.evidence_view.selectRow(0)
    with mock.patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes):
        panel.remove_button.click()
    qtbot.waitUntil(lambda: "slutförd och signerad" in editor.message.text(), timeout=WAIT)
    with qtbot.waitSignal(editor.loaded, timeout=WAIT):
        editor.reload()
    editor.items.setCurrentCell(0, 2)
    assert not panel.remove_button.isEnabled()
    assert "kan inte ändras" in panel.remove_button.toolTip()
    (left,) = services.followup.get_followup(started.id).results[0].evidence
    assert left.filename == "skattekonto.pdf"
