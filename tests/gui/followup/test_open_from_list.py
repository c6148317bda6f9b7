"""The follow-up list: Enter or a double-click opens the plan's follow-up in the checklist."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inkop_desktop.domain.followup.model import FollowupStatus, Outcome
from inkop_desktop.domain.organisation import Role
from inkop_desktop.gui import views
from inkop_desktop.gui.followup import FollowupCommands
from inkop_desktop.gui.list_page import ListPage
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.gui.followup.helpers import planned_contract
from tests.services.conftest import acting_as

WAIT = 15000


def _list(qtbot: QtBot, services: Services, tasks: TaskRunner) -> tuple[ListPage, FollowupCommands]:
    commands = FollowupCommands(None, services, tasks, lambda: None)  # type: ignore[arg-type]
    page = ListPage(views.followup_view(services, lambda row: commands.open_plan(row.id)), tasks)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.reload()
    return page, commands


def test_enter_on_a_plan_starts_its_follow_up_and_opens_the_checklist(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    _contract_id, plan_id = planned_contract(services, base_rows)
    page, commands = _list(qtbot, services, tasks)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: commands.editor is not None, timeout=WAIT)
    editor = commands.editor
    assert editor is not None
    qtbot.waitUntil(lambda: editor.data is not None, timeout=WAIT)
    assert editor.data.detail.status is FollowupStatus.UTKAST  # type: ignore[union-attr]
    assert editor.windowTitle() == "Uppföljning – SRM-2026-0001 Städtjänster Nyköping"
    assert editor.draft_button.isEnabled()
    (row,) = services.followup.followups_of_plan(plan_id)
    assert row.id == editor.data.detail.id  # type: ignore[union-attr]


def test_a_reader_opens_the_latest_follow_up_read_only(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    _contract_id, plan_id = planned_contract(services, base_rows)
    started = services.followup.start_followup(plan_id)
    reader = acting_as(services, "mia.medarbetare", "Mia Medarbetare", Role.MEDARBETARE)
    page, commands = _list(qtbot, reader, tasks)
    page.table.doubleClicked.emit(page.model.index(0, 0))
    qtbot.waitUntil(lambda: commands.editor is not None, timeout=WAIT)
    editor = commands.editor
    assert editor is not None
    qtbot.waitUntil(lambda: editor.data is not None, timeout=WAIT)
    assert editor.data.detail.id == started.id  # type: ignore[union-attr]
    assert not editor.editable and not editor.draft_button.isEnabled()


def test_the_picture_view_opens_a_follow_up_at_its_first_deviation(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    _contract_id, plan_id = planned_contract(services, base_rows)
    started = services.followup.start_followup(plan_id)
    third = started.results[2]
    services.followup.save_followup(
        started.id,
        started.version,
        [{"result_id": third.id, "outcome": Outcome.AVVIKELSE, "comment": "Saknas."}],
    )
    commands = FollowupCommands(None, services, tasks, lambda: None)  # type: ignore[arg-type]
    shown: list[object] = []
    commands.show_example(shown.append, shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT)
    editor = commands.editor
    assert shown == [editor] and editor is not None
    assert editor.items.currentRow() == 2
    assert editor.panel.outcomes[Outcome.AVVIKELSE].isChecked()
