"""The jäv area end to end: roster, declaration, bidders, cross-check, gating, assessment, PDFs."""

from __future__ import annotations

import io
import uuid
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMessageBox, QTableWidgetItem
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from inkop_desktop.domain.errors import TransitionError
from inkop_desktop.domain.jav.kinds import DeclarationState, InterestKind, JavGround
from inkop_desktop.gui.jav.assessment_dialog import AssessmentDialog
from inkop_desktop.gui.jav.declaration_editor import DeclarationEditor
from inkop_desktop.gui.jav.page import JavPage
from inkop_desktop.gui.jav.pickers import ParticipantDialog, PickDialog, RemovalDialog
from inkop_desktop.gui.jav.procurement_dialog import ProcurementDialog
from inkop_desktop.gui.pdf_preview import PdfPreviewDialog
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.services.jav_helpers import DAY, JavWorld, acting, add_quote, answers, build_world


@pytest.fixture
def world(sessions: sessionmaker[Session], base_rows: BaseRows) -> JavWorld:
    return build_world(sessions, base_rows.officer, base_rows.supplier)


def _dialog(qtbot: QtBot, services: Services, tasks: TaskRunner, **where: Any) -> ProcurementDialog:
    dialog = ProcurementDialog(services, tasks, **where)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.status is not None, timeout=10000)
    return dialog


def _add(qtbot: QtBot, dialog: ProcurementDialog, monkeypatch: Any, who: uuid.UUID, role: str):
    offered: list[list[tuple[str, Any]]] = []

    def ask(_cls: Any, _parent: Any, people: list[tuple[str, Any]]) -> dict[str, Any]:
        offered.append(people)
        return {"person_id": who, "role": role, "added_on": DAY}

    monkeypatch.setattr(ParticipantDialog, "ask", classmethod(ask))
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.add_participant()
    return offered[0]


def _assessment(
    qtbot: QtBot, services: Services, tasks: TaskRunner, participant: uuid.UUID
) -> AssessmentDialog:
    dialog = AssessmentDialog(services.jav, tasks, participant)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=10000)
    return dialog


def _row(dialog: ProcurementDialog, person: str) -> Any:
    assert dialog.status is not None
    return next(r for r in dialog.status.participants if r.person == person)


def _declare_interest(qtbot: QtBot, editor: DeclarationEditor) -> None:
    for ground, widgets in editor.grounds.items():
        (widgets.yes if ground is JavGround.PARTY_AFFECTED else widgets.no).setChecked(True)
    editor.grounds[JavGround.PARTY_AFFECTED].text.setPlainText("Jag äger aktier i bolaget.")
    editor.add_interest.click()
    table = editor.interests.table
    combo = table.cellWidget(0, 0)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(InterestKind.AGANDE.value))
    for column, text in enumerate(
        ("STÄD OCH SERVICE AKTIEBOLAG", "5560160680", "", "Fem procent via kapitalförsäkring."),
        start=1,
    ):
        table.setItem(0, column, QTableWidgetItem(text))
    editor.report_changes.setChecked(True)


