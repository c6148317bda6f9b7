"""The editor's checks follow the facts: a save that makes the contract check untrue clears it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from inkop_desktop.domain.organisation import Parties
from inkop_desktop.gui.direct_award.editor import DirectAwardEditor
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.services.award_setup import AwardWorld, covering_contract, world

__all__ = ["world"]


def test_moving_the_award_to_a_region_with_a_contract_shows_the_check_redone(
    qtbot: QtBot, services: Services, world: AwardWorld, tasks: TaskRunner
) -> None:
    covering_contract(services, world, Parties.VASTMANLAND)
    service = services.direct_awards
    draft = service.create(world.record())
    draft = service.record_contract_check(draft.id, draft.version, None, "")
    editor = DirectAwardEditor(services, tasks)
    qtbot.addWidget(editor)
    editor.start(draft.id)
    problems = editor.panel.problems
    qtbot.waitUntil(lambda: editor.panel.checklist.count() == 8 and not editor._busy, timeout=20000)
    assert "Kontrollera först" not in problems.text()
    assert "Inget gällande avtal hittades." in editor.labels["contractStatusLabel"].text()
    region = editor.fields.region
    region.setCurrentIndex(region.findData(Parties.VASTMANLAND.value))
    version = draft.version
    editor.buttons["saveButton"].click()
    qtbot.waitUntil(
        lambda: (
            editor.detail is not None
            and editor.detail.version > version
            and "Kontrollera först" in problems.text()
            and not editor._busy
        ),
        timeout=20000,
    )
    notice = editor.labels["errorLabel"].text()
    assert "har tagits bort" in notice and "RV-2024-0007 Laboratorieutrustning" in notice
    qtbot.waitUntil(
        lambda: "1 gällande avtal hittades." in editor.labels["contractStatusLabel"].text(),
        timeout=20000,
    )
    assert editor.contracts.rowCount() == 1
