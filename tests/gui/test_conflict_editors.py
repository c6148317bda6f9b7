"""The compare dialog is the same in the plan item, supplier and direct-award editors."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from inkop_desktop.domain.organisation import Parties
from inkop_desktop.domain.plan.status import Procedure
from inkop_desktop.gui import conflict_dialog
from inkop_desktop.gui.conflict import Choice
from inkop_desktop.gui.conflict_dialog import CompareDialog
from inkop_desktop.gui.direct_award.editor import DirectAwardEditor
from inkop_desktop.gui.plan.editor import PlanItemEditor
from inkop_desktop.gui.suppliers.editor import SupplierEditor
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.gui.conftest import BaseRows
from tests.services.award_setup import AwardWorld, world

__all__ = ["world"]


@pytest.fixture(autouse=True)
def compare_on_conflict(monkeypatch: pytest.MonkeyPatch) -> None:
    """Answer "Jämför fält för fält" whenever someone else saved first."""
    monkeypatch.setattr(conflict_dialog, "ask_choice", lambda _p, _e: Choice.COMPARE)


def _dialog(qtbot: QtBot, editor: object) -> CompareDialog:
    qtbot.waitUntil(lambda: editor.findChild(CompareDialog) is not None)  # type: ignore[attr-defined]
    return editor.findChild(CompareDialog)  # type: ignore[attr-defined, no-any-return]


def test_plan_item_compare_saves_my_title_and_the_saved_description(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    item = services.plan.create(
        dict(title="Lokalvård", year=2025, parties=Parties.SORMLAND,
             organisation_ids=(base_rows.region,), cpv_codes=("90910000-9",),
             estimated_total_ore=3_000_000_00, procedure=Procedure.OPPET,
             planned_start=date(2025, 3, 1))
    )  # fmt: skip
    editor = PlanItemEditor(services, tasks)
    qtbot.addWidget(editor)
    editor.open_item(item.id)
    qtbot.waitUntil(lambda: editor.title.text() == "Lokalvård")
    theirs = {**item.data.model_dump(), "title": "Lokalvård 2", "description": "Alla lokaler"}
    services.plan.update(item.id, item.version, theirs)
    editor.title.setText("Lokalvård och fönsterputs")
    editor.texts["description"].setPlainText("Vårdlokaler")
    editor.save()
    dialog = _dialog(qtbot, editor)
    assert set(dialog.keys) == {"title", "description"}
    saved_by = dialog.table.horizontalHeaderItem(2).text()
    assert "Karin Öberg (karin.oberg)" in saved_by or "(postgres, " in saved_by  # PG: the login
    dialog.pick("description", mine=False)
    with qtbot.waitSignal(editor.saved, timeout=10000):
        dialog.save_button.click()
    stored = services.plan.get(item.id)
    assert (stored.data.title, stored.data.description, stored.version) == (
        "Lokalvård och fönsterputs",
        "Alla lokaler",
        item.version + 2,
    )


def test_supplier_compare_keeps_the_saved_city_and_my_phone(
    qtbot: QtBot, services: Services, base_rows: BaseRows, tasks: TaskRunner
) -> None:
    editor = SupplierEditor(services.suppliers, tasks)
    qtbot.addWidget(editor)
    editor.open_supplier(base_rows.supplier)
    qtbot.waitUntil(lambda: editor.edits["name"].text() == "Städ & Service AB")
    other = services.suppliers.get(base_rows.supplier)
    data = other.model_dump(include={"name", "orgnr", "address", "city", "email", "phone", "notes"})
    services.suppliers.update(other.id, other.version, {**data, "city": "Västerås"})
    editor.edits["city"].setText("Nyköping")
    editor.edits["phone"].setText("0155-24 50 00")
    editor.save()
    dialog = _dialog(qtbot, editor)
    assert set(dialog.keys) == {"city", "phone"}
    assert dialog.table.item(dialog.keys.index("city"), 0).text() == "Ort"
    dialog.pick("city", mine=False)
    with qtbot.waitSignal(editor.saved, timeout=10000):
        dialog.save_button.click()
    stored = services.suppliers.get(base_rows.supplier)
    assert (stored.city, stored.phone, stored.version) == (
        "Västerås",
        "0155-24 50 00",
        other.version + 2,
    )


def test_direct_award_compare_keeps_my_title_and_the_saved_duration(
    qtbot: QtBot, services: Services, world: AwardWorld, tasks: TaskRunner
) -> None:
    created = services.direct_awards.create(world.record())
    editor = DirectAwardEditor(services, tasks)
    qtbot.addWidget(editor)
    editor.start(created.id)
    qtbot.waitUntil(lambda: editor.detail is not None and not editor._busy, timeout=20000)
    theirs = {**created.editable_values(), "duration": "Leverans inom två veckor"}
    services.direct_awards.update(created.id, created.version, theirs)
    editor.fields.lines["title"].setText("Centrifug och rotor till laboratoriet")
    editor.fields.lines["duration"].setText("Engångsleverans i maj")
    editor.save()
    dialog = _dialog(qtbot, editor)
    assert set(dialog.keys) == {"title", "duration"}
    assert dialog.table.item(dialog.keys.index("title"), 0).text() == "Vad köps"
    dialog.pick("duration", mine=False)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: editor.detail.version == created.version + 2, timeout=20000)
    stored = services.direct_awards.get(created.id)
    assert (stored.title, stored.duration) == (
        "Centrifug och rotor till laboratoriet",
        "Leverans inom två veckor",
    )