def test_roster_declaration_cross_check_gating_and_assessment(
    qtbot: QtBot,
    services: Services,
    world: JavWorld,
    tasks: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = _dialog(qtbot, services, tasks, plan_item_id=world.plan_item)
    assert "UP-2026-001 – Städtjänster <b>&</b> fönsterputs" in dialog.header.text()
    offered = _add(qtbot, dialog, monkeypatch, world.anna, "Beställare")
    assert "Anna Ek" in [text for text, _ in offered]
    _add(qtbot, dialog, monkeypatch, world.bo, "Extern sakkunnig")
    assert [r.person for r in dialog.status.participants] == ["Anna Ek", "Bo Berg"]
    assert "signerad jävsdeklaration saknas" in dialog.blockers.text()

    # Anna declares an interest in a company (name and orgnr written differently).
    anna = acting(services, "anna.ek")
    editor = DeclarationEditor(anna.jav, tasks, _row(dialog, "Anna Ek").id)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.form_data is not None, timeout=10000)
    assert editor.sign_button.isVisibleTo(editor) and "inte kända" in editor.suppliers.text()
    _declare_interest(qtbot, editor)
    editor.sign()
    qtbot.waitUntil(lambda: "sekretessförbindelsen" in editor.error.text(), timeout=10000)
    assert "sekretessförbindelsen" in editor.secrecy.toolTip()  # marked at its field
    assert editor.report_changes.toolTip() == ""
    editor.secrecy.setChecked(True)
    assert editor.secrecy.toolTip() == ""  # the mark goes once the box is ticked
    with qtbot.waitSignal(editor.signed, timeout=10000):
        editor.sign_button.click()
    bo_id = _row(dialog, "Bo Berg").id
    acting(services, "bo.berg").jav.declare(bo_id, answers(), sign=True)

    # The suppliers become known: a bidder is listed; the cross-check flags Anna.
    monkeypatch.setattr(PickDialog, "ask", classmethod(lambda *_a: world.supplier))
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.add_bidder()
    anna_row = _row(dialog, "Anna Ek")
    assert [m.text for m in anna_row.matches] == [
        "Städ & Service AB (556016-0680): samma organisationsnummer"
    ]
    column = [c.key for c in dialog.model.columns].index("matches")
    index = dialog.model.index(dialog.status.participants.index(anna_row), column)
    assert "Städ & Service AB" in index.data()
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "Städ & Service AB (556016-0680)" in dialog.suppliers.text()
    blockers = services.jav.signing_blockers(plan_item_id=world.plan_item)
    assert any(b.startswith("Anna Ek (Beställare)") and "träff" in b for b in blockers)
    assert "Anna Ek" in dialog.blockers.text() and "Bo Berg" in dialog.blockers.text()
    with pytest.raises(TransitionError, match="Anna Ek"):
        services.jav.ensure_may_award(world.plan_item)

    # Both confirm against the named suppliers: Anna from her own to-do tab.
    page = JavPage(anna, tasks)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.mine.loaded, timeout=10000):
        page.reload()
    assert page.mine.model.rowCount() == 1
    assert page.mine.model.row_at(0).state is DeclarationState.OBEKRAFTAD
    with qtbot.waitSignal(page.mine.loaded, timeout=10000):
        page.mine.buttons[1].click()
    assert page.mine.model.rowCount() == 0
    acting(services, "bo.berg").jav.confirm(bo_id)
    assert [
        b.split(":")[0] for b in services.jav.signing_blockers(plan_item_id=world.plan_item)
    ] == ["Anna Ek (Beställare)"]

    # The responsible officer sees Anna in the queue and assesses; signing may go on.
    officer_page = JavPage(services, tasks)
    qtbot.addWidget(officer_page)
    with qtbot.waitSignal(officer_page.queue.loaded, timeout=10000):
        officer_page.reload()
    assert officer_page.queue.model.row_at(0).person == "Anna Ek"
    assessment = _assessment(qtbot, services, tasks, anna_row.id)
    assert assessment.items.count() == 2  # the declared interest and the yes-ground
    assert "Städ & Service AB" in assessment.match.text()
    assert "556016-0680" in assessment.details.toPlainText()
    assessment.not_jav.setChecked(True)
    assessment.reason.setPlainText("Misstänkt")
    assessment.save()
    qtbot.waitUntil(lambda: "misstanke räcker inte" in assessment.error.text(), timeout=10000)
    for _item in range(2):
        if _item:
            assessment = _assessment(qtbot, services, tasks, anna_row.id)
            assert "ej bedömd" in assessment.items.currentText()
            assessment.not_jav.setChecked(True)
        assessment.reason.setPlainText(
            "Innehavet är litet (fem procent) och ger inget inflytande; jävet saknar betydelse."
        )
        with qtbot.waitSignal(assessment.saved, timeout=10000):
            assessment.save()
    assert services.jav.signing_blockers(plan_item_id=world.plan_item) == []
    services.jav.ensure_may_award(world.plan_item)
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.refresh()
    assert "Inga hinder" in dialog.blockers.text()
    assert _row(dialog, "Anna Ek").state is DeclarationState.KLAR

    # The protocol is made in the background and shown in the QtPdf preview.
    shown: list[bytes] = []
    monkeypatch.setattr(
        PdfPreviewDialog, "ask", classmethod(lambda _c, _p, data, *_a: shown.append(data))
    )
    with qtbot.waitSignal(dialog.pdf_shown, timeout=20000):
        dialog.show_protocol()
    text = " ".join(PdfReader(io.BytesIO(shown[0])).pages[0].extract_text().split())
    assert "Jävsprotokoll" in text and "Anna Ek" in text and "Inga – inget jäv" in text


