"""Performing a follow-up in the GUI: a serious deviation, its åtgärd, signing and closing."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from unittest import mock

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from inkop_desktop.domain.followup.model import FollowupStatus, Outcome, Sanction
from inkop_desktop.gui.followup.checklist import FollowupEditor
from inkop_desktop.gui.followup.contract_tab import FollowupTab
from inkop_desktop.gui.form_helpers import select_data
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.dto import ListQuery
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.gui.followup.helpers import contract_tab, planned_contract

WAIT = 15000
YES = QMessageBox.StandardButton.Yes


def _counts(services: Services, plan_id: uuid.UUID) -> tuple[int, int, int]:
    """(deviations, open actions, signed follow-ups) of the plan, as the list and plan show."""
    row = next(r for r in services.followup.list(ListQuery()).rows if r.id == plan_id)
    done = sum(
        1
        for f in services.followup.followups_of_plan(plan_id)
        if f.status is FollowupStatus.SLUTFORD
    )
    return row.deviations, row.open_actions, done


def _tab(
    qtbot: QtBot, services: Services, tasks: TaskRunner, contract_id: uuid.UUID
) -> FollowupTab:
    """The contract editor with its "Uppföljning" tab, loaded."""
    return contract_tab(qtbot, services, tasks, contract_id, WAIT)


def _assess(editor: FollowupEditor, row: int, outcome: Outcome, comment: str = "") -> None:
    """Pick *row*, choose the outcome with its radio button, type the comment."""
    editor.items.setCurrentCell(row, 2)
    editor.panel.outcomes[outcome].click()
    if comment:
        editor.panel.comment.setPlainText(comment)


def test_a_serious_deviation_gets_an_action_is_signed_and_the_action_closed(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner, tmp_path: Path
) -> None:
    contract_id, plan_id = planned_contract(services, base_rows)
    tab = _tab(qtbot, services, tasks, contract_id)
    assert "Riskklass Kritisk (10 %)" in tab.plan.text()
    assert tab.new_button.isEnabled() and not tab.open_button.isEnabled()
    assert _counts(services, plan_id) == (0, 0, 0)

    tab.new_button.click()
    qtbot.waitUntil(lambda: tab.editor is not None and tab.editor.data is not None, timeout=WAIT)
    editor = tab.editor
    assert editor is not None
    points = editor.data.detail.results  # type: ignore[union-attr]
    assert len(points) == 5 and all(p.serious for p in points)
    assert editor.items.item(0, 2).text().startswith("⚠ F-skatt")
    assert "Förväntat underlag: Utdrag från Skatteverkets" in editor.panel.expected.text()

    _assess(editor, 0, Outcome.AVVIKELSE, "F-skattsedeln återkallad i oktober.")
    for row in range(1, len(points)):
        _assess(editor, row, Outcome.OK)
    assert editor.items.item(0, 3).text() == "Avvikelse"
    evidence = tmp_path / "skattekonto.pdf"
    evidence.write_bytes(b"%PDF-1.4 skattekontoutdrag")
    editor.items.setCurrentCell(4, 2)
    with qtbot.waitSignal(editor.loaded, timeout=WAIT):
        editor.add_evidence(evidence)
    assert editor.panel.evidence.rowCount() == 1  # the edits above survived the re-read
    assert editor.items.item(0, 3).text() == "Avvikelse"

    with (
        mock.patch.object(QMessageBox, "question", return_value=YES),
        qtbot.waitSignal(editor.loaded, timeout=WAIT),
    ):
        editor.sign()
    assert "allvarlig avvikelse och behöver en åtgärd" in editor.message.text()
    assert not editor.dirty  # the draft was saved although signing was refused

    editor.items.setCurrentCell(0, 2)
    assert editor.panel.action_button.isEnabled()
    editor.panel.action_button.click()
    qtbot.waitUntil(lambda: editor.action_dialog is not None, timeout=WAIT)
    dialog = editor.action_dialog
    assert dialog is not None
    dialog.description.setPlainText("Begär nytt registreringsbevis; reklamation enligt avtalet.")
    select_data(dialog.sanction, Sanction.REKLAMATION)
    with qtbot.waitSignal(editor.loaded, timeout=WAIT):
        dialog.save()
    assert editor.action_panel.model.rowCount() == 1
    assert _counts(services, plan_id) == (1, 1, 0)

    with (
        mock.patch.object(QMessageBox, "question", return_value=YES),
        qtbot.waitSignal(editor.signed, timeout=WAIT),
    ):
        editor.sign()
    qtbot.waitUntil(lambda: editor.signed_off, timeout=WAIT)
    assert _counts(services, plan_id) == (1, 1, 1)
    assert not editor.draft_button.isEnabled() and not editor.sign_button.isEnabled()
    assert "signerad" in editor.sign_button.toolTip()
    assert not editor.panel.outcomes[Outcome.OK].isEnabled()
    assert editor.panel.comment.isReadOnly() and not editor.panel.add_button.isEnabled()
    assert "Slutförd och signerad av Karin Öberg" in editor.header.text()

    editor.action_panel.view.selectRow(0)
    assert editor.action_panel.close_button.isEnabled()  # actions are tracked after signing
    editor.action_panel.close_button.click()
    closing = editor.action_panel.dialog
    assert closing is not None
    closing.note.setPlainText("Nytt F-skattebevis inkommet 2026-11-30.")
    with qtbot.waitSignal(editor.loaded, timeout=WAIT):
        closing.save()
    assert _counts(services, plan_id) == (1, 0, 1)
    (action,) = services.followup.actions_of_contract(contract_id)
    assert (action.closing_note, action.closed_on) == (
        "Nytt F-skattebevis inkommet 2026-11-30.",
        date.today(),
    )
    assert editor.action_panel.model.index(0, 5).data() == "Klar"

    with qtbot.waitSignal(tab.loaded, timeout=WAIT):
        editor.done(0)
    assert tab.followups.rowCount() == 1 and tab.action_panel.model.rowCount() == 0
    assert tab.followups.index(0, 2).data() == "Slutförd"


def test_a_draft_is_saved_and_continued_later(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    _contract_id, plan_id = planned_contract(services, base_rows)
    first = services.followup.start_followup(plan_id)
    editor = FollowupEditor(services, tasks)
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.loaded, timeout=WAIT):
        editor.start(first.id)
    _assess(editor, 1, Outcome.EJ_TILLAMPLIG, "Leverantören har inga anställda.")
    editor.summary.setPlainText("Möte på distans.")
    with qtbot.waitSignal(editor.saved, timeout=WAIT):
        editor.draft_button.click()
    again = FollowupEditor(services, tasks)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.loaded, timeout=WAIT):
        again.start(first.id)
    assert again.items.item(1, 3).text() == "Ej tillämplig"
    assert again.items.item(0, 3).text() == "Ej bedömd"
    assert again.summary.toPlainText() == "Möte på distans."
    again.items.setCurrentCell(1, 2)
    assert again.panel.outcomes[Outcome.EJ_TILLAMPLIG].isChecked()
    assert again.panel.comment.toPlainText() == "Leverantören har inga anställda."
    assert services.followup.start_followup(plan_id).id == first.id  # the same draft continues


def test_keyboard_moves_through_the_points_and_sets_the_outcome(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    _contract_id, plan_id = planned_contract(services, base_rows)
    editor = FollowupEditor(services, tasks)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitActive(editor)
    with qtbot.waitSignal(editor.loaded, timeout=WAIT):
        editor.start(services.followup.start_followup(plan_id).id)
    editor.items.setFocus()
    qtbot.keyClick(editor.items, Qt.Key.Key_Down)
    assert editor.items.currentRow() == 1
    qtbot.keyClick(editor.items, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: editor.items.item(1, 3).text() == "Avvikelse")  # an animated click
    assert editor.results()[1]["outcome"] is Outcome.AVVIKELSE


def test_evidence_opens_as_a_verified_copy_and_the_follow_up_as_a_pdf(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner, tmp_path: Path
) -> None:
    _contract_id, plan_id = planned_contract(services, base_rows)
    editor = FollowupEditor(services, tasks)
    qtbot.addWidget(editor)
    with qtbot.waitSignal(editor.loaded, timeout=WAIT):
        editor.start(services.followup.start_followup(plan_id).id)
    extract = tmp_path / "kronofogden.pdf"
    extract.write_bytes(b"%PDF-1.4 inga skulder")
    editor.items.setCurrentCell(3, 2)
    with qtbot.waitSignal(editor.loaded, timeout=WAIT):
        editor.add_evidence(extract)
    assert editor.panel.evidence.index(0, 0).data() == "kronofogden.pdf"
    assert editor.panel.open_button.isEnabled()
    with mock.patch.object(QDesktopServices, "openUrl") as opened:
        editor.panel.open_button.click()
        qtbot.waitUntil(lambda: opened.called, timeout=WAIT)
    assert editor.opened is not None and editor.opened.read_bytes() == b"%PDF-1.4 inga skulder"
    editor.pdf_button.click()
    qtbot.waitUntil(lambda: editor.pdf is not None, timeout=WAIT)
    assert editor.pdf is not None and editor.pdf.document.pageCount() >= 1
