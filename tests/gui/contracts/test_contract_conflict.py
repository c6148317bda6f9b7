"""Two people edit the same contract: the second save offers reload, compare or go on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from inkop_desktop.domain.errors import ConcurrentEditError
from inkop_desktop.domain.organisation import Role
from inkop_desktop.gui import conflict_dialog
from inkop_desktop.gui.conflict import Choice
from inkop_desktop.gui.conflict_dialog import CompareDialog
from inkop_desktop.gui.contracts.editor import ContractEditor
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.contracts.service import ContractDetail
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.services.conftest import acting_as
from tests.services.contract_helpers import contract_data


def _open(
    qtbot: QtBot, services: Services, tasks: TaskRunner, created: ContractDetail
) -> ContractEditor:
    editor = ContractEditor(services.contracts, tasks)
    qtbot.addWidget(editor)
    editor.start(created.id)
    qtbot.waitUntil(lambda: editor.is_ready)
    return editor


def _answer(monkeypatch: pytest.MonkeyPatch, choice: Choice) -> list[str]:
    """Answer the question after a concurrent edit with *choice*; the texts asked."""
    asked: list[str] = []

    def ask(_parent: object, exc: ConcurrentEditError) -> Choice:
        asked.append(exc.text)
        return choice

    monkeypatch.setattr(conflict_dialog, "ask_choice", ask)
    return asked


def _two_editors(
    qtbot: QtBot, services: Services, tasks: TaskRunner, rows: BaseRows
) -> tuple[ContractDetail, ContractEditor]:
    """Karin and Per open one contract; Karin saves a new title and notice period first."""
    created = services.contracts.create(contract_data(rows))
    per = acting_as(services, "per.lind", "Per Lind", Role.UPPHANDLARE)
    karins, pers = _open(qtbot, services, tasks, created), _open(qtbot, per, tasks, created)
    karins.fields.texts["title"].setText("Städtjänster Nyköping och Oxelösund")
    karins.fields.notice.setValue(6)
    with qtbot.waitSignal(karins.saved):
        karins.save()
    pers.fields.texts["title"].setText("Lokalvård Nyköping")
    pers.fields.texts["keywords"].setText("lokalvård, städ")
    return created, pers


def test_compare_saves_my_title_with_the_saved_notice_period_and_keywords_on_the_new_version(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    services: Services,
    base_rows: BaseRows,
    tasks: TaskRunner,
) -> None:
    created, pers = _two_editors(qtbot, services, tasks, base_rows)
    asked = _answer(monkeypatch, Choice.COMPARE)
    pers.save()
    qtbot.waitUntil(lambda: pers.findChild(CompareDialog) is not None)
    dialog = pers.findChild(CompareDialog)
    assert "ändrats av någon annan" in asked[0]
    assert set(dialog.keys) == {"title", "keywords", "notice_months"}
    header = dialog.table.horizontalHeaderItem(2).text()
    # PostgreSQL's trail names the database login ("postgres" in the tests), SQLite the person
    assert header.startswith(
        ("Sparat värde (Karin Öberg (karin.oberg), ", "Sparat värde (postgres, ")
    )
    row = dialog.keys.index("title")
    assert dialog.table.item(row, 0).text() == "Benämning"
    assert dialog.table.cellWidget(row, 1).text() == "Lokalvård Nyköping"
    assert dialog.table.cellWidget(row, 2).text() == "Städtjänster Nyköping och Oxelösund"
    assert dialog.keeps_mine("title") and dialog.keeps_mine("keywords")
    assert not dialog.keeps_mine("notice_months")  # Per never touched it: Karin's value
    dialog.pick("keywords", mine=False)
    with qtbot.waitSignal(pers.saved, timeout=10000):
        dialog.save_button.click()
    stored = services.contracts.get(created.id)
    assert (stored.data.title, stored.data.keywords, stored.data.notice_months) == (
        "Lokalvård Nyköping",
        "",
        6,
    )
    assert stored.version == created.version + 2  # Karin's save, then Per's mix on top of it


def test_the_mix_is_checked_again_when_someone_saved_once_more_meanwhile(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    services: Services,
    base_rows: BaseRows,
    tasks: TaskRunner,
) -> None:
    created, pers = _two_editors(qtbot, services, tasks, base_rows)
    asked = _answer(monkeypatch, Choice.COMPARE)
    pers.save()
    qtbot.waitUntil(lambda: pers.findChild(CompareDialog) is not None)
    dialog = pers.findChild(CompareDialog)
    now = services.contracts.get(created.id)
    services.contracts.update(now.id, now.version, {**now.data.model_dump(), "cpv": "90911200-8"})
    asked_before = len(asked)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: len(asked) > asked_before)
    assert pers.fields.texts["title"].text() == "Lokalvård Nyköping"  # still what Per typed
    assert services.contracts.get(created.id).data.title == "Städtjänster Nyköping och Oxelösund"


def test_reload_shows_the_saved_version_and_continue_keeps_my_input(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    services: Services,
    base_rows: BaseRows,
    tasks: TaskRunner,
) -> None:
    _created, pers = _two_editors(qtbot, services, tasks, base_rows)
    _answer(monkeypatch, Choice.CONTINUE)
    pers.save()
    qtbot.waitUntil(lambda: "ändrats av någon annan" in pers.error.text())
    assert pers.fields.texts["title"].text() == "Lokalvård Nyköping"
    _answer(monkeypatch, Choice.RELOAD)
    pers.is_ready = False
    pers.save()
    qtbot.waitUntil(lambda: pers.is_ready)
    assert pers.fields.texts["title"].text() == "Städtjänster Nyköping och Oxelösund"
    assert pers.fields.notice.value() == 6


@pytest.mark.parametrize("choice", list(Choice))
def test_the_question_offers_the_three_ways_by_their_swedish_names(
    qtbot: QtBot, choice: Choice
) -> None:
    seen: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.extend(b.text() for b in box.buttons())
        next(b for b in box.buttons() if b.text() == choice.value).click()

    QTimer.singleShot(0, click)
    assert conflict_dialog.ask_choice(None, ConcurrentEditError()) is choice
    assert sorted(seen) == sorted(c.value for c in Choice)
    assert (
        Choice.COMPARE.value == "Jämför fält för fält" and Choice.RELOAD.value == "Läs in på nytt"
    )
