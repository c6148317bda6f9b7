"""Administration → Checklistor: saving a template makes a new version; others only read."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QTableWidgetItem
from pytestqt.qtbot import QtBot

from inkop_desktop.domain.followup.model import CheckCategory
from inkop_desktop.domain.organisation import Role
from inkop_desktop.gui.admin.window import AdministrationWindow
from inkop_desktop.gui.form_helpers import select_data
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.gui.followup.helpers import TAX, planned_contract, template_id
from tests.services.conftest import acting_as

WAIT = 30000
NEW_TEXT = "F-skatt: kontrollerad i Hämta företagsinformation samma dag som mötet."


def _open(qtbot: QtBot, services: Services, tasks: TaskRunner) -> AdministrationWindow:
    window = AdministrationWindow(services, tasks)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.checklists)
    with qtbot.waitSignal(window.checklists.loaded, timeout=WAIT):
        window.reload()
    return window


def test_saving_a_template_creates_a_version_and_an_earlier_follow_up_keeps_its_own(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    _contract_id, plan_id = planned_contract(services, base_rows)
    before = services.followup.start_followup(plan_id)
    window = _open(qtbot, services, tasks)
    tab = window.checklists
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "&Checklistor"
    assert TAX in tab.names()
    tab.select(TAX)
    qtbot.waitUntil(lambda: tab.opened is not None and tab.opened.name == TAX, timeout=WAIT)
    assert "Att spara skapar version 2" in tab.note.text()
    assert tab.items.rowCount() == 5
    tab.items.setItem(0, 1, QTableWidgetItem(NEW_TEXT))
    row = tab.items.add_item()
    tab.items.setItem(row, 1, QTableWidgetItem("Bolagsverket: verklig huvudman registrerad."))
    combo = tab.items.cellWidget(row, 0)
    assert isinstance(combo, QComboBox)
    select_data(combo, CheckCategory.VALFARDSBROTT)
    tab.save()
    qtbot.waitUntil(lambda: tab.error.text() == "Sparad som version 2.", timeout=WAIT)
    stored = services.followup_templates.get_template(template_id(services))
    assert (stored.current_version, stored.versions) == (2, (1, 2))
    assert stored.items[0].text == NEW_TEXT
    assert stored.items[-1].category is CheckCategory.VALFARDSBROTT
    assert "Att spara skapar version 3" in tab.note.text()
    kept = services.followup.get_followup(before.id)
    assert len(kept.results) == 5 and kept.results[0].item_text.startswith("F-skatt: leverantören")


def test_an_empty_point_is_refused_and_nothing_is_saved(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    template_id(services)
    window = _open(qtbot, services, tasks)
    tab = window.checklists
    qtbot.waitUntil(lambda: tab.opened is not None, timeout=WAIT)
    version = tab.opened.current_version
    tab.items.add_item()
    tab.save()
    assert tab.error.text() == f"Punkt {tab.items.rowCount()} saknar text."
    assert services.followup_templates.get_template(tab.opened.id).current_version == version


def test_a_person_who_is_not_an_administrator_reads_the_checklists(
    qtbot: QtBot, services: Services, tasks: TaskRunner
) -> None:
    template_id(services)
    reader = acting_as(services, "ulla.upphandlare", "Ulla Upphandlare", Role.UPPHANDLARE)
    window = _open(qtbot, reader, tasks)
    tab = window.checklists
    qtbot.waitUntil(lambda: tab.opened is not None, timeout=WAIT)
    assert tab.items.rowCount() > 0 and tab.name.isReadOnly()
    assert not any(b.isEnabled() for b in (*tab.save_buttons, *tab.item_buttons))
    assert tab.note.text() == ""