def test_direct_award_roster_shows_quotes_and_refuses_reading_for_others(
    qtbot: QtBot,
    qtmodeltester: Any,
    services: Services,
    world: JavWorld,
    tasks: TaskRunner,
    sessions: sessionmaker[Session],
) -> None:
    where = {"direct_award_id": world.award}
    anna_id = services.jav.add_participant(
        {"person_id": world.anna, "role": "Beställare", "added_on": DAY}, **where
    )
    acting(services, "anna.ek").jav.declare(anna_id, answers(), sign=True)
    add_quote(sessions, world.award, world.other_supplier)
    services.jav.mark_suppliers_known(**where)
    # the award is a draft: only those on its roster (and the people named on it) see it
    services.jav.add_participant({"person_id": world.bo, "role": "Sakkunnig", "added_on": DAY},
                                 **where)  # fmt: skip
    dialog = _dialog(qtbot, acting(services, "bo.berg"), tasks, **where)
    assert "Alfa Labb AB (556074-7569)" in dialog.suppliers.text()
    assert not dialog.buttons["bidder"].isEnabled()
    assert "inte bekräftad" in dialog.blockers.text()
    dialog.table.selectRow(0)
    assert not dialog.buttons["view"].isEnabled() and not dialog.buttons["assess"].isEnabled()
    assert not dialog.buttons["protocol"].isEnabled()
    qtmodeltester.check(dialog.model)


def test_a_medarbetare_is_refused_editing_a_roster_with_the_swedish_message(
    qtbot: QtBot, services: Services, tasks: TaskRunner, world: JavWorld, monkeypatch: Any
) -> None:
    anna = acting(services, "anna.ek")  # medarbetare
    dialog = _dialog(qtbot, anna, tasks, plan_item_id=world.plan_item)
    add, bidder = dialog.buttons["add"], dialog.buttons["bidder"]
    assert not add.isEnabled() and not bidder.isEnabled()
    assert add.toolTip().startswith(
        "Du får inte ändra vilka som deltar i en upphandling (du är medarbetare)."
    )
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    _add_without_waiting(dialog, monkeypatch, world.bo)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown[0].startswith("Du får inte ändra vilka som deltar i en upphandling")
    assert "upphandlare, inköpschef som är ansvarig för posten" in shown[0]
    assert anna.jav.procurement_jav(plan_item_id=world.plan_item).participants == ()


def _add_without_waiting(dialog: ProcurementDialog, monkeypatch: Any, who: uuid.UUID) -> None:
    """Drive the dialog's add path as if the button had been pressed."""
    answer = {"person_id": who, "role": "Sakkunnig", "added_on": DAY}
    monkeypatch.setattr(ParticipantDialog, "ask", classmethod(lambda *_a: answer))
    dialog.add_participant()


def test_a_removal_asks_why_and_the_due_declaration_keeps_blocking(
    qtbot: QtBot, services: Services, tasks: TaskRunner, world: JavWorld, monkeypatch: Any
) -> None:
    dialog = _dialog(qtbot, services, tasks, plan_item_id=world.plan_item)
    _add(qtbot, dialog, monkeypatch, world.bo, "Extern sakkunnig")
    dialog.table.selectRow(0)
    asked: list[bool] = []

    def ask(_cls: Any, _parent: Any, _person: str, _minimum: date, due: bool) -> Any:
        asked.append(due)
        return date(2026, 11, 20), "Konsultuppdraget avslutades."

    monkeypatch.setattr(RemovalDialog, "ask", classmethod(ask))
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.remove_participant()
    assert asked == [True]
    row = _row(dialog, "Bo Berg")
    assert (row.removed_on, row.removed_by) == (date(2026, 11, 20), "Karin Öberg")
    assert "Konsultuppdraget avslutades." in [
        dialog.model.index(0, c).data() for c in range(dialog.model.columnCount())
    ]
    assert "borttagen 2026-11-20 men deklarationen var redan förfallen" in dialog.blockers.text()


def test_a_yes_without_description_is_marked_at_its_text_and_nothing_is_signed(
    qtbot: QtBot,
    services: Services,
    world: JavWorld,
    tasks: TaskRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = _dialog(qtbot, services, tasks, plan_item_id=world.plan_item)
    _add(qtbot, dialog, monkeypatch, world.anna, "Beställare")
    anna = acting(services, "anna.ek")
    editor = DeclarationEditor(anna.jav, tasks, _row(dialog, "Anna Ek").id)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.form_data is not None, timeout=10000)
    for ground, widgets in editor.grounds.items():
        (widgets.yes if ground is JavGround.REPRESENTATIVE else widgets.no).setChecked(True)
    editor.report_changes.setChecked(True)
    editor.secrecy.setChecked(True)
    editor.sign()
    text = editor.grounds[JavGround.REPRESENTATIVE].text
    qtbot.waitUntil(lambda: "besvarad med ja" in text.toolTip(), timeout=10000)
    assert editor.grounds[JavGround.PARTY_AFFECTED].text.toolTip() == ""
    assert "Ställföreträdare eller ombud" in editor.error.text()
    assert editor.isVisible() or editor.result() == 0  # still open with the input kept
    assert editor.grounds[JavGround.REPRESENTATIVE].yes.isChecked()
    assert anna.jav.declaration_form(_row(dialog, "Anna Ek").id).latest is None
