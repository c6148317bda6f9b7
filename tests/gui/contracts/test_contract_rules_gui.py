"""What the editor shows for the value and option rules: read-only value, errors beside fields."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from inkop_desktop.domain.contracts.model import OptionDecision
from inkop_desktop.gui.contracts.editor import ContractEditor
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.services.contract_helpers import contract_data

USED, OPEN = OptionDecision.UTNYTTJAD.value, OptionDecision.EJ_BESLUTAD.value
AMENDMENT = {
    "amended_on": date(2025, 6, 1),
    "reason": "Utökad volym",
    "new_value_ore": 3_300_000_00,
}


def _editor(
    qtbot: QtBot, services: Services, tasks: TaskRunner, contract_id: object
) -> ContractEditor:
    editor = ContractEditor(services.contracts, tasks)
    qtbot.addWidget(editor)
    editor.start(contract_id)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: editor.is_ready)
    return editor


def test_after_an_amendment_the_original_value_is_read_only_and_says_why(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    plain = services.contracts.create(contract_data(base_rows, contract_number="SRM-2026-0002"))
    assert not _editor(qtbot, services, tasks, plain.id).fields.total.isReadOnly()
    created = services.contracts.create(contract_data(base_rows))
    services.contracts.add_amendment(created.id, created.version, AMENDMENT)
    editor = _editor(qtbot, services, tasks, created.id)
    total = editor.fields.total
    assert total.isReadOnly()
    assert "står kvar som det först tecknades" in total.toolTip()
    assert "fliken Ändringar" in total.toolTip()
    editor.fields.texts["title"].setText("Städtjänster Nyköping och Oxelösund")
    with qtbot.waitSignal(editor.saved):
        editor.save()
    stored = services.contracts.get(created.id)
    assert (stored.data.total_value_ore, stored.current_value_ore) == (3_000_000_00, 3_300_000_00)


def test_an_annual_value_above_the_total_is_explained_beside_the_field(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    created = services.contracts.create(contract_data(base_rows))
    editor = _editor(qtbot, services, tasks, created.id)
    beside = editor.values_rules.problem
    assert beside.isHidden()
    editor.fields.annual.setText("3 500 000")
    assert not beside.isHidden()
    assert beside.text().startswith("Årligt värde: får inte vara större än det totala värdet")
    editor.save()
    qtbot.waitUntil(lambda: "Årligt värde" in editor.error.text())
    assert editor.tabs.currentWidget().objectName() == "valueTab"
    assert services.contracts.get(created.id).data.annual_value_ore == 1_500_000_00
    editor.fields.annual.setText("1 000 000")
    assert beside.isHidden()


def test_exercising_an_option_moves_the_end_date_and_undoing_moves_it_back(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    options = [{"months": 12}, {"months": 6}]
    created = services.contracts.create(contract_data(base_rows), options)
    editor = _editor(qtbot, services, tasks, created.id)
    model = editor.options
    assert not model.setData(model.index(1, 3), USED)  # not before option 1
    assert "Option 2 kan inte vara utnyttjad när option 1 inte är det" in editor.error.text()
    assert editor.fields.end_date() == date(2026, 12, 31)
    assert model.setData(model.index(0, 3), USED)
    assert editor.fields.end_date() == date(2027, 12, 31)
    assert editor.error.text() == ""
    assert model.index(0, 2).data() == "2027-01-01 – 2027-12-31"  # the option's own period
    assert model.setData(model.index(1, 3), USED)
    assert editor.fields.end_date() == date(2028, 6, 30)
    assert model.setData(model.index(1, 3), OPEN)
    assert editor.fields.end_date() == date(2027, 12, 31)
    assert "2028-06-30" in editor.latest_end.text()
    with qtbot.waitSignal(editor.saved):
        editor.save()
    stored = services.contracts.get(created.id)
    assert stored.data.end_date == date(2027, 12, 31)
    assert [o.decision.value for o in stored.options] == [USED, OPEN]
