"""Sub-steps never wipe what was typed but not yet saved; the nämnd list follows the region."""

from __future__ import annotations

from unittest import mock

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from inkop_desktop.domain.organisation import Parties
from inkop_desktop.gui.direct_award.editor import DirectAwardEditor
from inkop_desktop.gui.direct_award.quote_dialog import QuoteDialog
from inkop_desktop.gui.tasks import TaskRunner
from inkop_desktop.services.registry import Services
from tests.services.award_setup import AwardWorld, as_maker, world

__all__ = ["world"]


def _texts(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_registering_a_quote_keeps_and_stores_the_unsaved_input(
    qtbot: QtBot, services: Services, world: AwardWorld, tasks: TaskRunner
) -> None:
    maker = as_maker(services)
    editor = DirectAwardEditor(maker, tasks)
    qtbot.addWidget(editor)
    editor.start(None)
    unit = editor.fields.combos["organisation_id"]
    qtbot.waitUntil(
        lambda: unit.currentData() == str(world.forvaltning) and not editor._busy, timeout=20000
    )
    fields = editor.fields
    fields.lines["title"].setText("Centrifug till laboratoriet")
    fields.lines["cpv"].setText("38434000-6")
    fields.value.setText("250 000")
    fields.texts["competition"].setPlainText("Fyra leverantörer tillfrågades per e-post.")
    fields.asked.setValue(4)  # never saved: "Registrera offert" is the first command
    quote = {**world.quote(0, "238 000"), "notes": ""}
    with mock.patch.object(QuoteDialog, "ask", return_value=quote):
        editor.buttons["addQuoteButton"].click()
        qtbot.waitUntil(lambda: bool(editor.detail and editor.detail.quotes), timeout=20000)
    qtbot.waitUntil(lambda: not editor._busy, timeout=20000)
    assert fields.texts["competition"].toPlainText() == "Fyra leverantörer tillfrågades per e-post."
    assert (
        fields.asked.value() == 4 and fields.lines["title"].text() == "Centrifug till laboratoriet"
    )
    stored = services.direct_awards.get(editor.detail.id)  # type: ignore[union-attr]
    assert stored.competition.startswith("Fyra") and stored.suppliers_asked == 4
    assert stored.value_ore == 23_800_000 and fields.value.text() == "238\u00a0000"


def test_the_namnd_list_holds_the_chosen_region_and_the_region_follows_the_namnd(
    qtbot: QtBot, services: Services, world: AwardWorld, tasks: TaskRunner
) -> None:
    editor = DirectAwardEditor(as_maker(services), tasks)
    qtbot.addWidget(editor)
    editor.start(None)
    units, region = editor.fields.combos["organisation_id"], editor.fields.region
    qtbot.waitUntil(
        lambda: units.currentData() == str(world.forvaltning) and not editor._busy, timeout=20000
    )
    assert "Hälso- och sjukvårdsförvaltningen" in _texts(units)
    region.setCurrentIndex(region.findData(Parties.VASTMANLAND.value))
    assert _texts(units) == ["– välj –"]  # no Sörmland unit offered for Västmanland
    region.setCurrentIndex(region.findData(Parties.BADA.value))
    assert "Hälso- och sjukvårdsförvaltningen (SRM)" in _texts(units)  # both: region shown
    region.setCurrentIndex(region.findData(Parties.VASTMANLAND.value))
    region.setCurrentIndex(region.findData(Parties.SORMLAND.value))
    units.setCurrentIndex(units.findData(str(world.namnd)))
    units.activated.emit(units.currentIndex())  # the user picks the nämnd
    assert region.currentData() == Parties.SORMLAND.value
